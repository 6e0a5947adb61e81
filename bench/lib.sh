# Helpers shared by the load benchmarks: wait for a server, sign in as one of the demo's
# people, run wrk (optionally with a Lua script) and print rps/p50/p99.
# Expects OUT and DURATION set.

wait_ready() {
  until curl -sf "http://$1/readyz" >/dev/null 2>&1; do sleep 0.002; done
}

session_cookie() { # base [email]: signs in (the business developer unless told)
  local base=$1 email=${2:-sara.holmberg@upplands-bro.example} jar="$OUT/jar.$RANDOM"
  curl -s -c "$jar" -b "$jar" "$base/logga-in" >/dev/null
  local csrf; csrf=$(awk '/lots_csrf/ {print $7}' "$jar")
  curl -s -c "$jar" -b "$jar" -o /dev/null \
    --data-urlencode "csrf_token=$csrf" --data-urlencode "email=$email" \
    --data-urlencode "password=lots-demo" "$base/logga-in"
  awk '/lots_session/ {print "lots_session=" $7}' "$jar"
}

load() { # name url [cookie]; WRK_SCRIPT, when set, is a Lua script (e.g. a POST body)
  local name=$1 url=$2 cookie=${3:-}
  wrk -t2 -c32 -d"${DURATION}s" --latency ${cookie:+-H "Cookie: $cookie"} \
    ${WRK_SCRIPT:+-s "$WRK_SCRIPT"} "$url" > "$OUT/$name.wrk"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/$name.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$OUT/$name.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/$name.wrk")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$OUT/$name.wrk")
  echo "$name rps=$rps p50=$p50 p99=$p99 non2xx=${non2xx:-0}"
}

