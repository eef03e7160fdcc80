#!/usr/bin/env bash
# Build time of notes/ and of the seeds (../shared/seeds, if present): release build, median of 5 runs,
# warm (formula and example caches kept) and cold (cache folder removed before each run).
# Usage: benchmarks/build-times.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
swift build -c release --product sitegen >/dev/null
bin=.build/release/sitegen
out=$(mktemp -d)
cache=$(mktemp -d)
trap 'rm -rf "$out" "$cache"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "median %.3f s (min %.3f, max %.3f, n=%d)\n", m, a[1], a[NR], NR}'; }

measure() {
    local label=$1 cold=$2; shift 2
    for _ in $(seq "$runs"); do
        [ "$cold" = 1 ] && rm -rf "$cache"
        local start end
        start=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s.%N)
        echo "$end - $start" | bc
    done | { printf '%-16s ' "$label"; median; }
}

printf 'sitegen %s, %s cores, load %s\n' "$($bin --version)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'cache: %s (a fresh folder, so the runs do not touch .sitegen-cache)\n' "$cache"
with_cache() { printf 'cache: %s\n' "$cache" > "$out/sitegen.yml"; }
# sitegen reads sitegen.yml from the working directory: run from a scratch folder that points at the inputs.
notes=$(pwd)/notes templates=$(pwd)/templates
run() { (cd "$out" && "$OLDPWD/$bin" build -q --notes "$1" --templates "$templates" --out "$out/site"); }
with_cache
measure "notes/ warm" 0 run "$notes"
measure "notes/ cold" 1 run "$notes"
if [ -d ../shared/seeds ]; then
    seeds=$(cd ../shared/seeds && pwd)
    measure "seeds warm" 0 run "$seeds"
    measure "seeds cold" 1 run "$seeds"
fi
