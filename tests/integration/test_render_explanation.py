"""The generated 决算情况说明 for seed 004: it agrees with its own tables (the narrative checks
find nothing in it) and states every figure the published explanation states correctly."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import main
from jixiao.core.checks import run_checks, select_checks
from jixiao.core.documents.accounts.narrative import read_narrative
from jixiao.core.documents.registry import recognise_prose
from jixiao.core.extract import extract
from jixiao.core.ingest.text import text_to_grid
from jixiao.core.render.document import to_text
from jixiao.core.render.explain import explain
from jixiao.core.scoring import load_profile
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.integration
STEM = "004_5fb32d9fdb188baf"
SEED = SEEDS / f"{STEM}.txt"
NARRATIVE_CHECKS = ["JX522", "JX523", "JX524", "JX525", "JX526", "JX527"]


@pytest.fixture(scope="module")
def seed():
    result = extract(SEED, source=SEED.name)
    accounts = result.final_accounts[0]
    text = to_text(explain(accounts, result.forms))
    generated = read_narrative(text_to_grid(text, "generated.txt"), 0, accounts)
    return result, accounts, text, generated


def test_the_generated_explanation_passes_the_narrative_checks(seed) -> None:
    _, accounts, text, generated = seed
    own = dataclasses.replace(accounts, narrative=tuple(generated))
    checked = run_checks(
        [],
        load_profile("hubei"),
        "generated.txt",
        select_checks(NARRATIVE_CHECKS, [], "default"),
        accounts=[own],
        prose=recognise_prose(text_to_grid(text, "generated.txt")),
    )
    assert [f.message for f in checked.all()] == []
    assert len(generated) > 60


def test_every_right_published_figure_is_stated_the_same(seed) -> None:
    """A published figure the generator does not repeat must be one the review found wrong."""
    _, accounts, _, generated = seed
    golden = json.loads((ROOT / "tests/golden/check" / f"{STEM}.json").read_text(encoding="utf-8"))
    wrong_lines = {f["location"].split(":")[1] for f in golden["findings"] if f["code"] in NARRATIVE_CHECKS}
    stated = {(f.kind, f.table, f.cell, f.value) for f in generated if f.table}
    published = [f for f in accounts.narrative if f.table]
    missing = [f for f in published if (f.kind, f.table, f.cell, f.value) not in stated]

    assert [str(f.ref) for f in missing if str(f.ref).split(":")[1] not in wrong_lines] == []
    assert len(published) - len(missing) >= 60


def test_it_reads_like_the_published_one(seed) -> None:
    _, _, text, _ = seed
    for sentence in [
        "2023年度收、支总计均为11229.01万元。与2022年度相比，收、支总计各增加10641.92万元，增长1812.7%。",
        "其中：财政拨款收入11208.44万元，占本年收入99.8%；",
        "基本支出590.11万元，占本年支出5.3%；项目支出10638.90万元，占本年支出94.7%；",
        "一般公共预算财政拨款收入11208.44万元，比2022年度决算数增加10626.08万元",
        "“三公”经费财政拨款支出全年预算为6.55万元，支出决算为1.57万元，完成全年预算的24%。",
        "公务用车购置及运行费全年预算为6.00万元，支出决算为1.57万元，完成全年预算的26.2%。",
        "人员经费546.30万元，主要包括：基本工资272.26万元、伙食补助费3.13万元",
        "共涉及项目2个，资金58.50万元，占一般公共预算项目支出总额的0.5%。",
    ]:
        assert sentence in text
    # where the published text is wrong, the generated one is right
    assert "卫生健康支出（类）11208.44万元，占100%" in text
    assert "一般公共服务（类）" not in text
    assert "增长100%" not in text


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_render_html_marks_placeholders_and_notes(tmp_path: Path) -> None:
    out = tmp_path / "说明.html"
    code, _, err = run("render", str(SEED), "--to", "html", "-o", str(out))
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert (
        page.startswith("<!DOCTYPE html>")
        and "<h1>随州市曾都区医疗保障服务中心2023年度部门决算情况说明</h1>" in page
    )
    assert "<mark>【收、支总计变动原因】</mark>" in page
    assert "按原说明推算" in err and "生成说明（不属于正文）" in page


def test_render_docx_is_a_word_document_with_highlighted_placeholders(tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "说明.docx"
    code, _, err = run("render", str(SEED), "--to", "docx", "-o", str(out))
    assert code == 0, err
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "一、收入支出决算总体情况说明" in text and "2023年度收、支总计均为11229.01万元" in text
    highlighted = [r.text for p in doc.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert "【收、支总计变动原因】" in highlighted


def test_data_file_fills_placeholders_and_prior_document_gives_changes(tmp_path: Path) -> None:
    template = tmp_path / "data.yaml"
    code, _, err = run(
        "render", str(SEED), "--to", "txt", "-o", str(tmp_path / "a.txt"), "--data-template", str(template)
    )
    assert code == 0, err
    content = template.read_text(encoding="utf-8").replace(
        "收、支总计变动原因: ''", "收、支总计变动原因: 新增医疗保险基金"
    )
    content = content.replace("收支总计: 587.09", "收支总计: 1000")
    template.write_text(content, encoding="utf-8")
    out = tmp_path / "b.txt"
    code, _, err = run("render", str(SEED), "--to", "txt", "-o", str(out), "--data", str(template))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "收、支总计各增加10229.01万元，增长1022.9%。主要原因是：新增医疗保险基金。" in text


def test_render_errors(tmp_path: Path) -> None:
    code, _, err = run(
        "render", str(SEEDS / "000_ff9771ed16f1acda.txt"), "--to", "html", "-o", str(tmp_path / "x.html")
    )
    assert code == 2 and "没有识别到部门决算公开表" in err
    code, _, err = run("render", str(SEED), "--to", "xlsx", "-o", str(tmp_path / "x.xlsx"))
    assert code == 2 and "'xlsx' is not one of 'html', 'docx', 'txt'" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("上年:\n  收支总计: 十\n", encoding="utf-8")
    code, _, err = run(
        "render", str(SEED), "--to", "html", "-o", str(tmp_path / "y.html"), "--data", str(bad)
    )
    assert code == 2 and "上年.收支总计" in err


def test_render_offers_only_the_formats_it_writes() -> None:
    code, out, _ = run("render", "--help")
    assert code == 0 and "[html|docx|txt]" in out and "xlsx" not in out and "pdf" not in out


def test_an_output_that_cannot_be_written_is_an_error_that_says_why(tmp_path: Path) -> None:
    """Exit 2 (a file could not be done), never 1 (error findings), and no traceback."""
    code, _, err = run("render", str(SEED), "--to", "html", "-o", str(tmp_path / "无此目录" / "说明.html"))
    assert code == 2 and "无法写入" in err and "所在目录不存在" in err and "Traceback" not in err
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    code, _, err = run("render", str(SEED), "--to", "txt", "-o", str(blocker / "说明.txt"))
    assert code == 2 and f"无法写入 {blocker / '说明.txt'}：路径中有一段不是目录" in err
    args = ("--to", "txt", "-o", str(tmp_path / "b.txt"), "--data-template", str(blocker / "x"))
    code, _, err = run("render", str(SEED), *args)
    assert code == 2 and "无法写入" in err and "Traceback" not in err


def test_prior_year_accounts_give_the_changes(tmp_path: Path) -> None:
    prior = tmp_path / "2022.json"
    prior.write_text(
        json.dumps(
            {
                "department": "某中心",
                "year": 2022,
                "tables": {"01": {"income_grand_total": 500, "income_total": 500}},
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "c.txt"
    code, _, err = run("render", str(SEED), "--to", "txt", "-o", str(out), "--prior", str(prior))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "收、支总计各增加10729.01万元，增长2145.8%" in text
    assert "上年收支总计 500.00 万元：上年决算 2022.json" in err
    # figures the prior year lacks still come from the document's own text
    assert "支出合计增加10641.92万元，增长1812.7%" in text
