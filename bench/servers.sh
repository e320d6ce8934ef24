# Shared by the benchmarks that run Debian's own servers (bench/chaos, bench/cache/cluster.sh): their
# installation and PostgreSQL's user. Sourced, not run; the caller sets PGBIN (PostgreSQL 15's bin).

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
