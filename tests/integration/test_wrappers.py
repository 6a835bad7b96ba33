"""The wrappers people actually send: a page saved from a browser, MHTML, legacy XLS and DOC."""

from __future__ import annotations

import io
import json
import re
from email.charset import QP, Charset
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from functools import cache
from pathlib import Path

import pytest

from jixiao.core.errors import ParseError
from jixiao.core.evaluation import compare_accounts, compare_documents
from jixiao.core.extract import extract_bytes
from jixiao.core.ingest.read import detect_format
from jixiao.core.ingest.webpage import html_to_grid
from jixiao.core.serialize import extract_to_dict
from jixiao.fixtures import to_html
from jixiao.fixtures.seed import merged_spans, seed_rows
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.integration
GOLDEN = ROOT / "tests" / "golden"
STEMS = sorted(p.stem for p in (GOLDEN / "extract").glob("*.json"))


def _matches_golden(data: bytes, stem: str, name: str) -> None:
    got = extract_to_dict(extract_bytes(data, name))
    golden = json.loads((GOLDEN / "extract" / f"{stem}.json").read_text(encoding="utf-8"))
    assert compare_documents(golden, got).diffs == []
    accounts = GOLDEN / "accounts" / f"{stem}.json"
    if accounts.exists():
        assert compare_accounts(json.loads(accounts.read_text(encoding="utf-8")), got).diffs == []


@cache
def _page(stem: str) -> str:
    return to_html((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))


def _saved_from_browser(page: str) -> str:
    """The plain page as a site serves it and a browser saves it: the tables in nested <div>s
    of a layout table, beside navigation, scripts, styles, buttons and hidden widgets."""
    body = page.split("<body>", 1)[1].split("</body>", 1)[0]
    body = body.replace("<table border='1'>", "<div class='wrap'><div><table class='data'><tbody>")
    body = body.replace("</table>", "</tbody></table></div></div>")
    body = re.sub(r"<p>(.*?)</p>", r"<div class='para'><span>\1</span></div>", body)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "xhtml1-transitional.dtd">
<!-- saved from url=(0050)https://www.example.gov.cn/xxgk/czxx/jxzp/index.html -->
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/><title>绩效自评公开_某某县人民政府</title>
<style type="text/css">td {{ border: 1px solid #000; }} .nav li {{ float: left; }}</style>
<script>var t = "<table><tr><td>项目名称</td><td>脚本里的表</td></tr></table>"; if (1 < 2) {{}}</script>
</head><body><nav class="nav"><ul><li><a href="/">首页</a></li>
<li><a href="/xxgk/">信息公开</a></li></ul></nav>
<table width="100%" class="layout"><tr>
<td class="side"><a href="#">机构职能</a><br/><a href="#">财政预决算</a></td>
<td class="main"><div class="crumb">当前位置：首页 &gt; 财政预决算</div>
<div style="display: none"><p>项目名称</p><p>隐藏的分享组件</p></div>
{body}
<div class="tools"><button onclick="print()">打印本页</button><select><option>相关链接</option></select></div>
</td></tr></table>
<footer><p>主办单位：某某县人民政府办公室</p></footer>
<script type="text/javascript">document.write("<p>统计代码</p>");</script><noscript>请启用脚本</noscript>
</body></html>"""


@pytest.mark.parametrize("stem", STEMS)
def test_a_page_saved_from_a_browser_reads_like_the_plain_table_page(stem: str) -> None:
    saved = _saved_from_browser(_page(stem))
    assert detect_format(saved.encode()) == "html"
    _matches_golden(saved.encode(), stem, f"{stem}.html")
    cells = {c for row in html_to_grid(saved, "s.html").rows for c in row.cells}
    unseen = {"首页", "信息公开", "脚本里的表", "隐藏的分享组件", "打印本页", "相关链接", "统计代码"}
    assert not cells & unseen
    assert {"机构职能", "当前位置：首页 > 财政预决算", "主办单位：某某县人民政府办公室"} <= cells


def test_text_around_a_table_in_a_layout_cell_stays_in_page_order() -> None:
    page = """<table><tr><td>左栏</td><td><h1>项目支出绩效自评表</h1><p>（2023年度）</p>
    <table><tr><td>项目名称</td><td>某项目</td></tr></table><p>填表人：张三</p></td></tr></table>"""
    assert [r.cells for r in html_to_grid(page, "l.html").rows] == [
        ("左栏",),
        ("项目支出绩效自评表",),
        ("（2023年度）",),
        ("项目名称", "某项目"),
        ("填表人：张三",),
    ]


def test_cells_and_rows_left_open_end_where_a_browser_ends_them() -> None:
    page = _page(STEMS[0])
    unclosed = page.replace("</td>", "").replace("</tr>", "")
    assert [r.cells for r in html_to_grid(unclosed, "u.html").rows] == [
        r.cells for r in html_to_grid(page, "p.html").rows
    ]
    rows = html_to_grid("<table><td>得分<td>90<tr><th>总分</table><p>说明</p>", "t.html").rows
    assert [r.cells for r in rows] == [("得分", "90"), ("总分",), ("说明",)]


def _mhtml(page: str, charset: str, qp: bool) -> bytes:
    archive = MIMEMultipart("related", type="text/html")
    archive["From"] = "<Saved by Blink>"
    archive["Subject"] = "绩效自评公开"
    archive["Snapshot-Content-Location"] = "https://www.example.gov.cn/jxzp/index.html"
    encoding = Charset(charset)
    if qp:
        encoding.body_encoding = QP
    part = MIMEText("", "html")
    part.set_payload(page.replace("charset='utf-8'", f"charset='{charset}'"), charset=encoding)
    part["Content-Location"] = "https://www.example.gov.cn/jxzp/index.html"
    archive.attach(part)
    archive.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "png"))
    return archive.as_bytes()


@pytest.mark.parametrize(("charset", "qp"), [("utf-8", True), ("utf-8", False), ("gbk", False)])
def test_mhtml_is_read_as_its_html_part(charset: str, qp: bool) -> None:
    stem = STEMS[0]
    data = _mhtml(_saved_from_browser(_page(stem)), charset, qp)
    assert detect_format(data) == "mhtml"
    _matches_golden(data, stem, f"{stem}.mht")


def test_mhtml_without_a_page_gets_a_clear_message() -> None:
    archive = MIMEMultipart("related")
    archive.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "png"))
    with pytest.raises(ParseError, match="MHTML 网页存档，但其中没有网页"):
        extract_bytes(archive.as_bytes(), "empty.mht")


def _to_xls(text: str) -> bytes:
    """A tab-separated document as an Excel 97–2003 workbook (as :func:`to_xlsx` makes XLSX)."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    styles: dict[str, object] = {}

    def style(fmt: str) -> object:
        return styles.setdefault(fmt, xlwt.easyxf(num_format_str=fmt))

    for r, cells in enumerate(seed_rows(text)):
        spans = dict(merged_spans(cells)) if len(cells) > 1 else {0: 1}
        for c, width in spans.items():
            value = cells[c].strip()
            number = re.fullmatch(r"-?\d+(?:\.(\d+))?", value)
            percent = re.fullmatch(r"-?\d+(?:\.(\d+))?%", value)
            args: tuple[object, ...] = (value,)
            if number:
                args = (float(value), style("0." + "0" * len(number.group(1)) if number.group(1) else "0"))
            elif percent:
                places = "0." + "0" * len(percent.group(1)) if percent.group(1) else "0"
                args = (float(value[:-1]) / 100, style(places + "%"))
            if width > 1 and value:
                sheet.write_merge(r, r, c, c + width - 1, *args)
            elif value:
                sheet.write(r, c, *args)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("stem", STEMS)
def test_legacy_xls_reads_like_xlsx(stem: str) -> None:
    data = _to_xls((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
    assert detect_format(data) == "ole"
    _matches_golden(data, stem, f"{stem}.xls")


def test_xls_rows_know_their_sheet_and_cells_and_merged_cells_are_blank() -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("自评表")
    sheet.write_merge(0, 0, 0, 2, "项目名称")
    sheet.write(1, 1, 0.95, xlwt.easyxf(num_format_str="0.00%"))
    sheet.write(65535, 0, "最后一行")
    out = io.BytesIO()
    book.save(out)
    result = extract_bytes(out.getvalue(), "t.xls")
    from jixiao.core.ingest.read import read_bytes

    rows = [(r.cells, r.sheet, r.cell_names) for r in read_bytes(out.getvalue(), "t.xls").grid.rows]
    assert rows == [
        (("项目名称",), "自评表", ("A1",)),
        (("", "95.00%"), "自评表", ("A2", "B2")),
        (("最后一行",), "自评表", ("A65536",)),
    ]
    assert result.forms == ()


def test_doc_and_other_legacy_office_files_get_a_clear_message(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    with pytest.raises(ParseError, match=r"旧版 Word 文档（DOC）.*另存为 DOCX"):
        extract_bytes(ole + "WordDocument".encode("utf-16-le") + b"\0" * 100, "old.doc")
    with pytest.raises(ParseError, match="旧版 Office 格式"):
        extract_bytes(ole + "PowerPoint Document".encode("utf-16-le"), "old.ppt")
    with pytest.raises(ParseError, match=r"无法读取 XLS.*另存为 XLSX"):
        extract_bytes(ole + "Workbook".encode("utf-16-le") + b"\0" * 100, "broken.xls")
