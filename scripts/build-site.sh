#!/usr/bin/env bash
# Quick start, command 1: install what is missing, then build notes/ into public/ (options go to `sitegen build`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product sitegen
exec .build/release/sitegen build "$@"
