#!/bin/sh
# Rewrites the pinned coverage matrices of examples/us-canada.yaml (normal, and with sbc-chi down) from the CLI,
# after a change to the simulator that moves them on purpose. Review the diff before committing it.
# Usage: scripts/regen-us-canada-matrix.sh [path/to/e911]   (default: build/cli/e911)
set -eu
cd "$(dirname "$0")/.."
e911="${1:-build/cli/e911}"
"$e911" matrix examples/us-canada.yaml --format json -o tests/data/us-canada.matrix.json
"$e911" matrix examples/us-canada.yaml --down sbc-chi.northwind.com --format json \
    -o tests/data/us-canada.down-sbc-chi.matrix.json
