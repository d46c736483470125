#!/usr/bin/env bash
# Load test of `lkjip serve`: CLIENTS clients send TOTAL uploads of the
# sample agency at once to /api/check; prints how many succeeded, the wall
# time, and the server's peak resident memory (VmHWM).
#
#   scripts/webload.sh [TOTAL=60] [CLIENTS=20]
set -euo pipefail
cd "$(dirname "$0")/.."
total=${1:-60}
clients=${2:-20}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/lkjip" ./cmd/lkjip
port=$((20000 + RANDOM % 20000))
"$work/lkjip" serve --addr "127.0.0.1:$port" 2>"$work/server.log" &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

args=()
for f in fixtures/sampang2020/*.xlsx; do args+=(-F "files=@$f"); done
start=$(date +%s.%N)
seq "$total" | xargs -P "$clients" -I{} \
  curl -s -o /dev/null -w '%{http_code}\n' "${args[@]}" "http://127.0.0.1:$port/api/check" >"$work/codes"
end=$(date +%s.%N)
ok=$(grep -c '^200$' "$work/codes" || true)
peak=$(awk '/VmHWM/ {print $2, $3}' "/proc/$pid/status")
kill -TERM "$pid"
wait "$pid" || true
printf 'uploads: %d of %d succeeded (%d clients)\n' "$ok" "$total" "$clients"
printf 'wall time: %.2f s\n' "$(echo "$end - $start" | bc)"
printf 'server peak RSS: %s\n' "$peak"
sort "$work/codes" | uniq -c
[ "$ok" -eq "$total" ]
