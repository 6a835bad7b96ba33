"""The benchmark scripts run anywhere: optional baselines missing, the real command timed.

The figures themselves are printed by the scripts, never timed here.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from types import ModuleType

import pytest

from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.integration


def _benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_format_accuracy_skips_each_baseline_that_is_not_installed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "camelot", None)
    bench = _benchmark("format_accuracy")
    stem = "003_a2597ab0b6fde6fb"
    data = bench.to_pdf((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"), embed=False)

    bench._baselines([(stem, data)], 1)

    out = capsys.readouterr().out
    assert "pdfplumber: not installed" in out and "camelot: not installed" in out


def test_end_to_end_benchmark_runs_the_real_command_at_two_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    _benchmark("end_to_end").main(["--copies", "1", "--runs", "1"])

    out = capsys.readouterr().out
    sizes = [
        line.split()[0]
        for line in out.splitlines()
        if line.strip().endswith("documents/s") and "files" in line
    ]
    assert sizes == ["5", "10"]
    assert "start-up" in out and "check (all default)" in out and "(1.00 is linear)" in out


def test_text_input_starts_without_the_readers_of_other_formats() -> None:
    code = (
        "import sys, jixiao.cli, jixiao.core.review\n"
        "from jixiao.core.extract import extract\n"
        f"jixiao.core.review.review(extract({str(SEEDS / '004_5fb32d9fdb188baf.txt')!r}))\n"
        "heavy = {'pkg_resources', 'numpy', 'cv2', 'onnxruntime', 'openpyxl', 'docx', 'pypdfium2',"
        " 'PIL', 'rich'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "[]", done.stdout


def test_region_detection_finds_what_one_pattern_of_every_name_finds() -> None:
    import re

    from jixiao.core.scoring.region import _gazetteer, _matches

    names, _ = _gazetteer()
    pattern = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    text = "".join(
        (SEEDS / p).read_text(encoding="utf-8") for p in sorted(p.name for p in SEEDS.glob("*.txt"))
    )
    text += "承德市承德县北京市朝阳区内蒙古自治区阿拉善盟湖北省随州市曾都区市县区州盟省"

    assert _matches(text) == [names[m.group(0)] for m in pattern.finditer(text)]
