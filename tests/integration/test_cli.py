"""The command line, as a user and a script see it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from jixiao.cli import main
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.integration
SCHEMA = json.loads((ROOT / "jixiao" / "schema" / "extract.schema.json").read_text(encoding="utf-8"))
SEED000 = str(SEEDS / "000_ff9771ed16f1acda.txt")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_json_follows_the_contract_and_schema() -> None:
    code, out, _ = run("extract", SEED000, "--format", "json")

    data = json.loads(out)
    assert code == 0
    jsonschema.validate(data, SCHEMA)
    assert data["source"] == SEED000
    first = data["forms"][0]
    assert first["kind"] == "project_self_evaluation"
    assert first["funds"]["rows"][0] == first["funds"]["rows"][0] | {
        "source": "total",
        "initial_budget": 2025.42,
        "annual_budget": 2025.42,
        "executed": 2025.42,
    }
    assert (
        first["indicators"][0] | {"target": "278.9万", "actual": "273.86", "score": 18}
        == first["indicators"][0]
    )
    assert (first["total_weight"], first["total_score"]) == (100, 97)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_every_seed_validates_against_the_schema(seed: Path) -> None:
    code, out, _ = run("extract", str(seed), "--format", "json")

    assert code == 0
    jsonschema.validate(json.loads(out), SCHEMA)


def test_jsonl_prints_one_object_per_file() -> None:
    code, out, _ = run("extract", str(SEEDS), "--format", "jsonl")

    lines = out.splitlines()
    assert code == 0
    assert [json.loads(line)["source"].rsplit("/", 1)[-1] for line in lines] == sorted(
        p.name for p in SEEDS.glob("*.txt")
    )


def test_text_output_is_chinese_and_aligned() -> None:
    code, out, _ = run("extract", SEED000)

    assert code == 0
    assert "11 张表" in out
    assert "项目名称：城乡居民基本医疗保险" in out
    assert "总分：分值 100  得分 97" in out


def test_missing_file_exits_2_naming_it_and_others_still_run(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"

    code, out, err = run("extract", str(missing), SEED000, "--format", "jsonl")

    assert code == 2
    assert f"{missing}: 文件不存在" in err
    assert len(out.splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04rest", "已损坏"),
        (b"\x89PNG\r\n\x1a\n", "图片已损坏"),
        (b"\x00\x01\x02\x03" * 100, "二进制"),
        (b"", "文件为空"),
    ],
)
def test_unreadable_content_exits_2_with_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)

    code, _, err = run("extract", str(path))

    assert code == 2
    assert str(path) in err and reason in err
    assert "Traceback" not in err


def test_gbk_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes((SEEDS / "000_ff9771ed16f1acda.txt").read_text(encoding="utf-8").encode("gb18030"))

    code, out, _ = run("extract", str(path), "--format", "json")

    assert code == 0
    assert len(json.loads(out)["forms"]) == 11


def test_partly_unparseable_form_warns_on_stderr_and_exits_0(tmp_path: Path) -> None:
    text = (SEEDS / "000_ff9771ed16f1acda.txt").read_text(encoding="utf-8").replace("\t18.00\t", "\t十八\t")
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")

    code, out, err = run("extract", str(path), "--format", "json")

    assert code == 0
    assert f"{path}:18:7: 提示：" in err and "十八" in err
    assert json.loads(out)["warnings"][0]["location"] == f"{path}:18:7"


def test_demo_summarises_the_corpus() -> None:
    code, out, _ = run("demo", str(SEEDS))

    assert code == 0
    assert "合计：39 张表" in out


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [b.strip() for b in readme.split("```sh")[1:3]]
    commands = [c.split("```")[0].strip() for c in commands]

    assert len(commands) == 2 and all(".venv" in c for c in commands)
    assert commands[1] in ci


def test_extract_text_shows_the_final_accounts() -> None:
    result = CliRunner().invoke(main, ["extract", str(SEEDS / "004_5fb32d9fdb188baf.txt")])
    assert result.exit_code == 0
    out = result.stdout
    assert "部门决算公开表 9 张" in out and "部门决算 · 随州市曾都区医疗保障服务中心 · 2023年度" in out
    assert "公开09 财政拨款“三公”经费支出决算表" in out
    assert "决算数：合计 1.57" in out and "人员经费合计 546.30  公用经费合计 23.24" in out
