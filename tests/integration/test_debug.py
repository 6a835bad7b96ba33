"""``jixiao debug``: a picture of one page as read, for every input format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from jixiao.cli import main
from jixiao.core.extract import extract
from jixiao.core.ingest.debug import Mark, PagePicture, draw, grid_page
from jixiao.core.ingest.grid import Row
from jixiao.core.render.reading import draw_file
from jixiao.fixtures import to_docx, to_html, to_pdf, to_scan_png, to_xlsx
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration
SEED = SEEDS / "000_ff9771ed16f1acda.txt"


def _write(tmp_path: Path, fmt: str) -> Path:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / f"seed.{fmt}"
    if fmt == "txt":
        path.write_text(text, encoding="utf-8")
    elif fmt == "html":
        path.write_text(to_html(text), encoding="utf-8")
    else:
        make = {"xlsx": to_xlsx, "docx": to_docx, "pdf": to_pdf, "png": to_scan_png}[fmt]
        path.write_bytes(make(text))
    return path


@pytest.mark.parametrize("fmt", ["txt", "xlsx", "docx", "html", "pdf", "png"])
def test_one_page_of_every_format_is_drawn_with_what_was_read(tmp_path: Path, fmt: str) -> None:
    source = _write(tmp_path, fmt)
    out = tmp_path / "page.png"
    run = CliRunner().invoke(main, ["debug", str(source), "--page", "1", "-o", str(out)])
    assert run.exit_code == 0, run.output
    placed = int(re.search(r"标出 (\d+) 个", run.output).group(1))
    assert placed >= 20, run.output  # the first form's fields, funds and indicators
    with Image.open(out) as image:
        assert image.width > 200 and image.height > 200


def test_a_pdf_value_is_marked_on_the_cell_it_was_read_from(tmp_path: Path) -> None:
    source = _write(tmp_path, "pdf")
    form = extract(source).forms[0]
    ref = form.refs["project"]
    assert ref.page == 1 and ref.box is not None
    assert all(r.box is not None for r in form.refs.values())  # row refs too (goals, the form)
    drawn = draw_file(source, 1, scale=1.0)
    # the mark's colour lies on the project cell's border
    x0, top, _, _ = (round(v) for v in ref.box)
    pixels = drawn.image.load()
    assert any(pixels[x0 + dx, top + dy] == (230, 120, 0) for dx in range(-2, 3) for dy in range(-2, 3))


def test_no_such_page_is_a_clear_error(tmp_path: Path) -> None:
    source = _write(tmp_path, "pdf")
    run = CliRunner().invoke(main, ["debug", str(source), "--page", "99", "-o", str(tmp_path / "x.png")])
    assert run.exit_code == 2
    assert "没有第 99 页" in run.output
    missing = CliRunner().invoke(main, ["debug", str(tmp_path / "nope.pdf"), "-o", str(tmp_path / "x.png")])
    assert missing.exit_code == 2 and "文件不存在" in missing.output


def test_a_page_drawn_from_a_grid_has_a_box_per_cell() -> None:
    rows = [Row(("项目名称", "路灯维护", ""), 1), Row(("年度资金总额", "10.00"), 2)]
    picture, boxes = grid_page(rows)
    assert set(boxes) == {(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)}
    assert boxes[(0, 0)][2] < boxes[(0, 1)][0]  # cells side by side
    assert boxes[(0, 0)][3] < boxes[(1, 0)][1]  # rows one under the other
    image = draw(picture, [Mark(boxes[(1, 1)], "F1.funds.total.executed", "figure")], scale=1.0, text=True)
    assert image.size == (round(picture.width), round(picture.height))


def test_rules_are_drawn_where_they_are() -> None:
    picture = PagePicture(100, 100, h_rules=[(50, 10, 90)], v_rules=[(20, 10, 90)])
    pixels = draw(picture, scale=1.0).load()
    assert pixels[60, 50] == (20, 90, 230) and pixels[20, 30] == (20, 90, 230)
