#!/usr/bin/env bash
# Chaos under load: the packaged jar on its own PostgreSQL 15 and redis-server, each a process this
# script kills or stops and starts again while bench/chaos/Load.java keeps 64 connections busy.
#   1. Redis killed (SIGKILL) for REDIS_DOWN seconds during reads and writes
#   2. PostgreSQL stopped for PG_DOWN seconds during reads and writes
#   3. the service killed (SIGKILL) during a backup and during an export, then started again
# Prints PASS/FAIL per target with the counts; exits 1 when a target is missed (after all scenarios).
#
#   bench/chaos/run.sh                                    # builds the jar when it is missing
#   SKIP_BUILD=1 REDIS_DOWN=8 PG_DOWN=8 BEFORE=5 AFTER=15 bench/chaos/run.sh      # a quick run
#   SCENARIOS="redis pg" bench/chaos/run.sh               # a subset (redis, pg, kill)
#
# Environment: REDIS_DOWN (30), PG_DOWN (20), BEFORE (15: seconds of load before the fault), AFTER
# (30: seconds of load after the server is back), CONNECTIONS (64), USERS (256: half written and
# read back, half only read), JOBS_LOST_AFTER (10s), JOBS_PACE (1s: a pause after each table or export
# category, so the killed jobs are still running), BUILD (unset: build only when target/quarkus-app is missing).
# Needs Java 17, curl, jq, openssl; installs Debian's postgresql-15 and redis-server with apt-get when missing.
set -uo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
REDIS_DOWN=${REDIS_DOWN:-30}
PG_DOWN=${PG_DOWN:-20}
BEFORE=${BEFORE:-15}
AFTER=${AFTER:-30}
CONNECTIONS=${CONNECTIONS:-64}
USERS=${USERS:-256}
JOBS_LOST_AFTER=${JOBS_LOST_AFTER:-10s}
JOBS_PACE=${JOBS_PACE:-1s}
SCENARIOS=${SCENARIOS:-redis pg kill}
PGBIN=/usr/lib/postgresql/15/bin
. bench/chaos/lib.sh

trap cleanup EXIT
ensure_servers
if [ -n "${BUILD:-}" ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    [ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -B -q package -DskipTests
fi
javac -d "$WORK/load" bench/chaos/Load.java || exit 1

echo "== PostgreSQL 15 on $PG_PORT, redis-server on $REDIS_PORT, the service on $PORT"
start_postgres
start_redis
start_service
ADMIN=$(token chaos-admin admin)
seed_users
echo "   $USERS users ($((USERS / 2)) written and read back, $((USERS / 2)) only read); load: $(cut -d' ' -f1-3 /proc/loadavg)"

# runs the load for its seconds while <fault> happens BEFORE seconds in, for <down> seconds: load_with <name> <down>
load_with() {
    local name=$1 down=$2 events="$WORK/events-$1" pid
    : >"$events"
    java -cp "$WORK/load" Load "http://127.0.0.1:$PORT" "$WORK/users" $((BEFORE + down + AFTER)) "$events" \
        workers="$CONNECTIONS" >"$WORK/load-$name.out" 2>"$WORK/load-$name.err" &
    pid=$!
    sleep "$BEFORE"
    echo "${name}_down $(date +%s%3N)" >>"$events"
    "${name}_down"
    sleep "$down"
    "${name}_up"
    echo "${name}_up $(date +%s%3N)" >>"$events"
    wait "$pid"
    sed 's/^/   /' "$WORK/load-$name.out"
}
value() { awk -v k="$1" '$1 == k {print $2}' "$WORK/load-$2.out"; }

if [[ " $SCENARIOS " == *" redis "* ]]; then
    echo "== 1. Redis killed for ${REDIS_DOWN}s during reads and writes (${BEFORE}s before, ${AFTER}s after)"
    load_with redis "$REDIS_DOWN"
    echo "   cache health at the end of the load: $(api "$(BASE)/data-management/cache/health" | jq -c .)"
    echo "   profile counters: $(api "$(BASE)/data-management/cache/stats" | jq -c '.categories[] | select(.category == "profile") | {hits, misses, fallbacks, errors}')"
    check "redis: failed requests" "$(value failed redis)" -eq 0
    back=$(value hit_rate_back_after_ms redis)
    check "redis: hit rate back (>= 90% of before) within 10 s of Redis' return, ms (-1: never)" "$back" -ge 0 -a "$back" -le 10000
    check "redis: stale reads during the load (read older than the last acknowledged write)" "$(value stale_reads_during_load redis)" -eq 0
    check "redis: stale reads of every written user after the load" "$(value final_stale redis)" -eq 0
fi

if [[ " $SCENARIOS " == *" pg "* ]]; then
    echo "== 2. PostgreSQL stopped for ${PG_DOWN}s during reads and writes (${BEFORE}s before, ${AFTER}s after)"
    warm_cache
    load_with pg "$PG_DOWN"
    check "pg: cached reads not answered 200 during the outage" "$(value cached_non200_during_outage pg)" -eq 0
    check "pg: non-2xx answers that are not 503" "$(value non2xx_not_503 pg)" -eq 0
    check "pg: non-2xx answers that are not problem+json" "$(value non2xx_not_problem pg)" -eq 0
    check "pg: uncached reads and writes answered after more than 1 s (max $(value non2xx_max_ms pg) ms)" \
        "$(value non2xx_over_1s pg)" -eq 0
    down=$(value ready_down_after_ms pg)
    check "pg: readiness DOWN within 10 s of the stop, ms (-1: never)" "$down" -ge 0 -a "$down" -le 10000
    rec=$(value recovered_after_ms pg)
    check "pg: last failure after the start, ms (recovered without a restart: within $((AFTER - 5)) s)" \
        "$rec" -le $(((AFTER - 5) * 1000))
    check "pg: readiness UP at the end (HTTP status)" "$(value ready_up_at_end pg)" -eq 200
    check "pg: acknowledged writes lost (read back older or not at all after recovery)" \
        $(($(value final_stale pg) + $(value final_failed pg))) -eq 0
fi

if [[ " $SCENARIOS " == *" kill "* ]]; then
    echo "== 3. The service killed (SIGKILL) during a backup and during an export (JOBS_LOST_AFTER=$JOBS_LOST_AFTER)"
    kill_scenario
fi

echo
echo "== Summary (load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, commit $(git rev-parse --short HEAD))"
cat "$WORK/verdicts"
if grep -q '^FAIL' "$WORK/verdicts"; then exit 1; fi
