#!/usr/bin/env bash
# Build time of one hostile note (issue 8): 1, 5 and 50 MB notes, 20,000 identical headings, deep nesting,
# 100,000 identical warnings, huge lines and paragraphs. Release build, median of RUNS runs, each from an empty
# output and cache folder (so formulas are typeset every run). Prints seconds per row and the slowest steps
# (from the median run's --report); a run that crashes or passes TIMEOUT ends its row.
#
#   benchmarks/hostile-input.sh [kind …]        (default: every kind of benchmarks/hostile_notes.py --list)
#
# Environment: RUNS (default 3), TIMEOUT (seconds per run, default 600), SITEGEN_BIN (measure this binary instead
# of building .build/release/sitegen), BENCH_WORK (scratch folder, default /tmp/sitegen-hostile).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
runs="${RUNS:-3}"
limit="${TIMEOUT:-600}"
work="${BENCH_WORK:-/tmp/sitegen-hostile}"
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || mapfile -t kinds < <(python3 "$here/hostile_notes.py" --list)

if [ -n "${SITEGEN_BIN:-}" ]; then
    bin="$SITEGEN_BIN"
else
    (cd "$repo" && swift build -c release --product sitegen >&2)
    bin="$repo/.build/release/sitegen"
fi

median() { sort -n | awk '{a[NR]=$1} END {printf "%8.2f s  (min %.2f, max %.2f)", a[int((NR+1)/2)], a[1], a[NR]}'; }

printf 'sitegen %s (%s), %s cores, load %s, median of %s, timeout %s s\n' \
    "$("$bin" --version)" "$bin" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$runs" "$limit"
for kind in "${kinds[@]}"; do
    dir="$work/$kind"
    mkdir -p "$dir/run"
    python3 "$here/hostile_notes.py" "$kind" "$dir"
    printf 'cache: %s\n' "$dir/cache" >"$dir/run/sitegen.yml"
    : >"$dir/times"
    outcome=""
    for r in $(seq "$runs"); do
        rm -rf "$dir/site" "$dir/cache" "$dir/report-$r.json"
        start=$(date +%s.%N)
        rc=0
        (cd "$dir/run" && timeout "$limit" "$bin" build -q --notes ../notes --templates "$repo/templates" --out ../site \
            --report "../report-$r.json" >/dev/null 2>"$dir/stderr-$r") || rc=$?
        end=$(date +%s.%N)
        if [ "$rc" -eq 124 ]; then outcome="> $limit s (timeout)"; break; fi
        if [ "$rc" -gt 128 ]; then outcome="crash (signal $((rc - 128)))"; break; fi
        printf '%s %s\n' "$(echo "$end - $start" | bc)" "$r" >>"$dir/times"
    done
    if [ -z "$outcome" ]; then
        outcome=$(cut -d' ' -f1 "$dir/times" | median)
        middle=$(sort -n "$dir/times" | awk '{a[NR]=$2} END {print a[int((NR+1)/2)]}')
        steps=$(python3 - "$dir/report-$middle.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
top = sorted(r["timings"], key=lambda t: -t["seconds"])[:3]
print(", ".join("%s %.2f" % (t["step"], t["seconds"]) for t in top), "|", r["counts"]["warnings"], "warnings")
PY
)
        outcome="$outcome  $steps"
    fi
    printf '%-28s %7s KB  %s\n' "$kind" "$(( $(stat -c %s "$dir/notes/note.md") / 1024 ))" "$outcome"
done
