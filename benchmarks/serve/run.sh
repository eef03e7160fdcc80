#!/usr/bin/env bash
# Edit-to-reload latency of `sitegen serve` against `hugo server` on generated corpora.
#
#   benchmarks/serve/run.sh [sizes...]        (default: 1000 10000)
#
# Environment: EDITS (timed edits per tool and size, default 20), SEED (corpus seed, default 1),
# BENCH_WORK (scratch folder, default /tmp/sitegen-serve-bench), SITEGEN_BIN (use this binary, skip the
# release build). Writes benchmarks/serve/results.md and prints the same table. See benchmarks/serve/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work="${BENCH_WORK:-/tmp/sitegen-serve-bench}"
command -v hugo >/dev/null || { echo "hugo not found (Debian: apt-get install hugo)" >&2; exit 1; }
# websocket-client (Hugo's LiveReload socket) comes with selenium in the test venv.
"$repo/scripts/install-deps.sh" --test
python="$repo/.build/test-venv/bin/python"

if [ -n "${SITEGEN_BIN:-}" ]; then
    sitegen="$SITEGEN_BIN"
else
    echo "building sitegen (release)…" >&2
    (cd "$repo" && swift build -c release --product sitegen >&2)
    sitegen="$repo/.build/release/sitegen"
fi
mkdir -p "$work/bin"
cp "$sitegen" "$work/bin/sitegen"   # a private copy: a rebuild during the run changes nothing

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //' || true)
machine="$(nproc) cores ($cpu), $(hugo version | awk '{print $1, $2}'), $("$work/bin/sitegen" --version | head -n 1 | sed 's/^/sitegen /')"
"$python" "$here/latency.py" --sitegen "$work/bin/sitegen" --work "$work" --out "$here/results.md" \
    --sizes "${sizes[@]}" --edits "${EDITS:-20}" --seed "${SEED:-1}" --machine "$machine"
echo "wrote $here/results.md" >&2
