"""`jixiao check` as a reviewer and a script see it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import main
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration
SEED000 = str(SEEDS / "000_ff9771ed16f1acda.txt")
CLEAN = """项目支出绩效自评表
（2024 年度）
项目名称\t测试项目
主管部门\t某某局\t实施单位\t某某中心
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t100\t100\t100\t10\t100%\t10
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t50\t50\t
效益指标\t社会效益指标\t能力提升\t有所提升\t明显提升\t30\t30\t
满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10\t
总分\t\t\t\t\t100\t100\t
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_follows_the_contract_and_exits_1_on_errors() -> None:
    code, out, _ = run("check", str(SEEDS / "001_858009592e04ec6e.txt"), "--format", "json")

    data = json.loads(out)
    findings = [f for form in data["forms"] for f in form["findings"]]
    assert code == 1
    assert set(data) >= {"source", "forms", "findings"}
    assert [form["project"] for form in data["forms"]][:2] == ["行政运行经费", "三医建设业务经费"]
    assert all(set(f) >= {"code", "check", "severity", "message", "hint", "location"} for f in findings)
    exceeds = [f for f in findings if f["check"] == "score_exceeds_weight"]
    assert len(exceeds) == 2 and all(f["severity"] == "error" for f in exceeds)
    assert exceeds[0]["location"].endswith("001_858009592e04ec6e.txt:129:9")


def test_clean_form_exits_0_with_no_findings(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")

    code, out, _ = run("check", str(path), "--format", "json")

    data = json.loads(out)
    assert code == 0
    assert data["forms"][0]["findings"] == [] and data["findings"] == []


def test_text_groups_by_form_and_counts_by_severity() -> None:
    code, out, _ = run("check", SEED000)

    assert code == 1
    assert "第7张表 · 2023年度居民医保管理工作经费" in out
    assert "JX205 [错误] 第7张表 年度资金总额：全年预算数为0，全年执行数却为 10" in out
    assert out.rstrip().splitlines()[-1].startswith("共 ")
    assert "建议：" in out


def test_select_and_ignore(tmp_path: Path) -> None:
    code, out, _ = run("check", SEED000, "--select", "JX2", "--ignore", "JX205,JX208", "--format", "json")

    codes = {f["code"] for form in json.loads(out)["forms"] for f in form["findings"]}
    assert codes == {"JX203", "JX204", "JX206"}
    assert code == 1


def test_unknown_check_is_a_usage_error() -> None:
    code, _, err = run("check", SEED000, "--select", "JX9")

    assert code == 2
    assert "JX9" in err


def test_summary_ranks_forms_for_spot_checks() -> None:
    code, out, _ = run("check", str(SEEDS), "--summary")

    assert code == 1
    assert "汇总：5 个文件，39 张表" in out
    assert "按检查项：" in out and "按单位（错误/警告/提示）：" in out
    ranked = out.split("建议优先抽查的表")[1].splitlines()[1]
    assert "001_858009592e04ec6e.txt" in ranked


def test_summary_names_each_check_in_chinese_beside_its_code() -> None:
    _, out, _ = run("check", str(SEEDS), "--summary")

    by_check = out.split("按检查项：")[1].split("按单位")[0]
    line = next(x for x in by_check.splitlines() if "JX406" in x)
    assert line.split()[:2] == ["JX406", "一级指标分值偏离默认值"]
    assert line.split()[-1] == "level1_weights_off_default"  # the English name last, for scripts
    for row in filter(str.strip, by_check.splitlines()):
        assert re.search(r"JX\d{3} [\u4e00-\u9fff]", row), row


def test_batch_jsonl_and_summary_json() -> None:
    code, out, _ = run("check", str(SEEDS), "--format", "jsonl", "--summary")

    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert len(lines) == 6 and lines[-1]["summary"]["forms"] == 39
    assert lines[-1]["summary"]["forms_ranked"][0]["error"] >= 1
    titles = {c["code"]: c["title"] for c in lines[-1]["summary"]["by_check"]}
    assert titles["JX406"] == "一级指标分值偏离默认值"


def test_unreadable_file_in_a_batch_exits_2_and_the_rest_is_checked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 broken")

    code, out, err = run("check", str(tmp_path), "--format", "jsonl")

    assert code == 2
    assert "b.pdf" in err
    assert len(out.splitlines()) == 1


def test_relative_folder_with_dotdot_and_hidden_files_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(CLEAN, encoding="utf-8")
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")

    code, out, _ = run("check", "../in", "--format", "jsonl")

    assert code == 0
    assert [json.loads(line)["source"] for line in out.splitlines()] == ["../in/a.txt"]
