"""Bounded work per file: cost follows what a file holds, and every file of a batch has a budget."""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import jixiao.cli
from jixiao.cli import main
from jixiao.core.budget import Budget, BudgetExceeded, within
from jixiao.core.errors import ParseError
from jixiao.core.extract import extract_bytes, read_file
from jixiao.core.ingest.office import xlsx_to_grid
from jixiao.core.model import Sentence
from jixiao.core.review import choose_rules
from jixiao.core.scoring import region
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration
SEED = SEEDS / "000_ff9771ed16f1acda.txt"
GUARD = Budget(seconds=20, memory_mb=1024)  # the old readers took minutes and gigabytes


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _far_xlsx(far: str, merge: str | None = None) -> bytes:
    """A small workbook with a value in A1 and B1, one at ``far`` and perhaps a merged range."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet[far] = "项目名称", "某项目", "远处"
    out = io.BytesIO()
    book.save(out)
    if merge is None:
        return out.getvalue()
    source, patched = zipfile.ZipFile(out), io.BytesIO()
    with zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            part = source.read(name)
            if name == "xl/worksheets/sheet1.xml":  # openpyxl itself would make every merged cell
                tag = f'</sheetData><mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>'
                part = part.replace(b"</sheetData>", tag.encode())
            target.writestr(name, part)
    return patched.getvalue()


@pytest.mark.parametrize(
    ("far", "merge", "rows"),
    [
        ("A1048576", None, [(("项目名称", "某项目"), ("A1", "B1")), (("远处",), ("A1048576",))]),
        ("A100", "B2:XFD1048576", [(("项目名称", "某项目"), ("A1", "B1")), (("远处",), ("A100",))]),
        ("C100", "B2:XFD1048576", [(("项目名称", "某项目"), ("A1", "B1"))]),
    ],
)
def test_xlsx_cost_follows_the_cells_it_holds_not_its_dimension(far: str, merge: str, rows: list) -> None:
    data = _far_xlsx(far, merge)
    assert len(data) < 20_000
    start = time.monotonic()
    with within(GUARD):
        grid = xlsx_to_grid(data, "far.xlsx")
    assert time.monotonic() - start < 5
    assert [(row.cells, row.cell_names) for row in grid.rows] == rows


def test_a_value_in_the_last_column_costs_a_short_row_with_its_own_cell_name() -> None:
    with within(GUARD):
        grid = xlsx_to_grid(_far_xlsx("XFD1048576"), "far.xlsx")
    last = grid.rows[-1]
    assert last.cells[-1] == "远处" and last.cell_names[-1] == "XFD1048576" and len(last.cells) < 64


def test_region_detection_is_skipped_when_the_profile_is_named_and_bounded_otherwise(monkeypatch) -> None:
    result = extract_bytes(SEED.read_bytes(), "seed.txt")
    assert choose_rules(result).region == "河北省"

    def fail(*_args: object) -> None:
        raise AssertionError("place names looked for although the profile was named")

    monkeypatch.setattr("jixiao.core.review.detect_province", fail)
    assert choose_rules(result, "national").region is None
    monkeypatch.undo()

    huge = Sentence("某某单位开展了工作，" * 1_000_000 + "承德市医疗保障局")
    start = time.monotonic()
    assert region.detect_province([], [huge]) is None  # the name past the bound is not read
    assert time.monotonic() - start < 1
    assert region.detect_province([], [Sentence("承德市医疗保障局" + "，" * 100)]) == "河北省"


def test_a_named_pipe_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ParseError, match="不是普通文件（命名管道）"), within(Budget(seconds=10)):
        read_file(fifo)
    with within(Budget(seconds=30)):
        code, out, err = run("check", str(fifo), str(SEED), "--format", "jsonl")
    assert code == 2
    assert f"{fifo}: 不是普通文件（命名管道），无法读取" in err
    assert [json.loads(line)["source"] for line in out.splitlines()] == [str(SEED)]


def _slow(path: str) -> object:
    if "slow" in path:
        time.sleep(30)
    return _extract(path)


def _greedy(path: str) -> object:
    if "greedy" in path:
        held = []
        for _ in range(60):  # up to 480 MB, 8 MB every 20 ms
            held.append(b"x" * (8 * 1024 * 1024))
            time.sleep(0.02)
    return _extract(path)


_extract = jixiao.cli.extract


@pytest.mark.parametrize(
    ("stand_in", "name", "options", "message"),
    [
        (_slow, "slow.txt", ["--time-limit", "0.5"], "处理时间超过上限（0.5 秒）"),
        (_greedy, "greedy.txt", ["--memory-limit", "64"], "处理所需内存超过上限（64 MB）"),
    ],
)
@pytest.mark.parametrize("command", ["check", "extract"])
def test_a_file_over_its_budget_is_named_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch, stand_in, name: str, options: list[str], message: str, command: str
) -> None:
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "z.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(jixiao.cli, "extract", stand_in)

    start = time.monotonic()
    with within(Budget(seconds=25)):
        code, out, err = run(command, str(tmp_path), "--format", "jsonl", *options)

    assert time.monotonic() - start < 10
    assert code == 2
    assert f"错误：{tmp_path / name}: {message}，已停止处理该文件，其余文件继续" in err
    assert [Path(json.loads(line)["source"]).name for line in out.splitlines()] == ["a.txt", "z.txt"]


def test_a_budget_exceeded_is_not_taken_for_a_damaged_file() -> None:
    assert not issubclass(BudgetExceeded, Exception)  # the readers' `except Exception` let it pass
    with pytest.raises(BudgetExceeded, match=r"处理时间超过上限（0\.3 秒）"), within(Budget(seconds=0.3)):
        time.sleep(5)
    with within(Budget(seconds=0.3)):
        time.sleep(0.05)  # within its budget: nothing raised, and nothing after it
    time.sleep(0.5)
