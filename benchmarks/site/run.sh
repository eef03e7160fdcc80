#!/usr/bin/env bash
# Benchmark `sitegen build` against Hugo on generated corpora.
#
#   benchmarks/site/run.sh [sizes...]        (default: 100 1000 10000)
#
# Environment: RUNS (timed runs per tool and size, default 5, minimum 5), SEED (corpus seed, default 1),
# BENCH_WORK (scratch folder, default /tmp/sitegen-bench), SITEGEN_BIN (use this binary, skip the release build).
# Writes benchmarks/site/results.md and prints the same table. See benchmarks/site/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
runs="${RUNS:-5}"
seed="${SEED:-1}"
work="${BENCH_WORK:-/tmp/sitegen-bench}"
[ "$runs" -ge 5 ] || { echo "RUNS must be at least 5" >&2; exit 2; }

# GNU time gives the peak RSS (%M); Debian ships it in the `time` package.
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (/usr/bin/time)…" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y time >/dev/null; else sudo apt-get install -y time >/dev/null; fi
fi
command -v hugo >/dev/null || { echo "hugo not found (Debian: apt-get install hugo)" >&2; exit 1; }

if [ -n "${SITEGEN_BIN:-}" ]; then
    sitegen="$SITEGEN_BIN"
else
    echo "building sitegen (release)…" >&2
    (cd "$repo" && swift build -c release --product sitegen >&2)
    sitegen="$repo/.build/release/sitegen"
fi
[ -x "$sitegen" ] || { echo "no sitegen binary at $sitegen" >&2; exit 1; }
mkdir -p "$work/logs"
# Run a private copy (with any resource bundles next to it), so a rebuild during the benchmark changes nothing.
rm -rf "$work/bin"
mkdir -p "$work/bin"
cp "$sitegen" "$work/bin/sitegen"
for bundle in "$(dirname "$sitegen")"/*.resources; do [ -e "$bundle" ] && cp -r "$bundle" "$work/bin/"; done
sitegen="$work/bin/sitegen"

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
samples="$work/samples.tsv"
: >"$samples"

now_ns() { date +%s%N; }

# measure TOOL SIZE RUN OUT CMD... : fresh OUT (removed before, untimed, unless KEEP_OUTPUT=1), wall time around the whole
# process, peak RSS and CPU seconds (user + system, waited-for children such as sitegen's node workers
# included) from GNU time; appends "size tool run seconds rss_kb exit pages cpu_seconds" to $samples.
measure() {
    local tool="$1" size="$2" run="$3" out="$4"
    shift 4
    local log="$work/logs/$tool-$size-$run.log" stats="$work/logs/$tool-$size-$run.time"
    [ "${KEEP_OUTPUT:-0}" = 1 ] || rm -rf "$out"
    sync
    local start end rc=0
    start=$(now_ns)
    /usr/bin/time -f '%e %M %U %S' -o "$stats" "$@" >"$log" 2>&1 || rc=$?
    end=$(now_ns)
    local rss cpu
    rss=$(tail -n 1 "$stats" | awk '{print $2}')
    cpu=$(tail -n 1 "$stats" | awk '{printf "%.2f", $3 + $4}')
    local pages=0
    [ -d "$out" ] && pages=$(find "$out" -name '*.html' | wc -l)
    local secs
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    if [ "$rc" -ne 0 ]; then
        echo "  $tool exited $rc on $size notes (run $run); log: $log" >&2
        head -n 20 "$log" | sed 's/^/    /' >&2
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "$run" "$secs" "$rss" "$rc" "$pages" "$cpu" >>"$samples"
}

# sitegen runs in its own working folder, so its persistent cache (.sitegen-cache: KaTeX renderings,
# example outputs) is neither the repo's nor shared with anyone's builds; templates come from the repo.
sitegen_cwd="$work/sitegen-cwd"
mkdir -p "$sitegen_cwd"
tree_peaks="$work/tree-rss.tsv"
: >"$tree_peaks"
written="$work/bytes-written.tsv"
: >"$written"

for size in "${sizes[@]}"; do
    corpus="$work/corpus-$size"
    site="$work/hugo-$size"
    echo "== $size notes" >&2
    python3 "$here/generate_corpus.py" --notes "$size" --seed "$seed" --out "$corpus"
    rm -rf "$site"
    cp -r "$here/hugo-skeleton" "$site"
    cp -r "$corpus" "$site/content"

    # Every tool writes into an output folder that does not exist yet (removed before every run, untimed).
    sitegen_cmd=(bash -c 'cd "$0" && exec "$1" build --notes "$2" --templates "$3" --out "$4" --quiet "${@:5}"' \
        "$sitegen_cwd" "$sitegen" "$corpus" "$repo/templates" "$work/out-sitegen")
    hugo_cmd=(hugo --source "$site" --destination "$work/out-hugo" --quiet)

    # sitegen = empty cache (removed before the run, untimed), like Hugo; sitegen-warm = the cache the
    # previous sitegen run just filled, fresh output folder; sitegen-unchanged = the same cache and the output
    # folder the previous run wrote (an unchanged rebuild); hugo-unchanged = Hugo into its previous output.
    for run in $(seq 0 "$runs"); do   # run 0 is the warm-up, discarded in the table
        rm -rf "$sitegen_cwd/.sitegen-cache"
        measure sitegen "$size" "$run" "$work/out-sitegen" "${sitegen_cmd[@]}"
        measure sitegen-warm "$size" "$run" "$work/out-sitegen" "${sitegen_cmd[@]}"
        KEEP_OUTPUT=1 measure sitegen-unchanged "$size" "$run" "$work/out-sitegen" "${sitegen_cmd[@]}"
        measure hugo "$size" "$run" "$work/out-hugo" "${hugo_cmd[@]}"
        KEEP_OUTPUT=1 measure hugo-unchanged "$size" "$run" "$work/out-hugo" "${hugo_cmd[@]}"
        echo "  run $run done" >&2
    done

    # One extra untimed run each: peak RSS summed over the process tree (sitegen's node workers included);
    # sitegen also writes its JSON report there, for the time per build step (empty cache).
    rm -rf "$sitegen_cwd/.sitegen-cache" "$work/out-sitegen" "$work/out-hugo"
    printf '%s\tsitegen\t%s\n' "$size" \
        "$(python3 "$here/tree_rss.py" "${sitegen_cmd[@]}" --report "$work/logs/sitegen-$size-report.json")" >>"$tree_peaks"
    printf '%s\thugo\t%s\n' "$size" "$(python3 "$here/tree_rss.py" "${hugo_cmd[@]}")" >>"$tree_peaks"
    # Bytes each tool wrote (that run's output folder, every file).
    for tool in sitegen hugo; do
        printf '%s\t%s\t%s\n' "$size" "$tool" "$(du -sb "$work/out-$tool" | cut -f1)" >>"$written"
    done
done

sitegen_version=$("$sitegen" --version 2>/dev/null | head -n 1 || true)
hugo_version=$(hugo version | head -n 1)
swift_version=$(swift --version 2>/dev/null | head -n 1 || true)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //' || true)

python3 "$here/summarize.py" --samples "$samples" --tree-rss "$tree_peaks" --written "$written" --logs "$work/logs" \
    --out "$here/results.md" --runs "$runs" --seed "$seed" --nproc "$(nproc)" --cpu "$cpu" \
    --load "$load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
    --sitegen-version "${sitegen_version:-unknown}" --hugo-version "$hugo_version" \
    --swift-version "${swift_version:-unknown}"
echo "wrote $here/results.md" >&2
