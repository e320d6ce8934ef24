#!/usr/bin/env bash
# Primary write throughput while a large export runs, with the export on a streaming replica and then
# on the primary, in one run: Debian's PostgreSQL 15 as primary, a hot standby made with
# pg_basebackup -R, the same jar started once with the replica datasource and once without it.
# Writes: wrk POST of new skills (4 SQL statements and a commit each); exports: zip of one user with
# EXPORT_ROWS skills, started again whenever one finishes, for the whole measured row.
#
#   bench/replica/run.sh                                    # builds the jar; DURATION, WARMUP as in lib.sh
#   SKIP_BUILD=1 WARMUP=10s DURATION=20s EXPORT_ROWS=300000 flock /tmp/bench.lock bench/replica/run.sh
set -euo pipefail

cd "$(dirname "$0")/../.."
. bench/cache/lib.sh
. bench/servers.sh

PGBIN=/usr/lib/postgresql/15/bin
EXPORT_ROWS=${EXPORT_ROWS:-300000}
PG_PORT=$(free_port)
STANDBY_PORT=$(free_port)
LOOP_PID=""
stop_servers() {
    [ -z "$LOOP_PID" ] || kill "$LOOP_PID" 2>/dev/null || true
    stop_postgres "$WORK/standby"
    stop_postgres "$WORK/pgdata"
    cleanup
}
trap stop_servers EXIT
api() { curl -fs -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$@"; }

# exports of EXPORT_USER one after the other until killed; each finished one is a line in $WORK/exports.done
export_loop() {
    local id state
    while true; do
        id=$(api -X POST "$BASE/data-management/exports" -d '{"format":"zip","userId":"'"$EXPORT_USER"'"}' | jq -r .id)
        state=running
        while [ "$state" = running ] || [ "$state" = pending ]; do
            sleep 0.5
            state=$(api "$BASE/data-management/exports/$id" | jq -r .state)
        done
        echo "$id $state" >>"$WORK/exports.done"
    done
}

# writes <name>: the write row without and with exports running; sets <name>_IDLE, <name>_EXPORT, <name>_EXPORTS
writes() {
    local name=$1 done_before
    local url="$BASE/users/$WRITER/skills"
    row "${name}_IDLE" "$url" "$WRITER_TOKEN" bench/replica/skills.lua
    : >"$WORK/exports.done"
    export_loop &
    LOOP_PID=$!
    sleep 2 # the first export is running
    row "${name}_EXPORT" "$url" "$WRITER_TOKEN" bench/replica/skills.lua
    kill "$LOOP_PID"
    wait "$LOOP_PID" 2>/dev/null || true
    LOOP_PID=""
    printf -v "${name}_EXPORTS" '%s' "$(awk '{print $2}' "$WORK/exports.done" | sort | uniq -c | tr '\n' ' ')"
    printf -v "${name}_SIDES" '%s' "$(curl -fs "http://localhost:$PORT/q/metrics" | grep '^career_replica_reads_total{.*work="export"' | tr '\n' ' ')"
}

ensure_tools
ensure_servers
prepare
ADMIN=$(token "$(cat /proc/sys/kernel/random/uuid)" admin)
BASE="http://localhost:$PORT/api/v1"
new_postgres
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U bench -D "$WORK/standby" -R -X stream
pg_start "$WORK/standby" "$STANDBY_PORT"
service_on_postgres
# the embedded redis-server for the cache: the environment names PostgreSQL, so only Redis is embedded
SERVICE_ON_POSTGRES+=(CAREER_EMBEDDED_ENABLED=true)
REPLICA=(QUARKUS_DATASOURCE_REPLICA_REACTIVE_URL="postgresql://127.0.0.1:$STANDBY_PORT/bench"
    QUARKUS_DATASOURCE_REPLICA_JDBC_URL="jdbc:postgresql://127.0.0.1:$STANDBY_PORT/bench"
    QUARKUS_DATASOURCE_REPLICA_USERNAME=bench QUARKUS_DATASOURCE_REPLICA_PASSWORD=bench)
LOAD_START=$(uptime | sed 's/.*load average: //')

echo "== with the replica"
start_service replica "${SERVICE_ON_POSTGRES[@]}" "${REPLICA[@]}"
EXPORT_USER=$(bench_user "$ADMIN" export@example.org)
WRITER=$(bench_user "$ADMIN" writer@example.org)
WRITER_TOKEN=$(token "$WRITER" user)
"$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U bench -q -d bench -c \
    "INSERT INTO skills (id, user_id, name) SELECT gen_random_uuid(), '$EXPORT_USER', 'skill ' || g FROM generate_series(1, $EXPORT_ROWS) g"
writes replica
stop_service

echo "== without the replica (exports on the primary)"
start_service primary "${SERVICE_ON_POSTGRES[@]}"
writes primary
stop_service

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION ($WARMUP warm-up per row) POST /users/{id}/skills on $(nproc) cores;" \
    "exports: zip of a user with $EXPORT_ROWS skills, one after the other; PostgreSQL 15 primary + standby;" \
    "load average at the start: $LOAD_START, at the end: $(uptime | sed 's/.*load average: //')"
printf '%-30s %26s %26s %8s  %s\n' "writes req/s (p50 / p99 ms)" "no export" "exports running" "ratio" "exports finished during the row; export reads by side"
for name in replica primary; do
    i="${name}_IDLE" e="${name}_EXPORT" n="${name}_EXPORTS" s="${name}_SIDES"
    read -r i_rps i_p50 i_p99 <<<"${!i}"
    read -r e_rps e_p50 e_p99 <<<"${!e}"
    printf '%-30s %26s %26s %8s  %s\n' "export on the $name" "$i_rps ($i_p50 / $i_p99)" "$e_rps ($e_p50 / $e_p99)" \
        "$(ratio "$e_rps" "$i_rps")" "${!n}; ${!s}"
done
