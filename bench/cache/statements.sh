#!/usr/bin/env bash
# SQL statements and Redis commands per request for the main reads and writes, counted by the servers
# themselves: pg_stat_statements (calls per statement) and Redis INFO commandstats (calls per command),
# reset before each request type, then divided by the number of requests. Background work (heartbeats,
# gauges, probes) runs meanwhile; it shows as fractions well under one per request and is left out
# (anything under MIN_PER_REQUEST).
#
#   bench/cache/statements.sh            # builds the jar first
#   SKIP_BUILD=1 REQUESTS=300 bench/cache/statements.sh
#
# Needs psql, redis-cli, jq, curl, openssl (installs redis-tools and postgresql-client when missing).
set -euo pipefail

cd "$(dirname "$0")/../.."
. bench/cache/lib.sh

REQUESTS=${REQUESTS:-200}
MIN_PER_REQUEST=${MIN_PER_REQUEST:-0.5}
BASE="http://localhost:$PORT/api/v1"

if ! command -v psql >/dev/null || ! command -v redis-cli >/dev/null || ! command -v jq >/dev/null; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-client redis-tools jq
fi

# the embedded PostgreSQL's port, from the start-up line Flyway writes
pg_port() {
    grep -o 'jdbc:postgresql://127.0.0.1:[0-9]*' "$WORK/service-$1.log" | head -1 | awk -F: '{print $NF}'
}

sql() { psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres postgres -c "$1"; }

reset_counters() {
    sql "SELECT pg_stat_statements_reset()" >/dev/null
    redis-cli -p "$REDIS_PORT" CONFIG RESETSTAT >/dev/null
}

# count <label> <curl arguments...>: REQUESTS requests (a {i} in the arguments becomes the request's number)
count() {
    local label=$1
    shift
    reset_counters
    for i in $(seq 1 "$REQUESTS"); do
        local args=("${@//\{i\}/$i}")
        local status
        status=$(curl -s -o /dev/null -w '%{http_code}' "${args[@]}")
        case "$status" in
            2*) ;;
            *) echo "$label: answer $status for ${args[*]}" >&2; exit 1 ;;
        esac
    done
    echo "-- $label ($REQUESTS requests)"
    sql "SELECT to_char(calls::numeric / $REQUESTS, 'FM990.00') || '  ' || regexp_replace(left(query, 110), '\s+', ' ', 'g')
         FROM pg_stat_statements
         WHERE calls::numeric / $REQUESTS >= $MIN_PER_REQUEST AND query NOT LIKE '%pg_stat_statements%'
         ORDER BY calls DESC" | sed 's/^/   SQL   /'
    echo "   SQL total per request: $(sql "SELECT to_char(coalesce(sum(calls), 0)::numeric / $REQUESTS, 'FM990.00')
         FROM pg_stat_statements WHERE calls::numeric / $REQUESTS >= $MIN_PER_REQUEST
         AND query NOT LIKE '%pg_stat_statements%'")"
    redis-cli -p "$REDIS_PORT" INFO commandstats | tr -d '\r' | grep '^cmdstat_' |
        sed -E 's/^cmdstat_([a-z|]+):calls=([0-9]+).*/\1 \2/' |
        awk -v n="$REQUESTS" -v min="$MIN_PER_REQUEST" '
            $1 != "info" && $1 != "config|resetstat" && $1 != "config" && $2 / n >= min {
                printf "   Redis %.2f  %s\n", $2 / n, toupper($1); total += $2 / n }
            END { printf "   Redis total per request: %.2f\n", total }'
}

ensure_tools
prepare
ADMIN=$(token "$(cat /proc/sys/kernel/random/uuid)" admin)
JSON=(-H 'Content-Type: application/json')

for mode in cache-on cache-off; do
    echo "== $mode"
    if [ "$mode" = cache-on ]; then
        start_service "$mode" CACHE_ENABLED=true QUARKUS_LOG_CATEGORY__ORG_FLYWAYDB__LEVEL=INFO
    else
        start_service "$mode" CACHE_ENABLED=false QUARKUS_LOG_CATEGORY__ORG_FLYWAYDB__LEVEL=INFO
    fi
    PG_PORT=$(pg_port "$mode")
    REDIS_PORT=$(redis_port)
    USER_ID=$(curl -fs -X POST "$BASE/users" -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
        -d '{"email":"count-'"$mode"'@example.org","fullName":"Count Me","headline":"Measured"}' | jq -r .id)
    USER=(-H "Authorization: Bearer $(token "$USER_ID" user)")
    POSTING=$(curl -fs -X POST "$BASE/jobs" -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
        -d '{"title":"Platform Engineer","company":"Acme","location":"Berlin","salaryMin":70000,"salaryMax":90000,"currency":"EUR"}' |
        jq -r .id)
    # one read of each first, so the counts below are of the steady state (hits when the cache is on)
    for url in "$BASE/users/$USER_ID" "$BASE/jobs/$POSTING" "$BASE/jobs?title=engineer" "$BASE/users/$USER_ID/dashboard"; do
        curl -fs "${USER[@]}" "$url" >/dev/null
    done

    count "profile read, GET /users/{id}" "${USER[@]}" "$BASE/users/$USER_ID"
    count "posting read, GET /jobs/{id}" "${USER[@]}" "$BASE/jobs/$POSTING"
    count "job search, GET /jobs?title=engineer" "${USER[@]}" "$BASE/jobs?title=engineer"
    count "dashboard, GET /users/{id}/dashboard" "${USER[@]}" "$BASE/users/$USER_ID/dashboard"
    count "profile update, PUT /users/{id}" -X PUT "${USER[@]}" "${JSON[@]}" "$BASE/users/$USER_ID" \
        -d '{"email":"count-'"$mode"'@example.org","fullName":"Count Me {i}","headline":"Measured"}'
    count "skill added, POST /users/{id}/skills" -X POST "${USER[@]}" "${JSON[@]}" "$BASE/users/$USER_ID/skills" \
        -d '{"name":"Skill {i}","level":"beginner"}'
    stop_service
done
echo
echo "counted at $(git rev-parse --short HEAD) on $(nproc) cores; load: $(uptime | sed 's/.*load/load/')"
