#!/usr/bin/env bash
# Measure `lkjip check` and `lkjip correct` as whole processes (wall clock,
# CPU, peak resident memory) on the largest workbook of the corrected
# copy's benchmark: 50 000 rows in SIPD style, a SUM formula on every
# total, a typo on one leaf in 20 (thousands of corrections). See
# docs/correct.md for the figures and BenchmarkCorrect for the in-process
# ones.
#
# usage: scripts/correct-bench.sh
# Needs GNU time (/usr/bin/time). Exit status 1 of lkjip only says the
# workbook has findings left for a person.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "correct-bench.sh: /usr/bin/time tidak ada (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

LKJIP_BENCH_OUT="$tmp/lra.xlsx" go test ./workbook -run '^TestWriteBenchWorkbook$' -count=1 >/dev/null
go build -o "$tmp/lkjip" ./cmd/lkjip
echo "input: $(du -k "$tmp/lra.xlsx" | cut -f1) KB"
measure() {
  local name=$1; shift
  /usr/bin/time -f "$name: %e s wall, %U s user, %S s sys, %M KB peak RSS" "$@" >/dev/null 2>"$tmp/err" || true
  grep -E "^$name:|^Salinan|^lkjip:" "$tmp/err" || cat "$tmp/err"
}
measure check "$tmp/lkjip" check "$tmp/lra.xlsx"
measure correct "$tmp/lkjip" correct "$tmp/lra.xlsx" -o "$tmp/lra-koreksi.xlsx"
echo "output: $(du -k "$tmp/lra-koreksi.xlsx" | cut -f1) KB"
