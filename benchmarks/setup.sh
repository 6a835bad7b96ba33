#!/usr/bin/env bash
# What the benchmarks need beyond the development install (run as root from the repository
# root): LibreOffice headless to print the generated XLSX/DOCX to PDF, a CJK font for it and
# for the generated PDFs and scans, and the Python extras (camelot for its baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(libreoffice-calc-nogui libreoffice-writer-nogui fonts-wqy-zenhei)
if ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
fi
[ -d .venv ] || python3 -m venv .venv
.venv/bin/pip install -q -e '.[dev,bench]'
