#!/usr/bin/env bash
# Visit assignment (issue 7): 200 officers × 2 visits over 2 000 candidate companies,
# Lots' Kuhn–Munkres beside SciPy's linear_sum_assignment on the same cost matrix; both
# totals must be equal (both optimal).
# Usage: bash bench/assignment.sh [runs]   (needs pip install numpy scipy)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
FILE=$(mktemp /tmp/lots-assignment.XXXX.csv)
cargo run -q --release -p lots-domain --example assignment_bench -- "$FILE" "$RUNS"
python3 bench/assignment_peer.py "$FILE" "$RUNS"
rm -f "$FILE"
