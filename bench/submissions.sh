#!/usr/bin/env bash
# Survey submissions under load (issue 4): 64 respondents submit answers through their
# personal links for SECONDS on SQLite and on PostgreSQL (each answer: the link looked up,
# checked against the battery, written in a transaction, acknowledged with 303); then the
# same load with the server killed by SIGKILL halfway, restarted, and every acknowledged
# submission looked for.
# Usage: bash bench/submissions.sh [seconds]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-15}
TARGET=${CARGO_TARGET_DIR:-target}
PG=${LOTS_BENCH_PG:-postgres://postgres:postgres@127.0.0.1:5432}
OUT=$(mktemp -d /tmp/lots-submit.XXXX)
cargo build --release --bin lots --example survey_load >/dev/null 2>&1
LOTS="$TARGET/release/lots"
LOAD="$TARGET/release/examples/survey_load"
export LOTS_LOG=error LOTS_MAIL_TRANSPORT=memory LOTS_LISTEN=127.0.0.1:8390
BASE=http://127.0.0.1:8390

wait_ready() { until curl -sf "$BASE/readyz" >/dev/null 2>&1; do sleep 0.05; done; }

measure() { # name database-url
  export LOTS_DATABASE_URL=$2
  "$LOTS" demo >/dev/null
  "$LOAD" setup "$2" 150000 "$OUT/links"
  "$LOTS" serve >/dev/null 2>&1 &
  local server=$!
  wait_ready
  echo "$1 $("$LOAD" run "$BASE" "$OUT/links" 64 "$SECONDS_RUN" "$OUT/acked")"
  kill -TERM $server; wait $server || true

  "$LOAD" setup "$2" 150000 "$OUT/links"
  "$LOTS" serve >/dev/null 2>&1 &
  server=$!
  wait_ready
  "$LOAD" run "$BASE" "$OUT/links" 64 "$SECONDS_RUN" "$OUT/acked" > "$OUT/killed" &
  local load=$!
  sleep $(( SECONDS_RUN / 2 ))
  kill -9 $server; wait $server 2>/dev/null || true
  wait $load || true
  echo "$1 killed halfway: $(cat "$OUT/killed")"
  echo "$1 after restart: $("$LOAD" verify "$2" "$OUT/acked")"
}

measure sqlite "sqlite://$OUT/lots.db"
db="lots_submit_$RANDOM"
psql "$PG/postgres" -qc "CREATE DATABASE $db" >/dev/null
measure postgres "$PG/$db"
psql "$PG/postgres" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
rm -rf "$OUT"
