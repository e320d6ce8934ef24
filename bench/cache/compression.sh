#!/usr/bin/env bash
# Cost and gain of compressing large cached values: a small job posting (~0.5 KB of JSON) and a
# large one (~20 KB description), each read from the cache (every request a hit) with
# CACHE_COMPRESSION_ENABLED=true and =false; throughput with wrk, Redis memory per entry from
# INFO memory over many entries, and MEMORY USAGE / STRLEN of one entry.
#
#   bench/cache/compression.sh                     # builds the jar, runs both modes, prints the table
#   SKIP_BUILD=1 DURATION=10s ENTRIES=300 bench/cache/compression.sh
#
# Needs what run.sh needs (wrk, redis-cli, openssl, curl, jq, python3).
set -euo pipefail

cd "$(dirname "$0")/../.."
. bench/cache/lib.sh
ENTRIES=${ENTRIES:-200}

# A posting request with a description of about <chars> characters of job-ad prose (seeded, so both
# modes store the same text): posting_json <chars> <seed>
posting_json() {
    python3 - "$1" "$2" <<'PY'
import json, random, sys
length, seed = int(sys.argv[1]), int(sys.argv[2])
words = ("we build the platform that helps people find work they love our team owns services in java "
         "and kotlin runs them on kubernetes and measures what matters you will design apis review code "
         "mentor engineers and care about latency reliability security and data quality experience with "
         "postgresql redis kafka observability and cloud infrastructure is a plus benefits include remote "
         "work learning budget parental leave and a yearly offsite").split()
rng = random.Random(seed)
text = []
size = 0
while size < length:
    word = rng.choice(words)
    text.append(word + ("." if rng.random() < 0.08 else ""))
    size += len(word) + 1
print(json.dumps({"title": f"Backend engineer {seed}", "company": "Bench GmbH", "location": "Berlin",
                  "description": " ".join(text), "salaryMin": 60000, "salaryMax": 90000, "currency": "EUR"}))
PY
}

create_posting() {  # create_posting <chars> <seed>: prints the id
    local answer id
    answer=$(posting_json "$1" "$2" | curl -s -X POST "http://localhost:$PORT/api/v1/jobs" \
        -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' --data-binary @-)
    id=$(echo "$answer" | jq -r .id 2>/dev/null || true)
    if [ -z "$id" ] || [ "$id" = null ]; then
        echo "could not create a posting: $answer" >&2
        exit 1
    fi
    echo "$id"
}

used_memory() { redis-cli -p "$REDIS_PORT" INFO memory | tr -d '\r' | awk -F: '$1 == "used_memory" {print $2}'; }

# Fills the cache with <n> postings of <chars> characters, prints "<bytes per entry> <id of one>"
fill() {
    local chars=$1 n=$2 first="" id before after i
    local ids=()
    for i in $(seq 1 "$n"); do
        ids+=("$(create_posting "$chars" "$i")")
    done
    before=$(used_memory)
    for id in "${ids[@]}"; do
        curl -fs "http://localhost:$PORT/api/v1/jobs/$id" -H "Authorization: Bearer $USER_TOKEN" >/dev/null
    done
    after=$(used_memory)
    echo "$(( (after - before) / n )) ${ids[0]}"
}

bytes_counter() {  # bytes_counter <raw|stored>: the service's counter for job postings
    curl -fs "http://localhost:$PORT/q/metrics" |
        awk -v name="cache_bytes_$1_total" '$1 ~ "^" name "\\{" && $1 ~ /cache="job-postings"/ {printf "%d", $2}'
}

run_mode() {  # run_mode <true|false>: sets the figures of this mode as <NAME>_<mode>
    local mode=$1 small large per_small per_large small_id large_id
    echo "== compression $mode"
    # without the near cache, so every read decodes what Redis holds
    start_service "compression-$mode" CACHE_COMPRESSION_ENABLED="$mode" CACHE_NEAR_ENABLED=false
    REDIS_PORT=$(redis_port)
    USER_TOKEN=$(token "$(cat /proc/sys/kernel/random/uuid)" user)
    read -r per_small small_id < <(fill 400 "$ENTRIES")
    read -r per_large large_id < <(fill 20000 "$ENTRIES")
    small="cd:job-postings:{$small_id}"
    large="cd:job-postings:{$large_id}"
    read -r misses_before fallbacks_before errors_before < <(cache_counts "$ADMIN" job-postings)
    read -r s_rps s_p50 s_p99 < <(measure "http://localhost:$PORT/api/v1/jobs/$small_id" "$USER_TOKEN")
    read -r l_rps l_p50 l_p99 < <(measure "http://localhost:$PORT/api/v1/jobs/$large_id" "$USER_TOKEN")
    read -r misses_after fallbacks_after errors_after < <(cache_counts "$ADMIN" job-postings)
    printf -v "SUMMARY_$mode" '%s' "misses $((misses_after - misses_before)), fallbacks $((fallbacks_after - fallbacks_before)), Redis errors $((errors_after - errors_before)) during wrk"
    printf -v "ROW_SMALL_$mode" '%-9s %6s %8s %8s %12s %10s %10s' "$mode" \
        "$(redis-cli -p "$REDIS_PORT" STRLEN "$small")" "$(redis-cli -p "$REDIS_PORT" MEMORY USAGE "$small")" \
        "$per_small" "$s_rps" "$s_p50" "$s_p99"
    printf -v "ROW_LARGE_$mode" '%-9s %6s %8s %8s %12s %10s %10s' "$mode" \
        "$(redis-cli -p "$REDIS_PORT" STRLEN "$large")" "$(redis-cli -p "$REDIS_PORT" MEMORY USAGE "$large")" \
        "$per_large" "$l_rps" "$l_p50" "$l_p99"
    printf -v "BYTES_$mode" '%s' "cache_bytes_raw_total $(bytes_counter raw), cache_bytes_stored_total $(bytes_counter stored) (job-postings)"
    stop_service
}

ensure_tools
prepare
ADMIN=$(token "$(cat /proc/sys/kernel/random/uuid)" admin)
run_mode true
run_mode false

header() { printf '%-9s %6s %8s %8s %12s %10s %10s\n' "compress" "STRLEN" "MEMORY" "INFO/n" "requests/s" "p50 ms" "p99 ms"; }
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores; $ENTRIES entries of each size; load: $(uptime | sed 's/.*load/load/')"
echo "STRLEN / MEMORY USAGE of one entry, INFO/n = growth of used_memory per entry over $ENTRIES entries (bytes)"
echo "-- small posting (description ~400 chars)"
header; echo "$ROW_SMALL_true"; echo "$ROW_SMALL_false"
echo "-- large posting (description ~20 KB)"
header; echo "$ROW_LARGE_true"; echo "$ROW_LARGE_false"
echo "on:  $SUMMARY_true; $BYTES_true"
echo "off: $SUMMARY_false; $BYTES_false"
