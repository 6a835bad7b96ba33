"""The same PDF reads the same on any machine: with the machine's fonts (a CJK font here) and
on a machine without fonts (pdfium restarted with none, :mod:`tests.fontless`), in a process
of its own. The seeds are printed naming their CJK font without embedding it, as government
files often do, so pdfium has to substitute it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from jixiao.core.evaluation import compare_accounts, compare_documents
from jixiao.core.extract import extract_bytes
from jixiao.core.serialize import extract_to_dict
from tests.conftest import ROOT, SEEDS
from tests.fontless import ENV

pytestmark = pytest.mark.integration
GOLDEN = ROOT / "tests" / "golden"
STEMS = sorted(p.stem for p in (GOLDEN / "extract").glob("*.json"))

_READ = """
import json, sys
from tests.fontless import hide_system_fonts
hide_system_fonts()
from jixiao.core.extract import extract_bytes
from jixiao.core.serialize import extract_to_dict
from jixiao.fixtures import to_pdf
out = {}
for stem, path in json.loads(sys.argv[1]).items():
    data = to_pdf(open(path, encoding="utf-8").read(), embed=False)
    out[stem] = extract_to_dict(extract_bytes(data, stem + ".pdf"))
print(json.dumps(out, ensure_ascii=False, default=str))
"""


def _read_without_fonts() -> dict[str, dict]:
    seeds = json.dumps({stem: str(SEEDS / f"{stem}.txt") for stem in STEMS})
    env = {key: value for key, value in os.environ.items() if key != ENV}
    run = subprocess.run(
        [sys.executable, "-c", _READ, seeds], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_seeds_printed_without_their_fonts_read_alike_with_and_without_the_machines_fonts() -> None:
    from jixiao.fixtures import to_pdf

    without = _read_without_fonts()
    for stem in STEMS:
        golden = json.loads((GOLDEN / "extract" / f"{stem}.json").read_text(encoding="utf-8"))
        assert compare_documents(golden, without[stem]).diffs == [], stem
        accounts = GOLDEN / "accounts" / f"{stem}.json"
        if accounts.exists():
            expected = json.loads(accounts.read_text(encoding="utf-8"))
            assert compare_accounts(expected, without[stem]).diffs == [], stem
        text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        here = extract_to_dict(extract_bytes(to_pdf(text, embed=False), f"{stem}.pdf"))
        assert json.loads(json.dumps(here, ensure_ascii=False, default=str)) == without[stem], stem
