#!/usr/bin/env bash
# The company list page under load (issue 3): the demo's Upplands-Bro with N generated
# companies added, signed in as the business developer, wrk (2 threads, 32 connections) on
# the first page, an area filter and page 500 (by number, and by the cursor the list's links
# carry); beside the bare stack (axum + sqlx SQLite + minijinja rendering 50 rows) under the
# same load.
# Usage: bash bench/company_list.sh [companies] [seconds-per-load-test]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
DURATION=${2:-20}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$(mktemp -d /tmp/lots-list.XXXX)
cargo build --release --bin lots --example bare_stack >/dev/null 2>&1
LOTS="$TARGET/release/lots"
BARE="$TARGET/release/examples/bare_stack"
export LOTS_LOG=error LOTS_MAIL_TRANSPORT=memory LOTS_DATABASE_URL="sqlite://$OUT/lots.db"
. bench/lib.sh

"$LOTS" demo >/dev/null
"$LOTS" generate companies --count "$N" --invalid-every 0 --output "$OUT/register.csv" >/dev/null
"$LOTS" import companies "$OUT/register.csv" --municipality 0139 >/dev/null
echo "register: $(sqlite3 "$OUT/lots.db" "SELECT COUNT(*) FROM companies WHERE municipality_code = '0139'") companies"
area=$(sqlite3 "$OUT/lots.db" "SELECT id FROM areas WHERE municipality_code = '0139' AND name = 'Brunna'")
# The last company of page 499 (25 to a page): the cursor the list's "next" link carries.
cursor=$(sqlite3 "$OUT/lots.db" "SELECT id FROM companies WHERE municipality_code = '0139' ORDER BY sort_key, id LIMIT 1 OFFSET $((499 * 25 - 1))")

"$BARE" 127.0.0.1:8291 "$OUT/bare.db" >/dev/null &
bare=$!
sleep 1
load bare_stack http://127.0.0.1:8291/
kill $bare

LOTS_LISTEN=127.0.0.1:8292 "$LOTS" serve >/dev/null &
server=$!
wait_ready 127.0.0.1:8292
cookie=$(session_cookie http://127.0.0.1:8292)
load lots_list_first_page http://127.0.0.1:8292/foretag "$cookie"
load lots_list_area_brunna "http://127.0.0.1:8292/foretag?omrade=$area" "$cookie"
load lots_list_page_500_by_number "http://127.0.0.1:8292/foretag?sida=500" "$cookie"
load lots_list_page_500_by_cursor "http://127.0.0.1:8292/foretag?sida=500&efter=$cursor" "$cookie"
kill -TERM $server; wait $server || true
rm -rf "$OUT"
