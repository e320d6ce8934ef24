#!/usr/bin/env bash
# The rows a user asks about, in one run of the packaged jar (embedded PostgreSQL 17 and Redis 6.2):
# - wrk: /q/health/live without a token (the stack's ceiling), the authenticated ping, a cached
#   profile read, a job posting read through the near cache (L1), and the profile read with
#   CACHE_ENABLED=false (a second start of the jar), each as a ratio to the first row;
# - startup: process start until /q/health/ready answers 200, and VmRSS after start and after load;
# - the mixed workload of Mixed.java (10,000 users, Zipf popularity, 90 % reads / 10 % writes,
#   read-your-writes checker, hit ratios per tier and category).
#
#   bench/mixed/run.sh                                   # builds the jar; DURATION=20s per wrk row
#   SKIP_BUILD=1 DURATION=5s MIXED="users=300 warmup=3 duration=10" bench/mixed/run.sh   # a short try
#
# MIXED: extra key=value options of Mixed.java (users, postings, threads, warmup, duration, writes,
# postingWrites, zipf). Needs Java 17, wrk (installed with apt-get when missing), openssl, curl, jq.
set -euo pipefail

cd "$(dirname "$0")/../.."
. bench/cache/lib.sh

# Creates one user with two skills and one job posting; prints "<user id> <posting id>"
seed_rows() {
    local admin=$1 user posting
    user=$(bench_user "$admin" rows@example.org)
    for skill in Java SQL; do
        curl -fs -o /dev/null -X POST "http://localhost:$PORT/api/v1/users/$user/skills" -H "Authorization: Bearer $admin" \
            -H 'Content-Type: application/json' -d "{\"name\":\"$skill\",\"level\":\"expert\"}"
    done
    posting=$(curl -fsi -X POST "http://localhost:$PORT/api/v1/jobs" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' \
        -d '{"title":"Backend Engineer","company":"Acme","location":"Berlin","source":"bench",
             "description":"Services, databases and caches; on call one week in six.","salaryMin":60000,
             "salaryMax":80000,"currency":"EUR","postedDate":"2026-11-20"}' |
        tr -d '\r' | awk -F/ 'tolower($0) ~ /^location:/ {print $NF}')
    if [ -z "$user" ] || [ -z "$posting" ]; then
        echo "could not create the benchmark's user or posting" >&2
        exit 1
    fi
    echo "$user $posting"
}

# One counter of /q/metrics summed over its lines: metric <name> <cache> <result>
metric() {
    curl -fs "http://localhost:$PORT/q/metrics" |
        awk -v n="$1" -v c="cache=\"$2\"" -v r="result=\"$3\"" \
            'index($0, n "{") == 1 && index($0, c) && index($0, r) {s += $NF} END {printf "%.0f", s}'
}

ensure_tools
prepare
ADMIN=$(token "$(cat /proc/sys/kernel/random/uuid)" admin)
LOAD_START=$(uptime | sed 's/.*load average: //')

echo "== service with the cache (near cache on, the default)"
start_service cache-on CACHE_ENABLED=true
READY_ON=$READY_MS
RSS_START=$(rss_mb)
read -r USER_ID POSTING_ID < <(seed_rows "$ADMIN")
USER_TOKEN=$(token "$USER_ID" user)
BASE="http://localhost:$PORT"
curl -fs -o /dev/null "$BASE/api/v1/users/$USER_ID" -H "Authorization: Bearer $USER_TOKEN"
curl -fs -o /dev/null "$BASE/api/v1/jobs/$POSTING_ID" -H "Authorization: Bearer $USER_TOKEN"
read -r LIVE_RPS LIVE_P50 LIVE_P99 < <(measure "$BASE/q/health/live" "")
read -r PING_RPS PING_P50 PING_P99 < <(measure "$BASE/api/v1/data-management/cache/ping" "$USER_TOKEN")
PROFILE_MISSES=$(metric cache_gets_total profile miss)
read -r PROFILE_RPS PROFILE_P50 PROFILE_P99 < <(measure "$BASE/api/v1/users/$USER_ID" "$USER_TOKEN")
PROFILE_MISSES=$(($(metric cache_gets_total profile miss) - PROFILE_MISSES))
L1_HITS=$(metric cache_near_gets_total job-postings hit)
L1_MISSES=$(metric cache_near_gets_total job-postings miss)
read -r POSTING_RPS POSTING_P50 POSTING_P99 < <(measure "$BASE/api/v1/jobs/$POSTING_ID" "$USER_TOKEN")
L1_HITS=$(($(metric cache_near_gets_total job-postings hit) - L1_HITS))
L1_MISSES=$(($(metric cache_near_gets_total job-postings miss) - L1_MISSES))

echo "== mixed workload"
# shellcheck disable=SC2086  # MIXED is a list of key=value words
java bench/mixed/Mixed.java "$BASE" "$WORK/private.pem" analyticsOut="$WORK/analytics.json" ${MIXED:-} |
    tee "$WORK/mixed.txt"
RSS_AFTER=$(rss_mb)
stop_service

echo "== service with the cache switched off (every read from PostgreSQL)"
start_service cache-off CACHE_ENABLED=false
READY_OFF=$READY_MS
read -r USER_ID _ < <(seed_rows "$ADMIN")
read -r OFF_RPS OFF_P50 OFF_P99 < <(measure "http://localhost:$PORT/api/v1/users/$USER_ID" "$(token "$USER_ID" user)")
stop_service

# Startup with the servers already up: Debian's PostgreSQL 15 and redis-server (apt), started here,
# the jar pointed at them; the first start migrates the empty database, the second finds it done
PGBIN=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_servers() {
    [ -f "$WORK/redis.pid" ] && kill "$(cat "$WORK/redis.pid")" 2>/dev/null || true
    [ -d "$WORK/pgdata" ] && as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -m fast stop >/dev/null 2>&1 || true
    cleanup
}
trap stop_servers EXIT
READY_EXT="not measured (no $PGBIN/postgres or redis-server)"
if [ -x "$PGBIN/postgres" ] && command -v redis-server >/dev/null; then
    echo "== startup with PostgreSQL 15 and redis-server already running"
    PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    RD_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    [ "$(id -u)" = 0 ] && chown postgres "$WORK"
    as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -U bench --auth=trust >/dev/null
    as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pg.log" -w \
        -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
    "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U bench -q -d postgres -c "CREATE DATABASE bench"
    redis-server --port "$RD_PORT" --save '' --appendonly no --daemonize yes --pidfile "$WORK/redis.pid" \
        --logfile "$WORK/redis.log"
    EXT=(CAREER_EMBEDDED_ENABLED=false QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/bench"
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/bench" QUARKUS_DATASOURCE_USERNAME=bench
        QUARKUS_DATASOURCE_PASSWORD=bench QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$RD_PORT")
    start_service external-first "${EXT[@]}"
    READY_FIRST=$READY_MS RSS_EXT=$(rss_mb)
    stop_service
    start_service external-again "${EXT[@]}"
    READY_EXT="${READY_FIRST} ms first start (migrations on an empty database), ${READY_MS} ms restart; RSS ${RSS_EXT} MB after start"
    stop_service
fi

row() { printf '%-40s %10s %9s %9s %9s\n' "$1" "$2" "$3" "$4" "$(ratio "$2" "$LIVE_RPS")"; }
echo
echo "commit $(git rev-parse --short HEAD); wrk -t$THREADS -c$CONNECTIONS -d$DURATION (3 s warm-up) on $(nproc) cores;" \
    "load average at start: $LOAD_START; at end: $(uptime | sed 's/.*load average: //')"
printf '%-40s %10s %9s %9s %9s\n' "" "req/s" "p50 ms" "p99 ms" "x live"
row "/q/health/live (no token)" "$LIVE_RPS" "$LIVE_P50" "$LIVE_P99"
row "authenticated ping" "$PING_RPS" "$PING_P50" "$PING_P99"
row "cached profile read (Redis)" "$PROFILE_RPS" "$PROFILE_P50" "$PROFILE_P99"
row "job posting read (near cache L1)" "$POSTING_RPS" "$POSTING_P50" "$POSTING_P99"
row "profile read, cache off (PostgreSQL)" "$OFF_RPS" "$OFF_P50" "$OFF_P99"
echo "profile row: $PROFILE_MISSES Redis misses; posting row: L1 $L1_HITS hits, $L1_MISSES misses"
echo
echo "ping/live          $(ratio "$PING_RPS" "$LIVE_RPS")   (target >= 0.6)"
echo "profile/ping       $(ratio "$PROFILE_RPS" "$PING_RPS")   (target >= 0.8)"
echo "profile/cache off  $(ratio "$PROFILE_RPS" "$OFF_RPS")   (target >= 4)"
echo "posting L1/ping    $(ratio "$POSTING_RPS" "$PING_RPS")   (target >= 0.9)"
echo "cache off/ping     $(ratio "$OFF_RPS" "$PING_RPS")   (target >= 0.35)"
echo
echo "startup to ready, embedded servers started by the jar: ${READY_ON} ms (cache on), ${READY_OFF} ms (cache off)"
echo "startup to ready, servers already up: $READY_EXT"
echo "RSS: ${RSS_START} MB after start, ${RSS_AFTER} MB after the wrk rows and the mixed workload"
echo "cache analytics (1 min window at the end of the mixed run, this replica, Redis tier):"
jq -r '.categories[] | . as $c | .windows[] | select(.window == "1m") |
    "  \($c.category): gets \(.gets) hits \(.hits) ratio \(.hitRatio)"' "$WORK/analytics.json" 2>/dev/null || true
