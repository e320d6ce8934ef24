# Shared by the cache benchmarks (run.sh, compression.sh): tools, tokens, the packaged jar's start and
# stop, wrk. Sourced, not run; the caller sets `set -euo pipefail` and cds to the repository root.

DURATION=${DURATION:-20s}
# wrk before each measured row: a service started a moment ago is still compiling its hot paths (a
# 3 s warm-up left the cache-off read at a quarter of its steady rate, with C2 a third of the CPU)
WARMUP=${WARMUP:-20s}
# options of the service's JVM, e.g. JAVA_OPTS="-XX:+UseSerialGC -Xmx128m" (none: the JVM's defaults)
JAVA_OPTS=${JAVA_OPTS:-}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# a free port by default: other services may run on this machine
PORT=${PORT:-$(free_port)}
WORK=$(mktemp -d)
. bench/tokens.sh
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

# Builds the jar unless SKIP_BUILD=1, and makes this run's token signing key
prepare() {
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        ./mvnw -B -q package -DskipTests
    fi
    make_signing_key
}


# start_service <name of the run> [NAME=value ...]: the packaged jar with these settings, until it is ready
start_service() {
    local name=$1
    shift
    env CAREER_EMBEDDED_ENABLED=true QUARKUS_HTTP_PORT="$PORT" CACHE_WARMING_EVERY=off \
        MP_JWT_VERIFY_PUBLICKEY="$(cat "$WORK/public.pem")" QUARKUS_LOG_LEVEL=WARN "$@" \
        java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >"$WORK/service-$name.log" 2>&1 &
    APP_PID=$!
    # polled every 0.1 s, so READY_MS (process start until ready answers 200) is a startup figure
    local started
    started=$(date +%s%N)
    for _ in $(seq 1 1200); do
        if curl -fs "http://localhost:$PORT/q/health/ready" >/dev/null 2>&1; then
            READY_MS=$((($(date +%s%N) - started) / 1000000))
            return 0
        fi
        sleep 0.1
    done
    echo "the service did not start; see its log:" >&2
    cat "$WORK/service-$name.log" >&2
    exit 1
}

# Creates the user a benchmark reads (a realistic profile row) with this e-mail; prints its id:
# bench_user <admin token> <e-mail>
bench_user() {
    local answer id
    answer=$(curl -s -X POST "http://localhost:$PORT/api/v1/users" -H "Authorization: Bearer $1" \
        -H 'Content-Type: application/json' \
        -d '{"email":"'"$2"'","fullName":"Bench Mark","headline":"Engineer who measures things",
             "location":"Berlin","preferences":{"remote":true,"roles":["backend","platform"],"salaryMin":70000}}')
    id=$(echo "$answer" | jq -r .id 2>/dev/null || true)
    if [ -z "$id" ] || [ "$id" = null ]; then
        echo "could not create the benchmark's user: $answer" >&2
        exit 1
    fi
    echo "$id"
}

stop_service() {
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

# Resident memory of the running jar in MB (VmRSS of /proc/<pid>/status)
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status"; }

# The port of the embedded redis-server the running service started
redis_port() {
    ss -ltnpH | grep "pid=$(pgrep -P "$APP_PID" redis-server)," | awk '{print $4}' | awk -F: '{print $NF}' | head -1
}

# misses, fallbacks and Redis errors of one category so far: cache_counts <admin token> <category>
cache_counts() {
    curl -fs "http://localhost:$PORT/api/v1/data-management/cache/stats" -H "Authorization: Bearer $1" |
        jq -r --arg c "$2" '.categories[] | select(.category == $c) | "\(.misses) \(.fallbacks) \(.errors)"'
}

# wrk for one URL (with a bearer token unless it is empty, and a wrk Lua script if given, e.g. for a
# POST); prints "<requests/s> <p50 ms> <p99 ms>"
measure() {
    local url=$1 bearer=$2 script=${3:-} out
    local auth=()
    [ -n "$bearer" ] && auth=(-H "Authorization: Bearer $bearer")
    [ -n "$script" ] && auth+=(-s "$script")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "$url" >/dev/null
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

# row <variable> <measure's arguments...>: its "req/s p50 p99" into the variable (a failed row stops the run)
row() {
    local variable=$1 answer
    shift
    answer=$(measure "$@")
    printf -v "$variable" '%s' "$answer"
}

to_ms() {  # wrk prints 812.00us, 1.23ms or 1.02s
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
