"""Reading of the real-document corpus, per layout family (issue 14's figures).

Run: .venv/bin/python benchmarks/corpus_families.py [--corpus ../shared/corpus/real]

Runs the corpus evaluator (`../shared/tools/corpus_eval.py`, which calls `jixiao extract` and
`jixiao check` on every labelled document) and prints, for each layout family listed in
`docs/layouts.md`, the share of labelled fields read right, the labelled slips found and the
error findings on documents labelled clean; then the evaluator's own CORPUS line. The families
are those of the corpus's INDEX files; a document of the corpus that no family names is printed
under "other", so a new document is never silently left out.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: family → (identifying marks, corpus documents); the same names as docs/layouts.md
FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "forms: one cell per line, ' |' closing cells": ("网页表格逐格成行，行尾 ' |'", ("r001", "r009")),
    "forms: one cell per line, blank lines": ("逐格成行，空行分隔", ("r004", "r010")),
    "forms: pipe rows": ("'|' 分隔的行，含繁体镜像站", ("r008", "r011", "r013")),
    "forms: flattened into spaced text": ("整表压成一行，空格分隔", ("r002", "r003")),
    "forms: cells run together": ("单元格无分隔符相连", ("r005", "r006", "r015")),
    "forms: Hebei system export": ("两行表头，符号/值/单位，权重占比", ("r007",)),
    "forms: label:amount templates": ("“名称:金额”资金行，无分值列", ("r014",)),
    "决算: 三公 table in text": ("公开09 逐格成行", ("r101", "r102", "r103", "r104")),
    "决算: 情况说明 alone": ("只有情况说明文字", tuple(f"r{n}" for n in range(105, 126))),
    "预算: PDF publications": ("部门预算/单位预算 PDF", tuple(f"f{n:03d}" for n in range(1, 16))),
    "预算: page images": ("预算表扫描图片", tuple(f"f{n:03d}" for n in range(16, 23))),
}


def evaluate(corpus: Path) -> tuple[dict[str, dict[str, int]], str]:
    """Per-document figures of the evaluator, and its CORPUS line."""
    tool = corpus.parent.parent / "tools" / "corpus_eval.py"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "eval.json"
        run = subprocess.run(
            [sys.executable, str(tool), "--corpus", str(corpus), "--project", str(ROOT), "--json", str(out)],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )
        if not out.exists():
            sys.exit(f"评估程序未输出结果：{run.stderr.strip()[-500:]}")
        per_doc = json.loads(out.read_text(encoding="utf-8"))["per_doc"]
    line = next((x for x in run.stdout.splitlines() if x.startswith("CORPUS")), "")
    return per_doc, line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    args = parser.parse_args()
    per_doc, line = evaluate(args.corpus.resolve())
    named = {d for _, docs in FAMILIES.values() for d in docs}
    families = dict(FAMILIES)
    other = tuple(sorted(set(per_doc) - named))
    if other:
        families["other"] = ("", other)
    print(f"{'family':48} {'docs':>4} {'fields':>12} {'slips found':>12} {'errors':>6}")
    for name, (_, docs) in families.items():
        rows = [per_doc[d] for d in docs if d in per_doc]
        if not rows:
            continue
        ok, of = sum(r["fields"] for r in rows), sum(r["of"] for r in rows)
        hits, issues = sum(r["issues"] for r in rows), sum(r["of_issues"] for r in rows)
        errors = sum(r["errors"] for r in rows)
        share = f"{ok / of:.3f}" if of else "-"
        print(f"{name:48} {len(rows):>4} {share:>5} {ok:>3}/{of:<3} {hits:>5}/{issues:<5} {errors:>6}")
    print(line)


if __name__ == "__main__":
    main()
