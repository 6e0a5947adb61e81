#!/usr/bin/env bash
# The national results table (issue 4): `lots survey results --input` over a generated
# measurement of N respondents, beside DuckDB computing the same table from the same file
# (query time alone, the CSV already loaded), and a check that the two tables agree.
# Needs: python3 with duckdb, numpy and scipy (pip install duckdb numpy scipy).
# Usage: bash bench/survey.sh [respondents] [runs]   (defaults 1000000, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RUNS=${2:-5}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$(mktemp -d /tmp/lots-survey.XXXX)
cargo build --release --bin lots >/dev/null 2>&1
LOTS="$TARGET/release/lots"
export LOTS_LOG=error
"$LOTS" generate survey --respondents "$N" --output "$OUT/national.csv" >/dev/null
echo "file: $N respondents, $(du -m "$OUT/national.csv" | cut -f1) MB"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for _ in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  "$LOTS" survey results --input "$OUT/national.csv" > "$OUT/lots.csv"
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
done | median | awk '{printf "lots_results_s_median=%.3f (read, compute, write the whole table; process start included)\n", $1 / 1000}'
echo "rows: $(($(wc -l < "$OUT/lots.csv") - 1))"
"$LOTS" survey results --input "$OUT/national.csv" --format json \
  | python3 -c "import json,sys; [print(f\"lots_effects[{e['area']}]=\" + ' '.join(f\"{f['effect']:.3f}\" for f in e['factors'])) for e in json.load(sys.stdin)['effects']]"
python3 bench/survey_peer.py "$OUT/national.csv" "$OUT/lots.csv" "$RUNS"
rm -rf "$OUT"
