#!/usr/bin/env bash
# Cache benchmark on a 3-master Redis Cluster beside a standalone Redis, in one run: the same jar and
# the same PostgreSQL (Debian's 15, started here) for both, each topology a redis-server 7 of its own.
# Rows per topology: the authenticated ping (the HTTP and token ceiling), the cached profile read
# (one MGET, all hits), the cached job posting (near cache, L1) and, on a service started again with
# CACHE_NEAR_ENABLED=false, the same posting read from Redis; then cluster/standalone per row.
#
#   bench/cache/cluster.sh                                  # builds the jar; DURATION, WARMUP as in lib.sh
#   SKIP_BUILD=1 WARMUP=10s DURATION=15s flock /tmp/bench.lock bench/cache/cluster.sh
#
# Needs: Java 17, wrk, redis-server and redis-cli, PostgreSQL 15 (apt-get installs what is missing).
set -euo pipefail

cd "$(dirname "$0")/../.."
. bench/cache/lib.sh
. bench/servers.sh

PGBIN=/usr/lib/postgresql/15/bin
PG_PORT=$(free_port)
REDIS_PIDS=()
CLUSTER_PORTS=()

stop_servers() {
    local pid
    for pid in "${REDIS_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    stop_postgres "$WORK/pgdata"
    cleanup
}
trap stop_servers EXIT

# start_redis <port> [redis-server options...]: no persistence, each node in a directory of its own
start_redis() {
    local port=$1
    shift
    mkdir -p "$WORK/redis-$port"
    (cd "$WORK/redis-$port" && exec redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no "$@") \
        >"$WORK/redis-$port.log" 2>&1 &
    REDIS_PIDS+=($!)
    for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
    echo "redis-server on $port did not start" >&2
    exit 1
}

# three masters, no replicas; sets CLUSTER_HOSTS (QUARKUS_REDIS_HOSTS for them)
start_cluster() {
    local ports=() hosts=() port
    for _ in 1 2 3; do
        port=$(free_port)
        # a node's cluster bus listens on its port + 10000
        while [ "$port" -gt 55535 ]; do port=$(free_port); done
        start_redis "$port" --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000
        ports+=("127.0.0.1:$port")
        CLUSTER_PORTS+=("$port")
        hosts+=("redis://127.0.0.1:$port")
    done
    redis-cli --cluster create "${ports[@]}" --cluster-replicas 0 --cluster-yes >"$WORK/cluster-create.log" 2>&1
    for _ in $(seq 1 100); do
        redis-cli -p "${ports[0]##*:}" cluster info | grep -q 'cluster_state:ok' && break
        sleep 0.1
    done
    CLUSTER_HOSTS=$(IFS=,; echo "${hosts[*]}")
}

# measure_topology <name> <NAME=value settings of the Redis client...>: sets <NAME>_PING, _PROFILE,
# _POSTING, _POSTING_NO_L1 ("req/s p50 p99") and <NAME>_CHECK (misses, fallbacks, errors of the profile row)
measure_topology() {
    local name=$1 user_id user_token posting m0 f0 e0 m1 f1 e1
    shift
    local base="http://localhost:$PORT/api/v1"
    service_on_postgres
    echo "== $name"
    start_service "$name" "${SERVICE_ON_POSTGRES[@]}" "$@" CACHE_ENABLED=true
    user_id=$(bench_user "$ADMIN" "bench-$name@example.org")
    user_token=$(token "$user_id" user)
    posting=$(curl -fs -X POST "$base/jobs" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
        -d '{"title":"Platform Engineer","company":"Acme","location":"Berlin","salaryMin":70000,"salaryMax":90000,"currency":"EUR"}' |
        jq -r .id)
    curl -fs "$base/users/$user_id" -H "Authorization: Bearer $user_token" >/dev/null  # fills the cache
    curl -fs "$base/jobs/$posting" -H "Authorization: Bearer $user_token" >/dev/null
    read -r m0 f0 e0 < <(cache_counts "$ADMIN" profile)
    row "${name}_PING" "$base/data-management/cache/ping" "$user_token"
    row "${name}_PROFILE" "$base/users/$user_id" "$user_token"
    read -r m1 f1 e1 < <(cache_counts "$ADMIN" profile)
    printf -v "${name}_CHECK" '%s' "$((m1 - m0)) $((f1 - f0)) $((e1 - e0))"
    row "${name}_POSTING" "$base/jobs/$posting" "$user_token"
    stop_service
    # the same posting with every read going to Redis (the replica's L1 off)
    start_service "$name-no-l1" "${SERVICE_ON_POSTGRES[@]}" "$@" CACHE_ENABLED=true CACHE_NEAR_ENABLED=false
    curl -fs "$base/jobs/$posting" -H "Authorization: Bearer $user_token" >/dev/null
    row "${name}_POSTING_NO_L1" "$base/jobs/$posting" "$user_token"
    stop_service
}

ensure_tools
ensure_servers
prepare
ADMIN=$(token "$(cat /proc/sys/kernel/random/uuid)" admin)
new_postgres
STANDALONE_PORT=$(free_port)
start_redis "$STANDALONE_PORT"
start_cluster
LOAD_START=$(uptime | sed 's/.*load average: //')

measure_topology standalone QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$STANDALONE_PORT"
measure_topology cluster QUARKUS_REDIS_CLIENT_TYPE=cluster QUARKUS_REDIS_HOSTS="$CLUSTER_HOSTS"

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION ($WARMUP warm-up per row; JVM options: ${JAVA_OPTS:-none}) on $(nproc) cores;" \
    "redis-server $(redis-server --version | awk '{print $3}' | cut -d= -f2), PostgreSQL 15;" \
    "load average at the start: $LOAD_START, at the end: $(uptime | sed 's/.*load average: //')"
echo "keys per cluster master (both tiers' entries spread over the slots):" \
    "$(for port in "${CLUSTER_PORTS[@]}"; do echo -n "$(redis-cli -p "$port" dbsize) "; done)"
for name in standalone cluster; do
    check="${name}_CHECK"
    echo "$name, profile row: ${!check} (misses, reads served from PostgreSQL because Redis was bypassed, Redis errors; all hits when 0 0 0)"
done
printf '%-38s %24s %24s %9s\n' "req/s (p50 / p99 ms)" "standalone" "cluster (3 masters)" "cluster/standalone"
for line in PING:"authenticated ping" PROFILE:"cached profile read (MGET)" POSTING:"cached job posting (L1)" \
    POSTING_NO_L1:"job posting, near cache off (Redis)"; do
    s="standalone_${line%%:*}" c="cluster_${line%%:*}"
    read -r s_rps s_p50 s_p99 <<<"${!s}"
    read -r c_rps c_p50 c_p99 <<<"${!c}"
    printf '%-38s %24s %24s %9s\n' "${line#*:}" "$s_rps ($s_p50 / $s_p99)" "$c_rps ($c_p50 / $c_p99)" "$(ratio "$c_rps" "$s_rps")"
done
