#!/usr/bin/env bash
# Checks the alerts and the dashboard with Prometheus's own tools and against a real scrape:
#  1. the PrometheusRule and the dashboard ConfigMap hold exactly their sources (monitoring.py sync);
#     every alert has its annotations, a runbook section and promtool tests that fire it and keep it
#     quiet; the cache tiers match CacheCategory.java
#  2. promtool check rules, promtool test rules tests/*.yml
#  3. the packaged jar on embedded servers, some traffic (an authenticated read, errors, a backup, a
#     verification, a dry-run restore, a failed verification, a made and a failed export), a real
#     prometheus scraping it every second with the rules loaded; after the scrapes every series that
#     an alert, a recording rule or a panel selects must exist with the labels the expression uses
#
#   bash k8s/monitoring/check.sh            # packages the jar when target/quarkus-app is missing
#
# Needs Java 17; installs prometheus (promtool), curl, jq, openssl and PyYAML with apt-get when missing,
# without starting the packaged prometheus service. Runs as root or with sudo.
set -euo pipefail

cd "$(dirname "$0")/../.."
HERE=k8s/monitoring
RULES=$HERE/rules/career-data-service.rules.yml
START=$SECONDS
WORK=$(mktemp -d)
APP_PID=""
PROM_PID=""

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

stop() {  # stop <pid>: TERM, then KILL after 30 s
    local pid=$1
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    [ -n "$PROM_PID" ] && stop "$PROM_PID"
    if [ -n "$APP_PID" ]; then
        # redis-server is the jar's child; PostgreSQL is started through pg_ctl and leaves the tree
        local children pg_port pg_pids
        children=$(pgrep -P "$APP_PID" || true)
        pg_port=$(grep -o 'jdbc:postgresql://127.0.0.1:[0-9]*' "$WORK/service.log" 2>/dev/null | head -1 | awk -F: '{print $NF}')
        stop "$APP_PID"
        for pid in $children; do stop "$pid"; done
        if [ -n "$pg_port" ]; then
            pg_pids=$(ss -ltnpH "sport = :$pg_port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true)
            for pid in $pg_pids; do stop "$pid"; done
        fi
    fi
    if [ "$status" -ne 0 ] && [ -f "$WORK/service.log" ]; then
        echo "--- last lines of the service's log" >&2
        tail -n 40 "$WORK/service.log" >&2
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

ensure_tools() {
    local missing=()
    command -v promtool >/dev/null && command -v prometheus >/dev/null || missing+=(prometheus)
    command -v curl >/dev/null || missing+=(curl)
    command -v jq >/dev/null || missing+=(jq)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v ss >/dev/null || missing+=(iproute2)
    python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    # the package would start its own prometheus service on :9090: forbid service starts while installing
    local guard=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
        $sudo chmod +x /usr/sbin/policy-rc.d
        guard=/usr/sbin/policy-rc.d
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ -n "$guard" ] && $sudo rm -f "$guard"
    # PyYAML from apt serves the system python
    python3 -c 'import yaml' 2>/dev/null || export PATH="/usr/bin:$PATH"
}

# wait_for <seconds> <command...>: retries the command every half second
wait_for() {
    local limit=$1
    shift
    for _ in $(seq 1 $((limit * 2))); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    return 1
}

ensure_tools

echo "== files"
python3 $HERE/monitoring.py sync
python3 $HERE/monitoring.py static

echo "== promtool"
promtool check rules "$RULES"
promtool test rules $HERE/tests/*.test.yml
if command -v kubectl >/dev/null; then
    kubectl kustomize $HERE >/dev/null && echo "kubectl kustomize $HERE: ok"
fi

echo "== the service"
# a jar packaged with -Dnative lacks the embedded servers: package again then
if [ ! -f target/quarkus-app/quarkus-run.jar ] || ! ls target/quarkus-app/lib/main | grep -q embedded-postgres; then
    ./mvnw -B -q package -DskipTests
fi
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
PORT=$(free_port)
SVC=http://127.0.0.1:$PORT
mkdir -p "$WORK/backups" "$WORK/exports"
# schedules off: the runs below are the only ones
CAREER_EMBEDDED_ENABLED=true QUARKUS_HTTP_PORT=$PORT MP_JWT_VERIFY_PUBLICKEY="$(cat "$WORK/public.pem")" \
    BACKUP_DIRECTORY="$WORK/backups" EXPORT_STORAGE_DIR="$WORK/exports" CACHE_WARMING_EVERY=off \
    BACKUP_SCHEDULE_DAILY=off BACKUP_SCHEDULE_WEEKLY=off BACKUP_SCHEDULE_MONTHLY=off \
    BACKUP_SCHEDULE_VERIFY=off BACKUP_SCHEDULE_DRILL=off \
    java -jar target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
APP_PID=$!
wait_for 180 curl -fs "$SVC/q/health/ready" || { echo "the service did not become ready" >&2; exit 1; }
echo "ready on port $PORT after $((SECONDS - START)) s"

ADMIN=$(python3 $HERE/monitoring.py token "$WORK/private.pem" 0a0a0a0a-0000-4000-8000-000000000001 admin)
call() {  # call <token|-> <method> <path> [body]: prints the status, keeps the answer in $WORK/answer
    local auth=() body=()
    [ "$1" != - ] && auth=(-H "Authorization: Bearer $1")
    [ $# -ge 4 ] && body=(-H 'Content-Type: application/json' -d "$4")
    curl -s -o "$WORK/answer" -w '%{http_code}' -X "$2" "${auth[@]}" "${body[@]}" "$SVC/api/v1$3"
}
expect() {  # expect <status> <call arguments...>
    local want=$1 got
    shift
    got=$(call "$@")
    [ "$got" = "$want" ] || { echo "$2 $3 answered $got, expected $want: $(cat "$WORK/answer")" >&2; exit 1; }
}
job_state() {  # job_state <path> <state...>: true once the job at <path> is in one of the states
    local path=$1 state
    shift
    call "$ADMIN" GET "$path" >/dev/null
    state=$(jq -r .state "$WORK/answer")
    for s in "$@"; do [ "$state" = "$s" ] && return 0; done
    return 1
}
await_job() {  # await_job <path> <expected final state>
    wait_for 60 job_state "$1" succeeded ready failed ||
        { echo "job $1 did not finish: $(cat "$WORK/answer")" >&2; exit 1; }
    job_state "$1" "$2" || { echo "job $1 ended $(jq -r .state "$WORK/answer"), expected $2" >&2; exit 1; }
}

echo "== traffic"
expect 201 "$ADMIN" POST /users '{"email": "monitoring@example.org", "fullName": "Mona Toring"}'
USER_ID=$(jq -r .id "$WORK/answer")
USER=$(python3 $HERE/monitoring.py token "$WORK/private.pem" "$USER_ID" user)
expect 200 "$USER" GET /users/me
for _ in 1 2 3; do expect 200 "$USER" GET "/users/$USER_ID"; done  # a cache miss, then hits
expect 200 "$USER" GET "/users/$USER_ID/dashboard"
expect 200 "$USER" GET '/jobs?title=engineer'
expect 401 - GET /users/me
expect 404 "$USER" GET /no-such-route
expect 400 "$USER" GET "/users/$USER_ID/skills/not-a-uuid"
expect 200 "$ADMIN" GET /data-management/cache/stats

expect 202 "$ADMIN" POST '/data-management/backups?type=full'
await_job "/data-management/backups/jobs/$(jq -r .id "$WORK/answer")" succeeded
BACKUP_ID=$(jq -r .backupId "$WORK/answer")
expect 202 "$ADMIN" POST "/data-management/backups/$BACKUP_ID/verify"
await_job "/data-management/backups/jobs/$(jq -r .id "$WORK/answer")" succeeded
expect 202 "$ADMIN" POST "/data-management/backups/$BACKUP_ID/restore?dryRun=true"
await_job "/data-management/backups/jobs/$(jq -r .id "$WORK/answer")" succeeded
# a damaged file: the next verification fails (backup_failures_total)
damaged=$(find "$WORK/backups/$BACKUP_ID" -name '*.copy.gz' | sort | head -1)
printf 'x' >>"$damaged"
expect 202 "$ADMIN" POST "/data-management/backups/$BACKUP_ID/verify"
await_job "/data-management/backups/jobs/$(jq -r .id "$WORK/answer")" failed

expect 202 "$USER" POST /data-management/exports '{"format": "json", "scope": "all"}'
await_job "/data-management/exports/$(jq -r .id "$WORK/answer")" ready
# a file where the second person's export directory belongs: their export fails
expect 201 "$ADMIN" POST /users '{"email": "blocked@example.org", "fullName": "Bea Locked"}'
BLOCKED_ID=$(jq -r .id "$WORK/answer")
touch "$WORK/exports/$BLOCKED_ID"
expect 202 "$ADMIN" POST /data-management/exports "{\"format\": \"csv\", \"scope\": \"all\", \"userId\": \"$BLOCKED_ID\"}"
await_job "/data-management/exports/$(jq -r .id "$WORK/answer")" failed
echo "requests sent; a backup, a verification and a dry run succeeded, a verification and an export failed as meant"

echo "== prometheus"
PROM_PORT=$(free_port)
PROM=http://127.0.0.1:$PROM_PORT
cat >"$WORK/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $PWD/$RULES
scrape_configs:
  - job_name: career-data-service
    metrics_path: /q/metrics
    static_configs:
      - targets: ["127.0.0.1:$PORT"]
        # what the ServiceMonitor's target labels give in Kubernetes
        labels:
          namespace: monitoring-check
EOF
promtool check config "$WORK/prometheus.yml" >/dev/null
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
    --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
wait_for 60 curl -fs "$PROM/-/ready" || { cat "$WORK/prometheus.log" >&2; echo "prometheus did not start" >&2; exit 1; }
scraped() {  # at least three successful scrapes (two for a rate, one to spare) and evaluated rules
    curl -fs "$PROM/api/v1/query" --data-urlencode 'query=sum_over_time(up{job="career-data-service"}[1m])' |
        jq -e '.data.result[0].value[1] | tonumber >= 3' >/dev/null &&
    curl -fs "$PROM/api/v1/rules" | jq -e '[.data.groups[].rules[].health] | all(. == "ok")' >/dev/null
}
wait_for 60 scraped || { echo "prometheus did not scrape the service: $(curl -s "$PROM/api/v1/targets")" >&2; exit 1; }

echo "== series"
python3 $HERE/monitoring.py verify "$PROM"
echo "monitoring check passed in $((SECONDS - START)) s"
