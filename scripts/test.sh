#!/usr/bin/env bash
# Quick start, command 2 (and what CI runs): install what is missing, then run the whole test suite:
# `swift test`, then the browser tests (Tests/Browser, headless Chromium) against the sitegen just built.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift test "$@"
swift build --product sitegen
SITEGEN="$(swift build --show-bin-path)/sitegen" .build/test-venv/bin/python -m unittest discover -s Tests/Browser -p 'test_*.py' -v
