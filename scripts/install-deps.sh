#!/usr/bin/env bash
# Installs the Debian packages sitegen needs, only those that are missing.
#   libcmark-gfm-dev, libcmark-gfm-extensions-dev  Markdown parser (linked through the CCmarkGFM target)
#   libxml2-dev                                    HTML parser for raw HTML in notes (the CLibXML2 target)
#   katex, libjs-katex                             formulas typeset at build time, and KaTeX's CSS and fonts
#   nodejs                                         runs KaTeX during the build
set -euo pipefail
packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev katex libjs-katex nodejs)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "sitegen: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
