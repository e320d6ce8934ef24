#!/usr/bin/env bash
# Times this service's full backup and restore against pg_dump -Fc and pg_restore of the same
# database on the same PostgreSQL 15 server (the machine's pg_dump 15 refuses newer servers), with
# about 1 million rows (SCALE=1). Prints the figures and the ratios.
#
#   bench/backup/run.sh              # builds the service jar first
#   SKIP_BUILD=1 bench/backup/run.sh # reuses target/quarkus-app
#
# Environment: SCALE (default 1), BENCH_DIR (default /tmp/career-bench), BENCH_PG_PORT (55432),
# BENCH_HTTP_PORT (18080), BACKUP_COMPRESSION_LEVEL (the service's default if unset),
# BACKUP_ENCRYPTION_KEY (unset: unencrypted, like the pg_dump file).
set -euo pipefail

SCALE=${SCALE:-1}
WORK=${BENCH_DIR:-/tmp/career-bench}
PG_PORT=${BENCH_PG_PORT:-55432}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PGBIN=/usr/lib/postgresql/15/bin
DB=bench
SERVICE_PID=

if [ ! -x "$PGBIN/postgres" ]; then
    echo "Installing Debian's PostgreSQL 15 server (pg_dump here is version 15)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi

# PostgreSQL refuses to run as root: run its tools as the postgres user then
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }

cleanup() {
    if [ -n "${BENCH_KEEP:-}" ]; then
        echo "kept running: service pid $SERVICE_PID, PostgreSQL in $WORK/pgdata; token in $WORK/token"
        return
    fi
    [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
    as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK/backups"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
echo "== PostgreSQL 15 on port $PG_PORT"
as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -U bench --auth=trust >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pg.log" -w \
    -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U bench -q)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"

if [ -z "${SKIP_BUILD:-}" ]; then
    echo "== Building the service"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi

echo "== A signing key and an admin token for this run"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt.key" 2>/dev/null
openssl pkey -in "$WORK/jwt.key" -pubout -out "$WORK/jwt.pub"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"career-data-service","sub":"bench-admin","groups":["admin"],"iat":%d,"exp":%d}' \
    "$(date +%s)" "$(( $(date +%s) + 7200 ))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$WORK/jwt.key" | b64url)
TOKEN="$header.$payload.$signature"
echo "$TOKEN" >"$WORK/token"

echo "== Starting the service (its migrations create the schema)"
(
    export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/$DB"
    export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB"
    export QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench
    export CAREER_EMBEDDED_ENABLED=true # an embedded redis-server only: the database above is external
    export QUARKUS_HTTP_PORT="$HTTP_PORT" BACKUP_DIRECTORY="$WORK/backups"
    export MP_JWT_VERIFY_PUBLICKEY="$(cat "$WORK/jwt.pub")"
    export BACKUP_SCHEDULE_DAILY=off BACKUP_SCHEDULE_WEEKLY=off BACKUP_SCHEDULE_MONTHLY=off \
        BACKUP_SCHEDULE_VERIFY=off BACKUP_SCHEDULE_DRILL=off
    exec java -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >"$WORK/service.log" 2>&1
) &
SERVICE_PID=$!
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null && break
    sleep 1
done
curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null || { tail -50 "$WORK/service.log"; exit 1; }

echo "== Seeding (scale $SCALE)"
"${PSQL[@]}" -d "$DB" -v scale="$SCALE" -f "$ROOT/bench/backup/seed.sql"
ROWS=$("${PSQL[@]}" -d "$DB" -At -c "SELECT sum(n_live_tup) FROM pg_stat_user_tables
    WHERE relname <> 'flyway_schema_history' AND relname NOT LIKE 'backup\_%'")
SIZE=$("${PSQL[@]}" -d "$DB" -At -c "SELECT pg_size_pretty(pg_database_size('$DB'))")
echo "rows: $ROWS, database size: $SIZE"
"${PSQL[@]}" -d "$DB" -c "CHECKPOINT"

API="http://127.0.0.1:$HTTP_PORT/api/v1/data-management/backups"
# Starts a job, waits for it, prints its JSON; the time is the job's own, from creation to end.
run_job() {
    local job state
    job=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$1" | jq -r .id)
    while :; do
        state=$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/jobs/$job")
        case $(echo "$state" | jq -r .state) in queued | running) sleep 0.05 ;; *) break ;; esac
    done
    echo "$state"
}
job_seconds() {
    elapsed "$(date -d "$(echo "$1" | jq -r .createdAt)" +%s.%N)" "$(date -d "$(echo "$1" | jq -r .finishedAt)" +%s.%N)"
}

ROUNDS=${ROUNDS:-3}
# the same memory for index builds on both sides (the service sets it per restore, see backup.restore.*)
export PGOPTIONS="-c maintenance_work_mem=${BACKUP_RESTORE_MAINTENANCE_WORK_MEM:-256MB}"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
: >"$WORK/times"
for round in $(seq 1 "$ROUNDS"); do
    echo "== round $round of $ROUNDS: pg_dump -Fc, service backup, pg_restore, service restore"
    t0=$(now)
    "$PGBIN/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U bench -Fc -f "$WORK/bench.dump" "$DB"
    echo "pg_dump $(elapsed "$t0" "$(now)")" >>"$WORK/times"
    DUMP_BYTES=$(stat -c %s "$WORK/bench.dump")

    BACKUP_JOB=$(run_job "$API?type=full")
    [ "$(echo "$BACKUP_JOB" | jq -r .state)" = succeeded ] || { echo "$BACKUP_JOB"; exit 1; }
    BACKUP_ID=$(echo "$BACKUP_JOB" | jq -r .backupId)
    echo "backup $(job_seconds "$BACKUP_JOB")" >>"$WORK/times"
    BACKUP_BYTES=$(du -sb "$WORK/backups/$BACKUP_ID" | cut -f1)

    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS ${DB}_restored" -c "CREATE DATABASE ${DB}_restored"
    t0=$(now)
    "$PGBIN/pg_restore" -h 127.0.0.1 -p "$PG_PORT" -U bench -d "${DB}_restored" "$WORK/bench.dump"
    echo "pg_restore $(elapsed "$t0" "$(now)")" >>"$WORK/times"

    RESTORE_JOB=$(run_job "$API/$BACKUP_ID/restore")
    [ "$(echo "$RESTORE_JOB" | jq -r .state)" = succeeded ] || { echo "$RESTORE_JOB"; exit 1; }
    echo "restore $(job_seconds "$RESTORE_JOB")" >>"$WORK/times"
    RESTORED_ROWS=$(echo "$RESTORE_JOB" | jq -r .result.rows)
    echo "   $(tail -4 "$WORK/times" | tr '\n' ' ')  restore phases (ms): $(echo "$RESTORE_JOB" | jq -c .result.millis)"
done
DUMP_S=$(grep '^pg_dump ' "$WORK/times" | cut -d' ' -f2 | median)
BACKUP_S=$(grep '^backup ' "$WORK/times" | cut -d' ' -f2 | median)
RESTORE_PG_S=$(grep '^pg_restore ' "$WORK/times" | cut -d' ' -f2 | median)
RESTORE_S=$(grep '^restore ' "$WORK/times" | cut -d' ' -f2 | median)

ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
cat <<REPORT

rows                  : $ROWS (restored by the service: $RESTORED_ROWS)
database size         : $SIZE
load average          : $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)
medians of $ROUNDS rounds:
pg_dump -Fc           : ${DUMP_S}s, $DUMP_BYTES bytes
service full backup   : ${BACKUP_S}s, $BACKUP_BYTES bytes   ratio $(ratio "$BACKUP_S" "$DUMP_S") (target <= 1.20)
pg_restore            : ${RESTORE_PG_S}s
service restore       : ${RESTORE_S}s   ratio $(ratio "$RESTORE_S" "$RESTORE_PG_S") (target <= 1.50)
REPORT
