#!/usr/bin/env bash
# Cases at scale (issue 5), printed as lines for BENCHMARKS.md: `lots import cases` of a
# synthetic file into SQLite and PostgreSQL, then the handling-time statistics over all of
# them (`lots cases times`, the query's own time) beside sqlite3 computing count, median
# and 90th percentile per area with window functions over the same table.
# Usage: bash bench/cases.sh [cases] [runs]   (defaults 1000000 and 11)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RUNS=${2:-11}
TARGET=${CARGO_TARGET_DIR:-target}
PG=${LOTS_BENCH_PG:-postgres://postgres:postgres@127.0.0.1:5432}
OUT=$(mktemp -d /tmp/lots-cases.XXXX)
cargo build --release --bin lots >/dev/null 2>&1
LOTS="$TARGET/release/lots"
export LOTS_LOG=error
"$LOTS" generate cases --count "$N" --output "$OUT/cases.csv" >/dev/null
echo "file: $N cases, $(du -m "$OUT/cases.csv" | cut -f1) MB"

seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", (e - s) / 1e9 }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

import() { # name url
  export LOTS_DATABASE_URL=$2
  "$LOTS" municipality host 0139 >/dev/null
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$OUT/rss" "$LOTS" import cases "$OUT/cases.csv" --municipality 0139 >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo "$1_import_s=$(seconds "$start" "$end") peak_rss_mb=$(( $(tail -1 "$OUT/rss") / 1024 ))"
  for _ in $(seq "$RUNS"); do
    "$LOTS" cases times --municipality 0139 --from 2024-11-01 --to 2026-11-01 2>&1 >/dev/null | sed 's/[^0-9]//g'
  done | median | sed "s/^/$1_times_query_ms_median=/"
}

import sqlite "sqlite://$OUT/lots.db"
PEER="WITH d AS (
  SELECT s.name AS area, julianday(k.decided_on) - julianday(k.received_on) AS days
  FROM cases k JOIN service_areas s ON s.id = k.area_id
  WHERE k.municipality_code = '0139' AND k.received_on BETWEEN '2024-11-01' AND '2026-11-01'
    AND k.decided_on IS NOT NULL),
r AS (SELECT area, days, row_number() OVER (PARTITION BY area ORDER BY days) AS rn,
        count(*) OVER (PARTITION BY area) AS n FROM d)
SELECT area, n, avg(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN days END),
       max(CASE WHEN rn = CAST(0.9 * (n - 1) AS INT) + 1 THEN days END)
FROM r GROUP BY area;"
for _ in $(seq "$RUNS"); do
  start=$(date +%s%N)
  sqlite3 "$OUT/lots.db" "$PEER" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
done | median | sed 's/^/sqlite3_peer_ms_median=/'

db="lots_cases_$RANDOM"
psql "$PG/postgres" -qc "CREATE DATABASE $db" >/dev/null
import postgres "$PG/$db"
psql "$PG/postgres" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
rm -rf "$OUT"
