#!/usr/bin/env bash
# Where a cold `sitegen build` holds its memory: the main process's RSS sampled every 0.2 s, with the largest
# sample within each step of `--report` (steps run per batch interleave, so their rows are approximate).
#
#   benchmarks/site/memory.sh [notes]      (default 10000; SEED=1, BENCH_WORK=/tmp/sitegen-bench, SITEGEN_BIN)
#
# One run, empty cache and output folder; the corpus is generate_corpus.py's, as in run.sh. A benchmark, not a test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
notes="${1:-10000}"
seed="${SEED:-1}"
work="${BENCH_WORK:-/tmp/sitegen-bench}/memory"
if [ -n "${SITEGEN_BIN:-}" ]; then
    sitegen="$SITEGEN_BIN"
else
    (cd "$repo" && swift build -c release --product sitegen >&2)
    sitegen="$repo/.build/release/sitegen"
fi
mkdir -p "$work"
corpus="$work/corpus-$notes-$seed"
[ -d "$corpus" ] || python3 "$here/generate_corpus.py" --notes "$notes" --seed "$seed" --out "$corpus" >&2
rm -rf "$work/cwd" "$work/out"
mkdir -p "$work/cwd"
(cd "$work/cwd" && exec "$sitegen" build --notes "$corpus" --templates "$repo/templates" --out "$work/out" --quiet \
    --report "$work/report.json") >/dev/null 2>&1 &
pid=$!
start=$(date +%s.%N)
: >"$work/rss.tsv"
while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$rss" ] && echo "$(date +%s.%N) $rss" >>"$work/rss.tsv"
    sleep 0.2
done
wait "$pid" || { echo "sitegen build failed (see $work)" >&2; exit 1; }
python3 - "$work/report.json" "$work/rss.tsv" "$start" "$notes" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
start = float(sys.argv[3])
samples = [(float(t) - start, int(kb)) for t, kb in (line.split() for line in open(sys.argv[2]) if line.strip())]
print(f"cold build of {sys.argv[4]} notes: main-process RSS, largest sample per step (MB)\n")
print("| step | seconds | peak RSS MB |\n|---|---:|---:|")
t = 0.0
for timing in report["timings"]:
    a, b = t, t + timing["seconds"]
    t = b
    inside = [kb for s, kb in samples if a <= s < b]
    if inside:
        print(f"| {timing['step']} | {timing['seconds']:.1f} | {max(inside) / 1024:,.0f} |")
print(f"| **peak** | {report['totalSeconds']:.1f} | **{max(kb for _, kb in samples) / 1024:,.0f}** |")
PY
