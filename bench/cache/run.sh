#!/usr/bin/env bash
# Cache benchmark: the HTTP ceiling (/q/health/live, no token), an authenticated constant JSON answer
# (the cost of the token), a cached read (all hits), the same read with the cache switched off
# (PostgreSQL), and redis-benchmark GET of a value of the same size.
#
#   bench/cache/run.sh                      # builds the jar, runs everything, prints the table
#   SKIP_BUILD=1 DURATION=30s bench/cache/run.sh
#
# Needs: Java 17, wrk and redis-benchmark (installed with apt-get when missing), openssl, curl, jq.
# The service runs from the packaged jar on embedded PostgreSQL and Redis (CAREER_EMBEDDED_ENABLED).
set -euo pipefail

cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
# a free port by default: other services may run on this machine
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=$(mktemp -d)
APP_PID=""

cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

ensure_tools() {
    if ! command -v wrk >/dev/null || ! command -v redis-benchmark >/dev/null; then
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk redis-tools
    fi
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# An RS256 token signed with this run's key: token <subject> <group>
token() {
    local now header payload
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
    payload=$(printf '{"iss":"career-data-service","sub":"%s","groups":["%s"],"iat":%d,"exp":%d}' \
        "$1" "$2" "$now" $((now + 7200)) | b64url)
    printf '%s.%s.%s' "$header" "$payload" \
        "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$WORK/private.pem" -binary | b64url)"
}

start_service() {  # start_service <cache enabled: true|false>
    CAREER_EMBEDDED_ENABLED=true QUARKUS_HTTP_PORT=$PORT CACHE_ENABLED=$1 CACHE_WARMING_EVERY=off \
        MP_JWT_VERIFY_PUBLICKEY="$(cat "$WORK/public.pem")" QUARKUS_LOG_LEVEL=WARN \
        java -jar target/quarkus-app/quarkus-run.jar >"$WORK/service-$1.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 120); do
        curl -fs "http://localhost:$PORT/q/health/ready" >/dev/null 2>&1 && return 0
        sleep 1
    done
    echo "the service did not start; see its log:" >&2
    cat "$WORK/service-$1.log" >&2
    exit 1
}

stop_service() {
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

# Creates the user the reads are about (with a few skills, so the profile is a realistic row); prints its id
seed() {
    local admin=$1 answer id
    answer=$(curl -s -X POST "http://localhost:$PORT/api/v1/users" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' \
        -d '{"email":"bench@example.org","fullName":"Bench Mark","headline":"Engineer who measures things",
             "location":"Berlin","preferences":{"remote":true,"roles":["backend","platform"],"salaryMin":70000}}')
    id=$(echo "$answer" | jq -r .id 2>/dev/null || true)
    if [ -z "$id" ] || [ "$id" = null ]; then
        echo "could not create the benchmark's user: $answer" >&2
        exit 1
    fi
    echo "$id"
}

# wrk for one URL (with a bearer token unless it is empty); prints "<requests/s> <p50 ms> <p99 ms>"
measure() {
    local url=$1 bearer=$2 out
    local auth=()
    [ -n "$bearer" ] && auth=(-H "Authorization: Bearer $bearer")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "${auth[@]}" "$url" >/dev/null  # warm-up
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${auth[@]}" "$url")
    if echo "$out" | grep -q "Non-2xx"; then
        echo "non-2xx answers from $url:" >&2
        echo "$out" >&2
        exit 1
    fi
    local rps p50 p99
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}

to_ms() {  # wrk prints 812.00us, 1.23ms or 1.02s
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'
}

ensure_tools
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -B -q package -DskipTests
fi
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
ADMIN=$(token "$(cat /proc/sys/kernel/random/uuid)" admin)

echo "== service with the cache"
start_service true
USER_ID=$(seed "$ADMIN")
USER_TOKEN=$(token "$USER_ID" user)
READ="http://localhost:$PORT/api/v1/users/$USER_ID"
curl -fs "$READ" -H "Authorization: Bearer $USER_TOKEN" >/dev/null  # fills the cache
REDIS_PORT=$(ss -ltnpH | grep "pid=$(pgrep -P "$APP_PID" redis-server)," | awk '{print $4}' | awk -F: '{print $NF}' | head -1)
VALUE_SIZE=$(redis-cli -p "$REDIS_PORT" STRLEN "cd:profile:$USER_ID")
profile_counts() {  # misses, fallbacks and errors of the profile category
    curl -fs "http://localhost:$PORT/api/v1/data-management/cache/stats" -H "Authorization: Bearer $ADMIN" |
        jq -r '.categories[] | select(.category == "profile") | "\(.misses) \(.fallbacks) \(.errors)"'
}
read -r MISSES_BEFORE FALLBACKS_BEFORE ERRORS_BEFORE < <(profile_counts)
read -r LIVE_RPS LIVE_P50 LIVE_P99 < <(measure "http://localhost:$PORT/q/health/live" "")
read -r CEIL_RPS CEIL_P50 CEIL_P99 < <(measure "http://localhost:$PORT/api/v1/data-management/cache/ping" "$USER_TOKEN")
read -r CACHED_RPS CACHED_P50 CACHED_P99 < <(measure "$READ" "$USER_TOKEN")
read -r MISSES_AFTER FALLBACKS_AFTER ERRORS_AFTER < <(profile_counts)
REDIS_CSV=$(redis-benchmark -p "$REDIS_PORT" -c "$CONNECTIONS" -n 400000 -d "$VALUE_SIZE" -t set,get --csv 2>/dev/null |
    grep '"GET"')
REDIS_RPS=$(echo "$REDIS_CSV" | awk -F'","' '{print $2}')
REDIS_P50=$(echo "$REDIS_CSV" | awk -F'","' '{print $5}')
REDIS_P99=$(echo "$REDIS_CSV" | awk -F'","' '{print $7}')
stop_service

echo "== service with the cache switched off (every read from PostgreSQL)"
start_service false
USER_ID=$(seed "$ADMIN")
USER_TOKEN=$(token "$USER_ID" user)
read -r PG_RPS PG_P50 PG_P99 < <(measure "http://localhost:$PORT/api/v1/users/$USER_ID" "$USER_TOKEN")
stop_service

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores; cached value $VALUE_SIZE bytes; load: $(uptime | sed 's/.*load/load/')"
echo "during the cached run: $((MISSES_AFTER - MISSES_BEFORE)) misses, $((FALLBACKS_AFTER - FALLBACKS_BEFORE)) reads served" \
    "from PostgreSQL because Redis was bypassed, $((ERRORS_AFTER - ERRORS_BEFORE)) Redis errors (all hits when 0 0 0)"
printf '%-34s %12s %10s %10s\n' "" "requests/s" "p50 ms" "p99 ms"
printf '%-34s %12s %10s %10s\n' "/q/health/live (no token)" "$LIVE_RPS" "$LIVE_P50" "$LIVE_P99"
printf '%-34s %12s %10s %10s\n' "authenticated ping (constant JSON)" "$CEIL_RPS" "$CEIL_P50" "$CEIL_P99"
printf '%-34s %12s %10s %10s\n' "cached read (Redis hits)" "$CACHED_RPS" "$CACHED_P50" "$CACHED_P99"
printf '%-34s %12s %10s %10s\n' "same read, cache off (PostgreSQL)" "$PG_RPS" "$PG_P50" "$PG_P99"
printf '%-34s %12s %10s %10s\n' "redis-benchmark GET" "$REDIS_RPS" "$REDIS_P50" "$REDIS_P99"
echo
echo "ping/live             $(ratio "$CEIL_RPS" "$LIVE_RPS")   (target >= 0.6: the token's cost)"
echo "cached/ping           $(ratio "$CACHED_RPS" "$CEIL_RPS")   (target >= 0.6)"
echo "cached/live           $(ratio "$CACHED_RPS" "$LIVE_RPS")"
echo "cached/PostgreSQL     $(ratio "$CACHED_RPS" "$PG_RPS")   (target >= 3)"
echo "cached/redis-bench    $(ratio "$CACHED_RPS" "$REDIS_RPS")"
echo "p99 cached/ping       $(ratio "$CACHED_P99" "$CEIL_P99")   (target <= 2)"
