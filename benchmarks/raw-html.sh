#!/usr/bin/env bash
# What sanitising raw HTML costs on real notes folders: release build, warm caches (one unmeasured build
# first), median of RUNS builds of the whole site and of its `sanitise HTML` step, and the pages parsed.
#
#   benchmarks/raw-html.sh NOTES_DIR [NOTES_DIR...]
#
# Environment: RUNS (default 5), SITEGEN_BIN (use this binary, skip the release build).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
runs="${RUNS:-5}"
[ $# -gt 0 ] || { echo "usage: $0 NOTES_DIR [NOTES_DIR...]" >&2; exit 2; }
if [ -n "${SITEGEN_BIN:-}" ]; then
    sitegen="$SITEGEN_BIN"
else
    (cd "$repo" && swift build -c release --product sitegen >/dev/null)
    sitegen="$repo/.build/release/sitegen"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf 'sitegen %s, %s cores, load %s, %s runs\n' "$("$sitegen" --version)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$runs"
for notes in "$@"; do
    notes="$(cd "$notes" && pwd)"
    printf 'cache: %s/cache\n' "$work" > "$work/sitegen.yml"
    build() { (cd "$work" && "$sitegen" build -q --notes "$notes" --templates "$repo/templates" --out "$work/site" --report "$1" >/dev/null 2>&1 || true); }
    build "$work/warm-up.json"
    for i in $(seq "$runs"); do build "$work/run-$i.json"; done
    python3 - "$notes" "$work"/run-*.json <<'EOF'
import json, statistics, sys
reports = [json.load(open(f)) for f in sys.argv[2:]]
step = lambda r, name: sum(t["seconds"] for t in r["timings"] if t["step"] == name)
total = statistics.median(r["totalSeconds"] for r in reports)
sanitise = statistics.median(step(r, "sanitise HTML") for r in reports)
render = statistics.median(step(r, "render HTML") for r in reports)
c = reports[0]["counts"]
print(f"{sys.argv[1]}: {c['pages']} pages, {c.get('rawHTMLPages', 0)} parsed as HTML; build {total:.3f} s, "
      f"render HTML {render * 1000:.1f} ms, sanitise HTML {sanitise * 1000:.1f} ms ({100 * sanitise / total:.1f} %)")
EOF
    rm -rf "$work/site" "$work"/*.json
done
