#!/usr/bin/env bash
# Open311 `POST requests.json` under load (issue 5): wrk posts fault reports with an api_key
# (a pothole with its attribute and coordinates) to `lots serve` on the demo, on SQLite and
# PostgreSQL; the bare stack's page (crates/lots/examples/bare_stack.rs) in the same run
# for scale. Needs wrk (Debian: apt-get install wrk).
# Usage: bash bench/open311.sh [seconds]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
TARGET=${CARGO_TARGET_DIR:-target}
PG=${LOTS_BENCH_PG:-postgres://postgres:postgres@127.0.0.1:5432}
OUT=$(mktemp -d /tmp/lots-open311.XXXX)
cargo build --release --bin lots --example bare_stack >/dev/null 2>&1
LOTS="$TARGET/release/lots"
export LOTS_LOG=error LOTS_MAIL_TRANSPORT=memory
. bench/lib.sh

"$TARGET/release/examples/bare_stack" 127.0.0.1:8393 "$OUT/bare.db" >/dev/null &
bare=$!
sleep 1
load bare_stack_get http://127.0.0.1:8393/
kill $bare; wait $bare 2>/dev/null || true

measure() { # name database-url
  export LOTS_DATABASE_URL=$2
  "$LOTS" demo >/dev/null
  local key
  key=$("$LOTS" token create --municipality 0139 --name wrk --scope open311 2>/dev/null)
  cat > "$OUT/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "api_key=$key&jurisdiction_id=0139&service_code=hal-i-gatan&lat=59.5181&long=17.8139&attribute%5Bstorlek%5D=stor&description=H%C3%A5l+i+k%C3%B6rbanan&email=wrk%40example.se"
LUA
  LOTS_LISTEN=127.0.0.1:8392 "$LOTS" serve >/dev/null 2>&1 &
  local server=$!
  wait_ready 127.0.0.1:8392
  WRK_SCRIPT="$OUT/post.lua" load "$1_open311_post" http://127.0.0.1:8392/open311/v2/requests.json
  kill -TERM $server; wait $server || true
}

measure sqlite "sqlite://$OUT/lots.db"
db="lots_open311_$RANDOM"
psql "$PG/postgres" -qc "CREATE DATABASE $db" >/dev/null
measure postgres "$PG/$db"
psql "$PG/postgres" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
rm -rf "$OUT"
