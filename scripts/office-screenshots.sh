#!/usr/bin/env bash
# Renders the pictures in docs/REVIEW-AND-PORTFOLIO.md of a fix pack and of portfolio.xlsx as LibreOffice shows them:
# the example contracts analyzed, the portfolio built, both converted to PDF by LibreOffice and
# the pages drawn by pdftoppm. Needs libreoffice-writer-nogui, libreoffice-calc-nogui and
# poppler-utils (Debian). Usage: bash scripts/office-screenshots.sh [out dir, default docs/images]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/images}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

npm run --silent analyze -- examples --out "$work/reports" --quiet || true
npm run --silent portfolio -- "$work/reports" --out "$work/portfolio" --quiet
profile="file://$work/profile"
soffice "-env:UserInstallation=$profile" --headless --norestore --convert-to pdf --outdir "$work/pdf" "$work/reports/tessaro-packaging-supply-agreement.txt.fixes.docx" >/dev/null
soffice "-env:UserInstallation=$profile" --headless --norestore --convert-to pdf --outdir "$work/pdf" "$work/portfolio/portfolio.xlsx" >/dev/null

mkdir -p "$out"
pdftoppm -r 70 -png -f 1 -l 1 "$work/pdf/tessaro-packaging-supply-agreement.txt.fixes.pdf" "$work/memo"
pdftoppm -r 70 -png "$work/pdf/tessaro-packaging-supply-agreement.txt.fixes.pdf" "$work/page"
# The contracts table is at the top of a wide page: draw that strip larger.
pdftoppm -r 110 -png -f 1 -l 1 -x 0 -y 40 -W 1800 -H 170 "$work/pdf/portfolio.pdf" "$work/sheet"
cp "$work"/memo-*.png "$out/fix-pack-memo.png"
# The amendment starts on the last page.
cp "$(ls "$work"/page-*.png | sort | tail -1)" "$out/fix-pack-amendment.png"
cp "$work"/sheet-*.png "$out/portfolio-xlsx.png"
ls -l "$out"/fix-pack-memo.png "$out"/fix-pack-amendment.png "$out"/portfolio-xlsx.png
