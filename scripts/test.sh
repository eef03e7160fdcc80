#!/usr/bin/env bash
# Quick start, command 2 (and what CI runs): install what is missing, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
exec swift test "$@"
