#!/usr/bin/env bash
# Wall and CPU time of `sitegen eval` on the tensor blocks issue 8 measured: showing ones(2000, 2000), and a
# minimize that runs for minutes without the per-block time limit (default 5 s). Median of N runs each.
# Usage: benchmarks/tensor/blocks.sh [runs] [sitegen binary]   (default: 3 runs, a release build of this tree;
# pass another binary, e.g. one built from an older commit, to compare)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
bin=${2:-}
if [ -z "$bin" ]; then
    swift build -c release --product sitegen >/dev/null
    bin=.build/release/sitegen
fi
notes=$(mktemp -d)
trap 'rm -rf "$notes"' EXIT
printf '```tensor\nones(2000, 2000)\n```\n' > "$notes/display.md"
printf '```tensor\nA = ones(1000, 1000);\nf(w) = sum((A @ w)^2)\nminimize(f, ones(1000), lr: 1e-7, steps: 3000);\n```\n' > "$notes/minimize.md"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

printf '%s, %s cores, load %s\n' "$bin" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for case in display minimize; do
    times=$(mktemp)
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %U' -o "$times.one" "$bin" eval "$notes/$case.md" >/dev/null 2>&1 || true
        tail -n 1 "$times.one" >> "$times"   # after "Command exited with non-zero status" when the block fails
    done
    printf '%-9s wall %s s, cpu %s s (median of %d)\n' "$case" "$(cut -d' ' -f1 "$times" | median)" "$(cut -d' ' -f2 "$times" | median)" "$runs"
    rm -f "$times" "$times.one"
done
