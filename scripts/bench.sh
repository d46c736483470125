#!/usr/bin/env bash
# Whole-process figures for docs/performance.md: `lkjip report` on
# synthetic SIPD-style realisation workbooks of 10 k, 200 k and 1 M rows
# (6 columns), each beside LibreOffice's headless load-and-save of the same
# file, and `lkjip consolidate` of 500 agency files of 2 k rows each.
#
#   scripts/bench.sh            # everything
#   SIZES="10000 200000" CONSOLIDATE=0 scripts/bench.sh
#   LIBREOFFICE=0 scripts/bench.sh   # skip LibreOffice
#   BASELINE=/tmp/lkjip-old scripts/bench.sh   # also time another build
#
# Wall time and peak memory come from /usr/bin/time -v (Debian package
# `time`). Generated inputs are kept in $BENCH_DIR (default
# /tmp/lkjip-bench) and reused. The machine should be otherwise idle: the
# load average is printed before and after; compare runs only at a similar
# load.
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/tmp/lkjip-bench}
SIZES=${SIZES:-"10000 200000 1000000"}
LIBREOFFICE=${LIBREOFFICE:-1}
CONSOLIDATE=${CONSOLIDATE:-1}
RUNS=${RUNS:-3}
mkdir -p "$BENCH_DIR"

if [ ! -x /usr/bin/time ]; then
	echo "bench.sh: /usr/bin/time is missing: apt-get install -y time" >&2
	exit 2
fi

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(go version | cut -d' ' -f3)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
go build -o "$BENCH_DIR/lkjip" ./cmd/lkjip
go build -o "$BENCH_DIR/gen" ./fixtures/synth/internal/gen

# measure LABEL CMD...: runs CMD $RUNS times, prints the best wall time
# with its CPU time and the highest peak resident memory.
measure() {
	local label=$1 cells=$2
	shift 2
	local best="" rss=0 cpu=""
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -v -o "$BENCH_DIR/time.txt" "$@" >/dev/null 2>"$BENCH_DIR/stderr.txt" || true
		local wall user sys kb
		wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$BENCH_DIR/time.txt")
		user=$(awk -F': ' '/User time/ {print $2}' "$BENCH_DIR/time.txt")
		sys=$(awk -F': ' '/System time/ {print $2}' "$BENCH_DIR/time.txt")
		kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$BENCH_DIR/time.txt")
		if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a<b)}'; then
			best=$wall
			cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
		fi
		[ "$kb" -gt "$rss" ] && rss=$kb
	done
	awk -v l="$label" -v w="$best" -v c="$cpu" -v r="$rss" -v n="$cells" 'BEGIN{
		rate = (n > 0) ? sprintf("%.2f M cells/s", n/w/1e6) : "-"
		printf "%-34s wall %7.2f s   cpu %7.2f s   peak %6.0f MB   %s\n", l, w, c, r/1024, rate}'
}

for rows in $SIZES; do
	in="$BENCH_DIR/sipd-$rows.xlsx"
	if [ ! -s "$in" ]; then
		"$BENCH_DIR/gen" -rows "$rows" -seed 1 -o "$in" >/dev/null
	fi
	cells=$(unzip -p "$in" xl/worksheets/sheet1.xml | grep -o '<c ' | wc -l)
	size=$(du -m "$in" | cut -f1)
	echo "## $rows rows, $cells cells, ${size} MB"
	measure "lkjip report" "$cells" "$BENCH_DIR/lkjip" report "$in" -o "$BENCH_DIR/report-$rows.xlsx"
	if [ -n "${BASELINE:-}" ]; then
		RUNS=1 measure "baseline report" "$cells" "$BASELINE" report "$in" -o "$BENCH_DIR/baseline-$rows.xlsx"
	fi
	if [ "$LIBREOFFICE" = 1 ] && command -v soffice >/dev/null; then
		profile="$BENCH_DIR/lo-profile"
		mkdir -p "$BENCH_DIR/lo-out"
		RUNS=1 measure "libreoffice load+save" "$cells" soffice "-env:UserInstallation=file://$profile" \
			--headless --convert-to xlsx --outdir "$BENCH_DIR/lo-out" "$in"
	fi
done

if [ "$CONSOLIDATE" = 1 ]; then
	dir="$BENCH_DIR/kabupaten-500"
	if [ ! -s "$dir/500.xlsx" ]; then
		mkdir -p "$dir"
		for i in $(seq 1 500); do
			"$BENCH_DIR/gen" -rows 2000 -seed "$i" -agency "Dinas Sintetis $i Kabupaten Contoh" -o "$dir/$i.xlsx" >/dev/null
		done
	fi
	cells=$(( $(unzip -p "$dir/1.xlsx" xl/worksheets/sheet1.xml | grep -o '<c ' | wc -l) * 500 ))
	echo "## consolidate: 500 files of 2000 rows"
	measure "lkjip consolidate" "$cells" "$BENCH_DIR/lkjip" consolidate "$dir" -o "$BENCH_DIR/rekap.xlsx"
	if [ -n "${BASELINE:-}" ]; then
		RUNS=1 measure "baseline consolidate" "$cells" "$BASELINE" consolidate "$dir" -o "$BENCH_DIR/baseline-rekap.xlsx"
	fi
fi
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
