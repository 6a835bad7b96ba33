"""`jixiao score` as a finance officer and a script see it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import main
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration
SEED000 = str(SEEDS / "000_ff9771ed16f1acda.txt")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_follows_the_contract() -> None:
    code, out, _ = run("score", SEED000, "--format", "json")

    data = json.loads(out)
    first = data["forms"][0]
    people = first["indicators"][0]
    assert code == 0
    assert (data["source"], data["profile"], data["region"]) == (SEED000, "hebei", "河北省")
    assert first["project"] == "城乡居民基本医疗保险"
    assert first["budget"] | {"printed": 10, "computed": 10} == first["budget"]
    assert first["budget"]["rule"] == "10 × min(2025.42 ÷ 2025.42, 1) = 10.00"
    assert {k: people[k] for k in ("name", "kind", "printed", "computed", "rule")} == {
        "name": "参保人数",
        "kind": "positive",
        "printed": 18,
        "computed": 19.64,
        "rule": "20 × 273.86 ÷ 278.9 = 19.64",
    }
    assert {k: first["total"][k] for k in ("printed", "computed")} == {"printed": 97, "computed": 99.44}
    assert first["grade"]["printed"] is None and first["grade"]["computed"] == "优"


def test_explain_prints_every_rule_in_chinese() -> None:
    code, out, _ = run("score", SEED000, "--explain")

    assert code == 0
    assert "规则：河北（承德 2023 样表）〔hebei〕——依据文件中的地名判断为河北省" in out
    assert (
        "产出指标/数量指标/参保人数 [正向, 目标 278.9万, 完成 273.86] 20 × 273.86 ÷ 278.9 = 19.64（填报 18）"
        in out
    )
    assert "预算执行率：10 × min(1.65 ÷ 6 = 27.5% → 28%, 1) = 2.80" in out


def test_profile_can_be_forced_by_name() -> None:
    code, out, _ = run("score", SEED000, "--profile", "national", "--format", "json")

    injury = json.loads(out)["forms"][7]["budget"]
    assert code == 0
    assert (injury["printed"], injury["computed"]) == (2.8, 2.75)


def test_user_profile_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\nbase: national\nparameters:\n  budget.rate_rounding:\n"
        "    description: 取整\n    reference: 本地文件\n    values: {2020: percent}\n",
        encoding="utf-8",
    )

    code, out, _ = run("score", SEED000, "--profile", str(path), "--format", "json")

    assert code == 0
    assert json.loads(out)["forms"][7]["budget"]["computed"] == 2.8


def test_unknown_profile_is_a_usage_error() -> None:
    code, _, err = run("score", SEED000, "--profile", "atlantis")

    assert code == 2
    assert "--profile" in err and "未知的规则：atlantis" in err


def test_jsonl_over_the_corpus_scores_every_form() -> None:
    code, out, _ = run("score", str(SEEDS), "--format", "jsonl")

    objects = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [o["profile"] for o in objects] == ["hebei", "anhui", "beijing", "shaanxi", "hubei"]
    assert sum(len(o["forms"]) for o in objects) == 39


def test_combine_adds_one_combined_score() -> None:
    code, out, _ = run("score", SEED000, "--combine", "--format", "json")

    forms = json.loads(out)["forms"]
    assert code == 0
    assert len(forms) == 12
    assert forms[-1]["project"] == "合并（11 个项目）"


def test_profiles_command_lists_regions_and_references() -> None:
    code, out, _ = run("profiles")

    assert code == 0
    assert "hubei：湖北" in out and "budget.weight = 20" in out and "RULES.md" in out


def test_text_says_when_the_total_takes_printed_scores() -> None:
    _, out, _ = run("score", SEED000)

    fifth = out.split("第5张表")[1].split("━━")[0]
    assert "无法计分" in fifth
    assert "注：计算的总分中，1 项指标无法按规则计分，按填报得分计入" in fifth
    first = out.split("第1张表")[1].split("━━")[0]
    assert "注：" not in first  # every item of the first form was scored


def test_text_words_a_score_above_and_below_the_rule_differently() -> None:
    _, out, _ = run("score", SEED000, str(SEEDS / "001_858009592e04ec6e.txt"))

    lines = out.splitlines()
    below = next(x for x in lines if x.strip().startswith("参保人数"))  # printed 18, rule 19.64
    above = next(x for x in lines if x.strip().startswith("严厉打击医保违规行为"))  # printed 30, rule 10
    assert below.endswith("≠ 低于规则（多扣分）")
    assert above.endswith("≠ 高于规则（少扣分）")
    assert "与规则不符" not in out


def test_the_example_profile_of_the_docs_scores_and_checks() -> None:
    example = str(Path(__file__).resolve().parents[2] / "docs" / "examples" / "profile.yaml")

    code, out, _ = run("score", SEED000, "--profile", example, "--format", "json")
    check_code, check_out, _ = run("check", SEED000, "--profile", example, "--format", "json")

    assert code == 0 and json.loads(out)["profile"] == "example-unit"
    assert json.loads(out)["forms"][7]["budget"]["computed"] == 2.8  # its short budget.rate_rounding: percent
    assert check_code in (0, 1) and json.loads(check_out)["profile"] == "example-unit"
