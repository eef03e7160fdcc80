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
samples="$work/samples.tsv"
: >"$samples"

now_ns() { date +%s%N; }

# measure TOOL SIZE RUN OUT CMD... : fresh OUT (removed before, untimed), wall time around the whole
# process, peak RSS from GNU time; appends "size tool run seconds rss_kb exit pages" to $samples.
measure() {
    local tool="$1" size="$2" run="$3" out="$4"
    shift 4
    local log="$work/logs/$tool-$size-$run.log" stats="$work/logs/$tool-$size-$run.time"
    rm -rf "$out"
    sync
    local start end rc=0
    start=$(now_ns)
    /usr/bin/time -f '%e %M' -o "$stats" "$@" >"$log" 2>&1 || rc=$?
    end=$(now_ns)
    local rss
    rss=$(tail -n 1 "$stats" | awk '{print $2}')
    local pages=0
    [ -d "$out" ] && pages=$(find "$out" -name '*.html' | wc -l)
    local secs
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    if [ "$rc" -ne 0 ]; then
        echo "  $tool exited $rc on $size notes (run $run); log: $log" >&2
        head -n 20 "$log" | sed 's/^/    /' >&2
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "$run" "$secs" "$rss" "$rc" "$pages" >>"$samples"
}

for size in "${sizes[@]}"; do
    corpus="$work/corpus-$size"
    site="$work/hugo-$size"
    echo "== $size notes" >&2
    python3 "$here/generate_corpus.py" --notes "$size" --seed "$seed" --out "$corpus"
    rm -rf "$site"
    cp -r "$here/hugo-skeleton" "$site"
    cp -r "$corpus" "$site/content"

    # Both tools write into a folder that does not exist yet (removed before every run, untimed).
    sitegen_cmd=(bash -c 'cd "$0" && exec "$1" build --notes "$2" --out "$3" --quiet' \
        "$repo" "$sitegen" "$corpus" "$work/out-sitegen")
    hugo_cmd=(hugo --source "$site" --destination "$work/out-hugo" --quiet)

    for run in $(seq 0 "$runs"); do   # run 0 is the warm-up, discarded in the table
        measure sitegen "$size" "$run" "$work/out-sitegen" "${sitegen_cmd[@]}"
        measure hugo "$size" "$run" "$work/out-hugo" "${hugo_cmd[@]}"
        echo "  run $run done" >&2
    done
done

sitegen_version=$("$sitegen" --version 2>/dev/null | head -n 1 || true)
hugo_version=$(hugo version | head -n 1)
swift_version=$(swift --version 2>/dev/null | head -n 1 || true)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //' || true)

python3 - "$samples" "$here/results.md" "$runs" "$seed" "$(nproc)" "$cpu" \
    "${sitegen_version:-unknown}" "$hugo_version" "${swift_version:-unknown}" <<'PY'
import datetime, statistics, sys
samples, results, runs, seed, nproc, cpu, sg_ver, hugo_ver, swift_ver = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(samples) if line.strip()]
by = {}
for size, tool, run, secs, rss, rc, pages in rows:
    if run == "0":
        continue
    by.setdefault((int(size), tool), []).append((float(secs), int(rss or 0), int(rc), int(pages)))
sizes = sorted({s for s, _ in by})
def med(xs): return statistics.median(xs)
lines = [
    "| notes | sitegen median s | hugo median s | ratio sitegen/hugo | sitegen peak RSS MB | hugo peak RSS MB | pages sitegen / hugo |",
    "|---:|---:|---:|---:|---:|---:|---:|",
]
notes = []
for size in sizes:
    sg, hg = by.get((size, "sitegen"), []), by.get((size, "hugo"), [])
    sg_t, hg_t = med([s[0] for s in sg]), med([s[0] for s in hg])
    sg_m, hg_m = max(s[1] for s in sg) / 1024, max(s[1] for s in hg) / 1024
    for tool, samples_ in (("sitegen", sg), ("hugo", hg)):
        bad = sorted({s[2] for s in samples_ if s[2] != 0})
        if bad:
            notes.append(f"- {tool} exited {', '.join(map(str, bad))} on {size} notes (see logs).")
    lines.append(f"| {size} | {sg_t:.3f} | {hg_t:.3f} | {sg_t / hg_t:.2f} | {sg_m:.0f} | {hg_m:.0f} | "
                 f"{sg[-1][3]} / {hg[-1][3]} |")
table = "\n".join(lines)
print(table)
for n in notes:
    print(n)
stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
with open(results, "w") as f:
    f.write(f"# sitegen build vs Hugo\n\n")
    f.write(f"Generated by `benchmarks/site/run.sh` on {stamp}. Median of {runs} timed runs per tool and size "
            f"(one warm-up each, discarded), runs alternating sitegen/hugo; peak RSS is the largest of the timed runs. "
            f"Corpus seed {seed}.\n\n")
    f.write(table + "\n\n")
    if notes:
        f.write("\n".join(notes) + "\n\n")
    f.write(f"- machine: `nproc` = {nproc}, {cpu}\n- sitegen: {sg_ver} (release build)\n- hugo: {hugo_ver}\n"
            f"- swift: {swift_ver}\n\nRatio below 1 means sitegen is faster. Goal: ≤ 0.5 at 10,000 notes.\n")
PY
echo "wrote $here/results.md" >&2
