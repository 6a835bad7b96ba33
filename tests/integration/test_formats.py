"""XLSX, DOCX and HTML: the seeds rendered into each format read back field for field, and bad
files get a clear message without stopping a batch."""

from __future__ import annotations

import io
import json
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import main
from jixiao.core.errors import ParseError
from jixiao.core.evaluation import compare_accounts, compare_documents
from jixiao.core.extract import extract_bytes
from jixiao.core.serialize import extract_to_dict
from jixiao.fixtures import FORMATS, to_docx, to_xlsx
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.integration
GOLDEN = ROOT / "tests" / "golden"
STEMS = sorted(p.stem for p in (GOLDEN / "extract").glob("*.json"))


@cache
def rendered(stem: str, fmt: str) -> bytes:
    return FORMATS[fmt]((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("stem", STEMS)
def test_seed_forms_read_back_from_every_office_format(stem: str, fmt: str) -> None:
    got = extract_to_dict(extract_bytes(rendered(stem, fmt), f"{stem}.{fmt}"))
    golden = json.loads((GOLDEN / "extract" / f"{stem}.json").read_text(encoding="utf-8"))
    assert compare_documents(golden, got).diffs == []
    accounts = GOLDEN / "accounts" / f"{stem}.json"
    if accounts.exists():
        assert compare_accounts(json.loads(accounts.read_text(encoding="utf-8")), got).diffs == []


def test_xlsx_findings_point_at_sheet_and_cell(tmp_path: Path) -> None:
    path = tmp_path / "000.xlsx"
    path.write_bytes(rendered(STEMS[0], "xlsx"))
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    findings = [f for form in json.loads(result.stdout)["forms"] for f in form["findings"]]
    locations = [f["location"] for f in findings if f["location"]]
    assert locations and all(loc.startswith(f"{path}:Sheet!") for loc in locations)
    # the cell named is the cell read: it is filled, and holds the value the message quotes
    import openpyxl

    sheet = openpyxl.load_workbook(path)["Sheet"]
    assert all(sheet[f["position"]["cell"]].value not in (None, "") for f in findings)
    restated = [f for f in findings if f["code"] == "JX408"]  # 实际完成值“≥85%”是目标的写法…
    assert restated
    for f in restated:
        quoted = re.search(r"实际完成值“(.+?)”", f["message"])
        assert quoted and str(sheet[f["position"]["cell"]].value) == quoted.group(1), f


def test_xlsx_with_one_form_per_sheet_and_numbers_as_numbers() -> None:
    import openpyxl

    text = (SEEDS / "000_ff9771ed16f1acda.txt").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(text, merge=False)))
    first = book.active
    second = book.create_sheet("第二张")
    for row in first.iter_rows(min_row=1, max_row=first.max_row):
        second.append([c.value for c in row])
    out = io.BytesIO()
    book.save(out)
    single = extract_bytes(to_xlsx(text), "a.xlsx")
    double = extract_bytes(out.getvalue(), "b.xlsx")
    assert len(double.forms) == 2 * len(single.forms)
    assert double.forms[-1].funds is not None
    assert double.forms[-1].funds.total.refs["executed"].sheet == "第二张"


def _zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 this is not really a zip", "已损坏"),
        (_zip({"readme.txt": b"hello"}), "不是 XLSX 或 DOCX"),
        (_zip({"xl/workbook.xml": b"\0" * (20 * 1024 * 1024)}), "压缩炸弹"),
        (
            _zip({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><w/>'}),
            "XML 炸弹",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"),
            "密码保护",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Office"),
        (_zip({"xl/workbook.xml": b"<broken"}), "无法读取 XLSX"),
        (b"<html><body></body></html>", "没有文字或表格"),
    ],
    ids=[
        "corrupt zip",
        "other zip",
        "zip bomb",
        "xml bomb",
        "encrypted",
        "old office",
        "broken xlsx",
        "empty html",
    ],
)
def test_bad_office_files_get_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        extract_bytes(data, "bad")


def test_a_batch_of_mixed_formats_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    text = (SEEDS / "000_ff9771ed16f1acda.txt").read_text(encoding="utf-8")
    (tmp_path / "a.xlsx").write_bytes(rendered(STEMS[0], "xlsx"))
    (tmp_path / "b.html").write_bytes(rendered(STEMS[0], "html"))
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    (tmp_path / "d.docx").write_bytes(_zip({"word/document.xml": b"<!DOCTYPE x [<!ENTITY a 'a'>]><w/>"}))
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(obj["source"]).suffix for obj in lines] == [".xlsx", ".html", ".txt"]
    counts = {sum(len(form["findings"]) for form in obj["forms"]) for obj in lines}
    assert len(counts) == 1  # the same findings in every format
    assert "d.docx" in result.stderr and "XML 炸弹" in result.stderr


def test_docx_merged_cells_leave_blanks_in_place() -> None:
    from jixiao.core.ingest.office import docx_to_grid

    grid = docx_to_grid(to_docx("标题\n项目名称\t某项目\t\t\t\n年度\t2023\t分值\t10\n"), "m.docx")
    assert [r.cells for r in grid.rows] == [("标题",), ("项目名称", "某项目"), ("年度", "2023", "分值", "10")]


def test_html_rowspan_and_colspan() -> None:
    from jixiao.core.ingest.office import html_to_grid

    page = """<p>说明</p><table><tr><td rowspan=2>产出指标</td><td colspan=2>数量指标</td><td>5</td></tr>
    <tr><td>甲</td><td>乙</td><td>6</td></tr></table><script>var x = 1;</script>"""
    grid = html_to_grid(page, "t.html")
    assert [r.cells for r in grid.rows] == [
        ("说明",),
        ("产出指标", "数量指标", "", "5"),
        ("", "甲", "乙", "6"),
    ]


def test_formulas_give_their_cached_values_and_missing_ones_are_reported() -> None:
    import openpyxl

    text = (SEEDS / "000_ff9771ed16f1acda.txt").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(text, merge=False)))
    sheet = book.active
    sheet["J1"] = "=SUM(C6:E6)"  # written by a program: no cached value
    out = io.BytesIO()
    book.save(out)
    result = extract_bytes(out.getvalue(), "f.xlsx")
    assert any("1 个公式单元格没有计算结果（sheet1.xml!J1）" in w.message for w in result.warnings)
    assert len(result.forms) == len(extract_bytes(to_xlsx(text), "g.xlsx").forms)
