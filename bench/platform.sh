#!/usr/bin/env bash
# Platform benchmarks of issue 2, printed as Markdown for BENCHMARKS.md:
#   1. `lots serve --demo` from start to /readyz answering (SQLite, demo already loaded)
#   2. a signed-in page under wrk (2 threads, 32 connections, 30 s) on SQLite and
#      PostgreSQL, beside the bare stack (axum + sqlx SQLite + minijinja, 50 rows)
#   3. resident memory of `lots serve` with the demo loaded, after the load test
#   4. every role's start page and the company, case, campaign and results pages under wrk
#      on both databases (`pages` below), each beside the bare stack of the same run
# Needs: wrk, curl, a PostgreSQL at 127.0.0.1:5432 (LOTS_BENCH_PG overrides the URL).
# Usage: bash bench/platform.sh [seconds-per-load-test]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
TARGET=${CARGO_TARGET_DIR:-target}
PG=${LOTS_BENCH_PG:-postgres://postgres:postgres@127.0.0.1:5432}
OUT=$(mktemp -d /tmp/lots-bench.XXXX)
cargo build --release --bin lots --example bare_stack >/dev/null 2>&1
LOTS="$TARGET/release/lots"
BARE="$TARGET/release/examples/bare_stack"
export LOTS_LOG=error LOTS_MAIL_TRANSPORT=memory

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

. bench/lib.sh

# Each role's start page, signed in as the demo's person in that role, and the pages staff
# open most: a company, a case, a campaign, the results of last year.
pages() { # pid base backend
  local base=$2 backend=$3 role email cookie
  for role in business_developer:sara.holmberg case_officer:ahmed.hassan \
      contact_centre:moa.jakobsson manager:per.sandberg administrator:maja.lindqvist; do
    email="${role#*:}@upplands-bro.example"
    cookie=$(session_cookie "$base" "$email")
    load "${backend}_start_${role%%:*}" "$base/oversikt" "$cookie"
  done
  load "${backend}_start_organiser" "$base/oversikt" "$(session_cookie "$base" elias.sjoberg@sba.example)"
  cookie=$(session_cookie "$base")
  load "${backend}_company" "$base/foretag/1" "$cookie"
  load "${backend}_case" "$base/arenden/1" "$cookie"
  load "${backend}_campaign" "$base/kampanjer/1" "$cookie"
  load "${backend}_results" "$base/enkater/resultat" "$cookie"
}

# --- 1. start-up to /readyz ---------------------------------------------------------
export LOTS_DATABASE_URL="sqlite://$OUT/lots.db"
"$LOTS" demo >/dev/null
times=()
for i in $(seq 1 11); do
  start=$(date +%s%N)
  LOTS_LISTEN=127.0.0.1:8190 "$LOTS" serve --demo >/dev/null &
  pid=$!
  wait_ready 127.0.0.1:8190
  end=$(date +%s%N)
  kill -TERM $pid; wait $pid || true
  times+=($(( (end - start) / 1000000 )))
done
startup=$(printf '%s\n' "${times[@]}" | median)
echo "startup_ms_median=$startup runs=${times[*]}"

# --- 2. load: one signed-in page ----------------------------------------------------
"$BARE" 127.0.0.1:8191 "$OUT/bare.db" >/dev/null &
bare=$!
sleep 1
load bare_stack http://127.0.0.1:8191/
kill $bare

LOTS_LISTEN=127.0.0.1:8192 "$LOTS" serve --demo >/dev/null &
lots_sqlite=$!
wait_ready 127.0.0.1:8192
cookie=$(session_cookie http://127.0.0.1:8192)
load lots_sqlite http://127.0.0.1:8192/oversikt "$cookie"
load lots_sqlite_staff_list http://127.0.0.1:8192/personal "$cookie"
pages "$lots_sqlite" http://127.0.0.1:8192 sqlite
rss=$(awk '/VmRSS/ {print $2}' /proc/$lots_sqlite/status)
hwm=$(awk '/VmHWM/ {print $2}' /proc/$lots_sqlite/status)
echo "rss_kib_after_load=$rss peak_kib=$hwm"
kill -TERM $lots_sqlite; wait $lots_sqlite || true

db="lots_bench_$RANDOM"
psql "$PG/postgres" -qc "CREATE DATABASE $db" >/dev/null
LOTS_DATABASE_URL="$PG/$db" LOTS_LISTEN=127.0.0.1:8193 "$LOTS" serve --demo >/dev/null &
lots_pg=$!
wait_ready 127.0.0.1:8193
load lots_postgres http://127.0.0.1:8193/oversikt "$(session_cookie http://127.0.0.1:8193)"
pages "$lots_pg" http://127.0.0.1:8193 postgres
kill -TERM $lots_pg; wait $lots_pg || true
psql "$PG/postgres" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
rm -rf "$OUT"
