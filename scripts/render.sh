#!/usr/bin/env bash
# Render a report workbook to PNG pages, so a person can look at how it
# prints: xlsx -> PDF with LibreOffice (each sheet with its own page setup,
# sheets in order), PDF -> one PNG per page with pdftoppm.
#
# usage: scripts/render.sh [REPORT.xlsx] [OUTDIR]
#   REPORT.xlsx  the workbook to render; without it, the report of the
#                embedded sample is written first (go run ./cmd/lkjip report)
#   OUTDIR       where the PDF and pages go (default: render/)
#
# Needs soffice (Debian: libreoffice-calc-nogui) and pdftoppm
# (poppler-utils). LibreOffice runs with a throw-away profile set to
# recalculate formulas on load, so the pages show LibreOffice's own values
# and the user's profile is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${2:-render}
mkdir -p "$out"
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "render.sh: $tool tidak ada (apt-get install libreoffice-calc-nogui poppler-utils)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

report=${1:-}
if [ -z "$report" ]; then
  report=$out/laporan.xlsx
  go build -o "$tmp/lkjip" ./cmd/lkjip
  # Exit status 1 only says the sample has error-severity findings.
  "$tmp/lkjip" report -o "$report" || [ $? -eq 1 ]
fi

profile=$tmp/profile
mkdir -p "$profile/user"
cat >"$profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU

name=$(basename "${report%.*}")
if ! log=$(soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$report" 2>&1) ||
  [ ! -s "$out/$name.pdf" ]; then
  echo "$log" >&2
  echo "render.sh: LibreOffice tidak dapat mengubah $report ke PDF" >&2
  exit 1
fi
rm -f "$out/$name"-page-*.png
pdftoppm -r "${DPI:-80}" -png "$out/$name.pdf" "$out/$name-page"
echo "$out/$name.pdf: $(ls "$out/$name"-page-*.png | wc -l) halaman"
ls "$out/$name"-page-*.png
