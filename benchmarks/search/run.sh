#!/usr/bin/env bash
# Search benchmark: sitegen's index against Pagefind 1.5 extended (recall@5, MRR, index bytes, index time and
# first-query download at 10,000 generated notes). See bench.py; writes results.md beside this script.
#
#   benchmarks/search/run.sh
#
# Environment: NOTES (generated notes for the scale part, default 10000; 0 skips it), RUNS (default 3),
# SEEDS (default ../shared/seeds), BENCH_WORK (scratch folder, default /tmp/sitegen-search-bench),
# SITEGEN_BIN (use this binary, skip the release build).
# Installs into $BENCH_WORK/venv only: PyPI pagefind-bin-extended 1.5.2 and selenium. Needs Debian's chromium
# and chromium-driver (scripts/install-deps.sh --test).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${BENCH_WORK:-/tmp/sitegen-search-bench}"
mkdir -p "$work"

if [ -n "${SITEGEN_BIN:-}" ]; then
    sitegen="$SITEGEN_BIN"
else
    echo "building sitegen (release)…" >&2
    (cd "$repo" && swift build -c release --product sitegen >&2)
    sitegen="$repo/.build/release/sitegen"
fi
"$repo/scripts/install-deps.sh" --test
if ! "$work/venv/bin/python" -c "import selenium, pagefind_bin_extended" 2>/dev/null; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check "pagefind-bin-extended==1.5.2" selenium
fi
pagefind="$("$work/venv/bin/python" -c 'import pagefind_bin_extended, os; print(os.path.join(os.path.dirname(pagefind_bin_extended.__file__), "pagefind_extended"))')"

{
    echo "# Search benchmark"
    echo
    echo "$(date +%Y-%m-%d), $(nproc) cores, sitegen $("$sitegen" --version), $("$pagefind" --version) (extended)."
    echo "Command: \`benchmarks/search/run.sh\` (queries and expected pages: \`benchmarks/search/queries.json\`)."
    echo
    "$work/venv/bin/python" "$here/bench.py" --sitegen "$sitegen" --pagefind "$pagefind" --work "$work" \
        --notes "${NOTES:-10000}" --runs "${RUNS:-3}" --seeds "${SEEDS:-$repo/../shared/seeds}"
} | tee "$here/results.md.new"
mv "$here/results.md.new" "$here/results.md"
