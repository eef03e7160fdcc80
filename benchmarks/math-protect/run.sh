#!/usr/bin/env bash
# Math protection (`MathProtector.protect`: scan, pair, repair, lost-formula check) on one large generated note
# (a dense study note, a hostile paragraph, one huge damaged formula, a dense note with formula images; see
# generate_note.py): release build of SiteMath alone, median of RUNS runs per size, one process per size.
# Usage: benchmarks/math-protect/run.sh [megabytes...]   (default 1 5 50; RUNS=3 SEED=1)
set -euo pipefail
cd "$(dirname "$0")"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1 5 50)
runs=${RUNS:-3}
seed=${SEED:-1}
ln -sfn ../../Sources/SiteCore SiteCoreSource
ln -sfn ../../Sources/SiteMath SiteMathSource
swift build -c release --product math-protect-bench >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'math protection, %s cores, load %s, seed %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$seed"
for mb in "${sizes[@]}"; do
    for shape in dense hostile formula images; do
        flag=$([ "$shape" = dense ] || echo "--$shape")
        python3 generate_note.py --megabytes "$mb" --seed "$seed" $flag --out "$work/note.md"
        printf "%-8s " "$shape"
        ./.build/release/math-protect-bench "$work/note.md" "$runs"
    done
done
