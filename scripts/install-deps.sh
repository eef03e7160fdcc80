#!/usr/bin/env bash
# Installs the Debian packages sitegen needs, only those that are missing.
#   libcmark-gfm-dev, libcmark-gfm-extensions-dev  Markdown parser (linked through the CCmarkGFM target)
#   libxml2-dev                                    HTML parser for raw HTML in notes (the CLibXML2 target)
#   katex, libjs-katex                             formulas typeset at build time, and KaTeX's CSS and fonts
#   nodejs                                         runs KaTeX during the build
#   node-prismjs                                   code highlighted at build time (Prism, in the same node)
# With --test, also what the tests need:
#   chromium, chromium-driver, python3-venv        the browser tests (Tests/Browser), driven by selenium
#   selenium (PyPI)                                installed into .build/test-venv
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev katex libjs-katex nodejs node-prismjs)
[ "${1:-}" = "--test" ] && packages+=(chromium chromium-driver python3-venv)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "sitegen: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ "${1:-}" = "--test" ] && ! .build/test-venv/bin/python -c "import selenium" 2>/dev/null; then
    echo "sitegen: installing selenium into .build/test-venv" >&2
    python3 -m venv .build/test-venv
    .build/test-venv/bin/pip install --quiet --disable-pip-version-check selenium
fi
