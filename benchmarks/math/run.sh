#!/usr/bin/env bash
# KaTeX bridge throughput: KaTeX alone in node vs sitegen's bridge (`KaTeXRenderer`: node workers fed JSON
# batches, answers decoded in Swift) on the same distinct formulas of a generated corpus, side by side.
# Both start cold (a new node process per run, as in a build); CPU seconds are what count on a shared machine.
# Usage: benchmarks/math/run.sh [notes]   (default 1000; RUNS=5 SEED=1 PROCESSES=nproc)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
notes="${1:-1000}"
runs="${RUNS:-5}"
seed="${SEED:-1}"
processes="${PROCESSES:-$(nproc)}"
ln -sfn ../../Sources/SiteCore SiteCoreSource
ln -sfn ../../Sources/SiteMath SiteMathSource
swift build -c release --product katex-bridge-bench >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 ../site/generate_corpus.py --notes "$notes" --seed "$seed" --out "$work/notes" >&2
python3 extract_formulas.py "$work/notes" "$work/formulas.json"
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"

printf 'KaTeX bridge vs KaTeX alone, %s notes (seed %s), %s node processes, %s cores, load %s\n' \
    "$notes" "$seed" "$processes" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
# KaTeX alone: `processes` node processes, each typesetting its share of the formulas once.
for run in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    for shard in $(seq 0 $((processes - 1))); do
        node katex_alone.js "$work/formulas.json" "$shard" "$processes" >"$work/alone-$shard.json" &
    done
    wait
    end=$(date +%s%N)
    python3 - "$work" "$processes" "$start" "$end" >>"$work/alone.tsv" <<'PY'
import json, sys
work, n, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
shards = [json.load(open(f"{work}/alone-{i}.json")) for i in range(n)]
print((end - start) / 1e9, sum(s["coldCPU"] for s in shards), sum(s["warmCPU"] for s in shards),
      sum(s["formulas"] for s in shards), sum(s["bytes"] for s in shards), sep="\t")
PY
done
python3 - "$work/alone.tsv" <<'PY'
import statistics, sys
rows = [list(map(float, line.split("\t"))) for line in open(sys.argv[1])]
wall, cold, warm = (statistics.median(r[i] for r in rows) for i in range(3))
formulas, size = int(rows[0][3]), int(rows[0][4])
print(f"alone:  {formulas} formulas, {size // formulas} bytes/formula  median {wall:.3f} s wall ({formulas / wall:.0f} formulas/s)"
      f"  CPU {cold:.3f} s node (cold; a warm pass {warm:.3f} s = {formulas / warm:.0f} formulas/CPU s)  n={len(rows)}")
PY
./.build/release/katex-bridge-bench "$work/formulas.json" "$runs" "$processes"
