#!/usr/bin/env bash
# A flood of identical warnings: one note with N broken links (default 100,000), built with --report.
# Prints, as medians of the runs: wall time, the build's own time (the report's totalSeconds), the rest
# (printing the diagnostics and writing the report), stderr lines and bytes, report bytes.
# Usage: benchmarks/warning-flood.sh [warnings] [runs]   (SITEGEN=path/to/sitegen measures another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
runs=${2:-3}
if [ -z "${SITEGEN:-}" ]; then
    swift build -c release --product sitegen >/dev/null
    SITEGEN=$(pwd)/.build/release/sitegen
fi
bin=$SITEGEN
templates=$(pwd)/templates
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/notes"
python3 - "$count" "$work/notes/flood.md" <<'EOF'
import sys
count, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w", encoding="utf-8") as f:
    f.write("# 断链\n\n")
    for _ in range(count):
        f.write("见 [不存在的笔记](missing.md)。\n\n")
EOF

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
walls=() builds=()
for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    (cd "$work" && "$bin" build --templates "$templates" --report report.json --out site 2>stderr.txt) || true
    end=$(date +%s.%N)
    walls+=("$(echo "$end - $start" | bc)")
    builds+=("$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totalSeconds"])' "$work/report.json")")
done
wall=$(printf '%s\n' "${walls[@]}" | median)
build=$(printf '%s\n' "${builds[@]}" | median)
printf 'sitegen %s, %s cores, load %s; %d warnings, median of %d runs\n' \
    "$("$bin" --version)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$count" "$runs"
printf 'wall %.3f s, build %.3f s, diagnostics out + report %.3f s\n' "$wall" "$build" "$(echo "$wall - $build" | bc)"
printf 'stderr %d lines, %d bytes; report %d bytes (%d per diagnostic)\n' \
    "$(wc -l < "$work/stderr.txt")" "$(wc -c < "$work/stderr.txt")" "$(wc -c < "$work/report.json")" \
    "$(( $(wc -c < "$work/report.json") / count ))"
