# Shared by bench/chaos/run.sh: the servers it owns (PostgreSQL 15, redis-server, the packaged jar),
# the faults, tokens, seeding and the PASS/FAIL lines. Sourced, not run.

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=${PORT:-$(free_port)}
PG_PORT=${PG_PORT:-$(free_port)}
REDIS_PORT=${REDIS_PORT:-$(free_port)}
WORK=$(mktemp -d /tmp/chaos.XXXXXX)
. bench/tokens.sh
. bench/servers.sh
chmod 755 "$WORK"
mkdir -p "$WORK/backups" "$WORK/exports"
: >"$WORK/verdicts"
APP_PID=""
REDIS_PID=""

cleanup() {
    [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null
    [ -n "$REDIS_PID" ] && kill -9 "$REDIS_PID" 2>/dev/null
    [ -d "$WORK/pgdata" ] && as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -m immediate stop >/dev/null 2>&1
    wait 2>/dev/null
    if [ -n "${CHAOS_KEEP:-}" ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}

start_postgres() {
    if [ ! -d "$WORK/pgdata" ]; then
        [ "$(id -u)" = 0 ] && chown postgres "$WORK"
        as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -U chaos --auth=trust >/dev/null
        as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pg.log" -w \
            -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
        "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U chaos -q -d postgres -c "CREATE DATABASE chaos"
        return
    fi
    as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pg.log" -w \
        -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
}
# a fast shutdown: sessions are ended, the server is gone until pg_up
pg_down() { as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null; }
pg_up() { start_postgres; }

# no persistence: a killed Redis comes back empty, as a replaced cache pod would
start_redis() {
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
        >>"$WORK/redis.log" 2>&1 &
    REDIS_PID=$!
    for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
    echo "redis-server did not start" >&2
    exit 1
}
redis_down() { kill -9 "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null; REDIS_PID=""; }
redis_up() { start_redis; }

# start_service [NAME=value ...]: the packaged jar on the servers above, until it is ready
start_service() {
    env QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/chaos" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/chaos" \
        QUARKUS_DATASOURCE_USERNAME=chaos QUARKUS_DATASOURCE_PASSWORD=chaos \
        QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" QUARKUS_HTTP_PORT="$PORT" \
        BACKUP_DIRECTORY="$WORK/backups" EXPORT_STORAGE_DIR="$WORK/exports" \
        BACKUP_SCHEDULE_DAILY=off BACKUP_SCHEDULE_WEEKLY=off BACKUP_SCHEDULE_MONTHLY=off \
        BACKUP_SCHEDULE_VERIFY=off BACKUP_SCHEDULE_DRILL=off CACHE_WARMING_EVERY=off \
        JOBS_LOST_AFTER="$JOBS_LOST_AFTER" JOBS_REAP_EVERY=2s JOBS_HEARTBEAT_EVERY=2s \
        MP_JWT_VERIFY_PUBLICKEY="$(cat "$WORK/public.pem")" QUARKUS_LOG_LEVEL=WARN \
        QUARKUS_LOG_CATEGORY__IO_CAREERDATA_CACHE__LEVEL=INFO "$@" \
        java -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >>"$WORK/service.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 120); do
        curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && return 0
        sleep 1
    done
    echo "the service did not start; the end of its log:" >&2
    tail -40 "$WORK/service.log" >&2
    exit 1
}
kill_service() { kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null; APP_PID=""; }

make_signing_key
api() { curl -s -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$@"; }
BASE() { echo "http://127.0.0.1:$PORT/api/v1"; }

# USERS users with a token each; the first half are written by the load, the rest only read
seed_users() {
    local i id role email
    : >"$WORK/users"
    for i in $(seq 1 "$USERS"); do
        email="chaos-$i@example.org"
        id=$(api -X POST "$(BASE)/users" -d "{\"email\":\"$email\",\"fullName\":\"Chaos Load\",\"headline\":\"chaos 0\",\"location\":\"Berlin\"}" | jq -r .id)
        [ -n "$id" ] && [ "$id" != null ] || { echo "could not create user $i" >&2; exit 1; }
        role=rw
        [ "$i" -gt $((USERS / 2)) ] && role=ro
        echo "$id $(token "$id" user) $role $email" >>"$WORK/users"
    done
    warm_cache
}
# one read of every user, so the reads of the load start as hits
warm_cache() {
    local id tok
    while read -r id tok _ _; do
        curl -s -o /dev/null -H "Authorization: Bearer $tok" "$(BASE)/users/$id"
    done <"$WORK/users"
}

# check <label> <value> <test operator and operands after the value...>: one PASS or FAIL line
check() {
    local label=$1 value=$2
    shift 2
    local verdict=FAIL
    [ -n "$value" ] && [ "$value" "$@" ] 2>/dev/null && verdict=PASS
    echo "$verdict  $label: ${value:-none}" | tee -a "$WORK/verdicts"
}

# waits for a job's state to leave queued/running or to be one of <states>: wait_job <url> <seconds> <jq test>
wait_job() {
    local url=$1 seconds=$2 test=$3 answer
    for _ in $(seq 1 $((seconds * 5))); do
        answer=$(api "$url")
        if echo "$answer" | jq -e "$test" >/dev/null 2>&1; then echo "$answer"; return 0; fi
        sleep 0.2
    done
    echo "$answer"
    return 1
}

kill_scenario() {
    local backup_job export_job user started lost_at t0 ids dirs b e next
    kill_service
    start_service JOBS_PACE="$JOBS_PACE"
    backup_job=$(api -X POST "$(BASE)/data-management/backups?type=full" | jq -r .id)
    wait_job "$(BASE)/data-management/backups/jobs/$backup_job" 60 '.state == "running" and .progress.tablesDone >= 1' >/dev/null
    echo "   backup job $backup_job running ($(api "$(BASE)/data-management/backups/jobs/$backup_job" | jq -c .progress)); SIGKILL"
    kill_service
    echo "   files in the backup directory after the kill: $(find "$WORK/backups" -type f | wc -l)"
    start_service JOBS_PACE="$JOBS_PACE"
    user=$(awk 'NR == 1 {print $1}' "$WORK/users")
    export_job=$(api -X POST "$(BASE)/data-management/exports" -d "{\"format\":\"zip\",\"scope\":\"all\",\"userId\":\"$user\"}" | jq -r .id)
    wait_job "$(BASE)/data-management/exports/$export_job" 60 '.state == "running"' >/dev/null
    sleep 1
    echo "   export $export_job running (progress $(api "$(BASE)/data-management/exports/$export_job" | jq -r .progress)); SIGKILL"
    kill_service
    echo "   files in the export directory after the kill: $(find "$WORK/exports" -type f | wc -l)"
    t0=$(date +%s)
    start_service
    echo "   started again in $(($(date +%s) - t0)) s; waiting for the reaper (JOBS_LOST_AFTER=$JOBS_LOST_AFTER)"
    b=$(wait_job "$(BASE)/data-management/backups/jobs/$backup_job" 90 '.state != "queued" and .state != "running"')
    e=$(wait_job "$(BASE)/data-management/exports/$export_job" 90 '.state != "pending" and .state != "running"')
    echo "   after $(($(date +%s) - t0)) s: backup job $(echo "$b" | jq -c '{state, error, retryable}')"
    echo "   export $(echo "$e" | jq -c '{state, error, retryable}')"
    check "kill: backup job failed with reason \"instance lost\"" \
        "$(echo "$b" | jq -r 'if .state == "failed" and (.error // "" | startswith("instance lost")) then "yes" else .state end')" = yes
    check "kill: export failed with reason \"instance lost\"" \
        "$(echo "$e" | jq -r 'if .state == "failed" and (.error // "" | startswith("instance lost")) then "yes" else .state end')" = yes
    # what is listed and what is on disk: no backup from the killed job, no file of the killed export
    ids=$(api "$(BASE)/data-management/backups?size=100" | jq -r '.items[]?.id // empty' | sort)
    dirs=$(find "$WORK/backups" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
    check "kill: backups listed after the killed backup" "$(echo -n "$ids" | grep -c .)" -eq 0
    check "kill: entries in the backup directory (partial files left)" "$(echo -n "$dirs" | grep -c .)" -eq 0
    check "kill: files of the killed export on disk" "$(find "$WORK/exports" -name "$export_job*" | wc -l)" -eq 0
    check "kill: download of the killed export (HTTP status)" \
        "$(api -o /dev/null -w '%{http_code}' "$(BASE)/data-management/exports/$export_job/download")" -eq 410
    next=$(api -X POST "$(BASE)/data-management/backups?type=full" | jq -r .id)
    next=$(wait_job "$(BASE)/data-management/backups/jobs/$next" 120 '.state != "queued" and .state != "running"')
    echo "   next backup: $(echo "$next" | jq -c '{state, backupId, error}')"
    check "kill: the next backup" "$(echo "$next" | jq -r .state)" = succeeded
    ids=$(api "$(BASE)/data-management/backups?size=100" | jq -r '.items[]?.id // empty')
    check "kill: backups listed after it (its own only)" "$(echo -n "$ids" | grep -c .)" -eq 1
}
