#!/usr/bin/env bash
# Bulk import of a synthetic national register (issue 3), printed as lines for
# BENCHMARKS.md: `lots import companies` into SQLite and PostgreSQL, beside the sqlite3
# command line's `.import` into a bare table and PostgreSQL's `\copy`, of the same file,
# and beside sqlite3 copying the rows Lots wrote into an empty Lots database.
# Usage: bash bench/import.sh [companies]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
TARGET=${CARGO_TARGET_DIR:-target}
PG=${LOTS_BENCH_PG:-postgres://postgres:postgres@127.0.0.1:5432}
OUT=$(mktemp -d /tmp/lots-import.XXXX)
# The rejected lines are counted by their English prefix.
export LOTS_LANG=en
cargo build --release --bin lots >/dev/null 2>&1
LOTS="$TARGET/release/lots"
export LOTS_LOG=error
"$LOTS" generate companies --count "$N" --output "$OUT/register.csv" >/dev/null
echo "file: $N companies, $(du -m "$OUT/register.csv" | cut -f1) MB, $(grep -c . "$OUT/register.csv") lines"

seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", (e - s) / 1e9 }'; }

# The peer: sqlite3's .import into a bare table, no index, no validation.
start=$(date +%s%N)
sqlite3 "$OUT/peer.db" <<SQL
CREATE TABLE companies (orgnr TEXT, name TEXT, sni TEXT, employees TEXT, town TEXT, municipality TEXT);
.mode csv
.separator ;
.import --skip 1 $OUT/register.csv companies
SQL
end=$(date +%s%N)
echo "sqlite3_import_s=$(seconds "$start" "$end")"

export LOTS_DATABASE_URL="sqlite://$OUT/lots.db"
"$LOTS" municipality host 0139 >/dev/null
start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$OUT/rss" "$LOTS" import companies "$OUT/register.csv" --municipality 0139 >/dev/null 2>"$OUT/rejects" || true
end=$(date +%s%N)
echo "lots_sqlite_import_s=$(seconds "$start" "$end") peak_rss_mb=$(( $(tail -1 "$OUT/rss") / 1024 )) rejected=$(grep -c '^line ' "$OUT/rejects")"

# SQLite's own floor for the register: sqlite3 copies the rows Lots wrote into a fresh Lots
# database, with the same keys, foreign keys and indexes (the sort indexes built at the end,
# as Lots does): the writing alone, without reading, checking or binding anything.
export LOTS_DATABASE_URL="sqlite://$OUT/floor.db"
"$LOTS" municipality host 0139 >/dev/null
sqlite3 "$OUT/floor.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
start=$(date +%s%N)
sqlite3 "$OUT/floor.db" <<SQL >/dev/null
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
ATTACH '$OUT/lots.db' AS lots;
BEGIN;
INSERT INTO company_imports SELECT * FROM lots.company_imports;
DROP INDEX companies_sort;
DROP INDEX companies_area;
INSERT INTO companies SELECT * FROM lots.companies;
$(sqlite3 "$OUT/lots.db" "SELECT sql || ';' FROM sqlite_master WHERE name IN ('companies_sort', 'companies_area')")
COMMIT;
SQL
end=$(date +%s%N)
echo "sqlite3_into_lots_schema_s=$(seconds "$start" "$end")"

db="lots_bench_$RANDOM"
psql "$PG/postgres" -qc "CREATE DATABASE $db" >/dev/null
start=$(date +%s%N)
psql "$PG/$db" -q <<SQL
CREATE TABLE companies (orgnr TEXT, name TEXT, sni TEXT, employees TEXT, town TEXT, municipality TEXT);
\copy companies FROM '$OUT/register.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)
SQL
end=$(date +%s%N)
echo "postgres_copy_s=$(seconds "$start" "$end")"
psql "$PG/postgres" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
psql "$PG/postgres" -qc "CREATE DATABASE $db" >/dev/null
export LOTS_DATABASE_URL="$PG/$db"
"$LOTS" municipality host 0139 >/dev/null
start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$OUT/rss" "$LOTS" import companies "$OUT/register.csv" --municipality 0139 >/dev/null 2>/dev/null || true
end=$(date +%s%N)
echo "lots_postgres_import_s=$(seconds "$start" "$end") peak_rss_mb=$(( $(tail -1 "$OUT/rss") / 1024 ))"
psql "$PG/postgres" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
rm -rf "$OUT"
