#!/usr/bin/env bash
# Company search at scale (issue 3): p50/p99 of GET /api/v1/companies?q=… for a name, a
# name with a typo and an organisationsnummer, over N companies in one municipality on
# SQLite, beside SQLite FTS5 (trigram) matching a phrase over the same names.
# Usage: bash bench/search.sh [companies]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
RUNS=${RUNS:-50}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$(mktemp -d /tmp/lots-search.XXXX)
cargo build --release --bin lots >/dev/null 2>&1
LOTS="$TARGET/release/lots"
export LOTS_LOG=error LOTS_MAIL_TRANSPORT=memory LOTS_DATABASE_URL="sqlite://$OUT/lots.db"
"$LOTS" generate companies --count "$N" --invalid-every 0 --output "$OUT/register.csv" >/dev/null
"$LOTS" municipality host 0139 >/dev/null
"$LOTS" import companies "$OUT/register.csv" --municipality 0139 >/dev/null
TOKEN=$("$LOTS" token create --municipality 0139 --name bench 2>/dev/null)
LOTS_LISTEN=127.0.0.1:8290 "$LOTS" serve >/dev/null &
server=$!
until curl -sf http://127.0.0.1:8290/readyz >/dev/null; do sleep 0.05; done
name=$(sed -n '1000p' "$OUT/register.csv" | cut -d';' -f2)
orgnr=$(sed -n '1000p' "$OUT/register.csv" | cut -d';' -f1)
words=$(echo "$name" | awk '{print $1" "$2}')
typo=$(echo "$words" | sed 's/\(.\)\(.\)/\2\1/')   # swap the first two letters

percentiles() { sort -n | awk '{a[NR]=$1} END {printf "p50=%.1fms p99=%.1fms", a[int(NR*0.5)+1]*1000, a[int(NR*0.99)+(NR*0.99>int(NR*0.99))]*1000}'; }
measure() { # label query
  for _ in $(seq 1 "$RUNS"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" \
      --get --data-urlencode "q=$2" http://127.0.0.1:8290/api/v1/companies
  done | echo "$1 $(percentiles)"
}
# The first name query after start (or after a change) builds the index: timed apart.
cold=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" --get --data-urlencode "q=$words" http://127.0.0.1:8290/api/v1/companies)
echo "lots_index_build_first_query=$(awk -v t="$cold" 'BEGIN { printf "%.0fms", t * 1000 }')"
measure "lots_name(\"$words\")" "$words"
measure "lots_typo(\"$typo\")" "$typo"
measure "lots_orgnr($orgnr)" "$orgnr"
kill $server

# The peer: FTS5 with the trigram tokenizer over the same names, a quoted phrase, LIMIT 20.
sqlite3 "$OUT/peer.db" <<SQL >/dev/null
CREATE VIRTUAL TABLE names USING fts5(name, tokenize = 'trigram');
.mode csv
.separator ;
CREATE TABLE raw (orgnr TEXT, name TEXT, sni TEXT, employees TEXT, town TEXT, municipality TEXT);
.import --skip 1 $OUT/register.csv raw
INSERT INTO names SELECT name FROM raw;
SQL
for _ in $(seq 1 "$RUNS"); do
  printf '.timer on\nSELECT rowid FROM names WHERE names MATCH %s LIMIT 20;\n' "'\"$words\"'" \
    | sqlite3 "$OUT/peer.db" | awk '/Run Time/ {print $4}'
done | echo "fts5_trigram_phrase(\"$words\") $(percentiles)"
rm -rf "$OUT"
