#!/usr/bin/env bash
# Cache benchmark: the HTTP ceiling (/q/health/live, no token), an authenticated constant JSON answer
# (the cost of the token), a cached read (all hits), the same read with the cache switched off
# (PostgreSQL), and redis-benchmark GET of a value of the same size.
#
#   bench/cache/run.sh                      # builds the jar, runs everything, prints the table
#   SKIP_BUILD=1 DURATION=30s bench/cache/run.sh
#   SKIP_BUILD=1 WARMUP=3s JAVA_OPTS="-XX:+UseSerialGC -Xmx128m" bench/cache/run.sh   # see lib.sh
#
# Needs: Java 17, wrk and redis-benchmark (installed with apt-get when missing), openssl, curl, jq.
# The service runs from the packaged jar on embedded PostgreSQL and Redis (CAREER_EMBEDDED_ENABLED).
set -euo pipefail

cd "$(dirname "$0")/../.."
. bench/cache/lib.sh

ensure_tools
prepare
ADMIN=$(token "$(cat /proc/sys/kernel/random/uuid)" admin)

echo "== service with the cache"
start_service cache-on CACHE_ENABLED=true
USER_ID=$(bench_user "$ADMIN" bench@example.org)
USER_TOKEN=$(token "$USER_ID" user)
READ="http://localhost:$PORT/api/v1/users/$USER_ID"
curl -fs "$READ" -H "Authorization: Bearer $USER_TOKEN" >/dev/null  # fills the cache
REDIS_PORT=$(redis_port)
VALUE_SIZE=$(redis-cli -p "$REDIS_PORT" STRLEN "cd:profile:{$USER_ID}")
read -r MISSES_BEFORE FALLBACKS_BEFORE ERRORS_BEFORE < <(cache_counts "$ADMIN" profile)
read -r LIVE_RPS LIVE_P50 LIVE_P99 < <(measure "http://localhost:$PORT/q/health/live" "")
read -r CEIL_RPS CEIL_P50 CEIL_P99 < <(measure "http://localhost:$PORT/api/v1/data-management/cache/ping" "$USER_TOKEN")
read -r CACHED_RPS CACHED_P50 CACHED_P99 < <(measure "$READ" "$USER_TOKEN")
read -r MISSES_AFTER FALLBACKS_AFTER ERRORS_AFTER < <(cache_counts "$ADMIN" profile)
REDIS_CSV=$(redis-benchmark -p "$REDIS_PORT" -c "$CONNECTIONS" -n 400000 -d "$VALUE_SIZE" -t set,get --csv 2>/dev/null |
    grep '"GET"')
REDIS_RPS=$(echo "$REDIS_CSV" | awk -F'","' '{print $2}')
REDIS_P50=$(echo "$REDIS_CSV" | awk -F'","' '{print $5}')
REDIS_P99=$(echo "$REDIS_CSV" | awk -F'","' '{print $7}')
stop_service

echo "== service with the cache switched off (every read from PostgreSQL)"
start_service cache-off CACHE_ENABLED=false
USER_ID=$(bench_user "$ADMIN" bench@example.org)
USER_TOKEN=$(token "$USER_ID" user)
read -r PG_RPS PG_P50 PG_P99 < <(measure "http://localhost:$PORT/api/v1/users/$USER_ID" "$USER_TOKEN")
stop_service

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION ($WARMUP warm-up per row; JVM options: ${JAVA_OPTS:-none}) on $(nproc) cores; cached value $VALUE_SIZE bytes; load: $(uptime | sed 's/.*load/load/')"
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
