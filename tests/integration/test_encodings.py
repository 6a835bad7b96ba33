"""Text files in other encodings and files with nothing to review: never a silent "no problems"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import main
from jixiao.core.errors import ParseError
from jixiao.core.extract import NOTHING_FOUND, extract_bytes
from jixiao.core.ingest.encoding import guess_encoding, plausibility
from jixiao.core.text import convert
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration
SEED = (SEEDS / "000_ff9771ed16f1acda.txt").read_text(encoding="utf-8")
FORMS = 11


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _file_notes(result) -> list[str]:
    return [w.message for w in result.warnings if w.location and w.location.line is None]


def test_big5_text_is_read_as_big5_not_as_gb18030_mojibake() -> None:
    data = convert(SEED, "zh-tw").encode("big5", errors="replace")
    data.decode("gb18030")  # GB18030 takes these bytes too: only the evidence tells them apart

    result = extract_bytes(data, "big5.txt")

    assert guess_encoding(data).encoding == "Big5"
    assert len(result.forms) == FORMS
    assert convert(result.forms[0].project, "zh-cn") == "城乡居民基本医疗保险"
    assert _file_notes(result) == []


def test_utf8_with_a_stray_byte_is_read_as_utf8_and_warned_about() -> None:
    data = SEED.encode()
    cut = data.index("项目名称".encode())
    data = data[:cut] + b"\xff" + data[cut:]
    data = data if len(data) % 2 == 0 else data + b"\n"  # even: UTF-16 would take it whole

    result = extract_bytes(data, "stray.txt")

    assert len(result.forms) == FORMS
    (note,) = _file_notes(result)
    assert "1 处字节不符合 UTF-8 编码" in note


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_the_encodings_read_before_are_read_as_before_without_warnings(encoding: str) -> None:
    result = extract_bytes(SEED.encode(encoding), f"seed.{encoding}.txt")
    assert len(result.forms) == FORMS and result.text == SEED and _file_notes(result) == []


def test_an_uncertain_choice_is_warned_about_and_noise_is_refused() -> None:
    mixed = "项目名称".encode() + "绩效目标完成情况".encode("gb18030") + "項目名稱".encode("big5")
    decoded = guess_encoding(mixed * 3)
    assert decoded.notes and "文本编码" in "".join(decoded.notes)
    noise = bytes((i * 7919 + 13) % 254 + 1 for i in range(4000))
    with pytest.raises(ParseError, match="无法识别文本编码"):
        extract_bytes(noise, "noise.txt")


def test_plausibility_tells_chinese_from_mojibake() -> None:
    gb = SEED.encode("gb18030")
    big5 = convert(SEED, "zh-tw").encode("big5", errors="replace")
    assert plausibility(SEED) > 0.95 and plausibility(big5.decode("big5")) > 0.95
    assert plausibility(big5.decode("gb18030")) < 0.5 and plausibility(gb.decode("big5", "replace")) < 0.6


def test_a_file_with_nothing_recognised_is_warned_about_and_listed_apart(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "b.txt").write_text("会议纪要\n今天天气很好，大家讨论了工作安排。\n", encoding="utf-8")

    code, out, err = run("check", str(tmp_path / "b.txt"))
    assert code == 2
    assert f"{tmp_path / 'b.txt'}: 提示：{NOTHING_FOUND}" in err
    assert "未发现问题" not in out and "未识别出绩效自评表或决算公开表" in out

    code, out, _ = run("check", str(tmp_path), "--summary")
    assert code == 2
    assert "1 个文件，11 张表，1 个文件未识别出表格" in out
    assert f"未审核，未计入以下统计，请人工查看）：\n  {tmp_path / 'b.txt'}" in out

    code, out, _ = run("check", str(tmp_path), "--format", "jsonl", "--summary")
    objects = [json.loads(line) for line in out.splitlines()]
    assert [o["recognised"] for o in objects[:2]] == [True, False]
    assert objects[2]["summary"]["unrecognised"] == [str(tmp_path / "b.txt")]
    assert objects[2]["summary"]["files"] == 1
