# Shared by the benchmarks that run Debian's own servers (bench/chaos, bench/cache/cluster.sh): their
# installation, PostgreSQL's user, a new PostgreSQL. Sourced, not run; the caller sets PGBIN (PostgreSQL
# 15's bin), WORK (a temporary directory) and PG_PORT.

# PostgreSQL refuses to run as root: its tools run as the postgres user then
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# PostgreSQL 15 and redis-server, installed with apt-get when missing
ensure_servers() {
    local missing=()
    [ -x "$PGBIN/postgres" ] || missing+=(postgresql-15)
    command -v redis-server >/dev/null || missing+=(redis-server)
    if [ ${#missing[@]} -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# A new PostgreSQL in $WORK/pgdata on PG_PORT (user and database "bench", trust: local benchmarks only)
new_postgres() {
    chmod 755 "$WORK"
    mkdir -p "$WORK/backups" "$WORK/exports"
    [ "$(id -u)" = 0 ] && chown postgres "$WORK"
    as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -U bench --auth=trust >/dev/null
    pg_start "$WORK/pgdata" "$PG_PORT"
    "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U bench -q -d postgres -c "CREATE DATABASE bench"
}

# pg_start <data directory> <port>: on 127.0.0.1, sockets in $WORK, log beside the directory
pg_start() {
    as_pg "$PGBIN/pg_ctl" -D "$1" -l "$1.log" -w -o "-p $2 -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
}
stop_postgres() { [ ! -d "$1" ] || as_pg "$PGBIN/pg_ctl" -D "$1" -m immediate stop >/dev/null 2>&1 || true; }

# the service's settings for that PostgreSQL, and for a run that writes no backups or exports elsewhere
service_on_postgres() {
    SERVICE_ON_POSTGRES=(
        CAREER_EMBEDDED_ENABLED=false
        QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/bench"
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/bench"
        QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench
        BACKUP_DIRECTORY="$WORK/backups" EXPORT_STORAGE_DIR="$WORK/exports" BACKUP_SCHEDULE_DAILY=off
        BACKUP_SCHEDULE_WEEKLY=off BACKUP_SCHEDULE_MONTHLY=off BACKUP_SCHEDULE_VERIFY=off BACKUP_SCHEDULE_DRILL=off)
}
