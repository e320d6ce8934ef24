#!/usr/bin/env bash
# CPU and allocation profiles (async-profiler) of the profile read under wrk load: with the cache
# (Redis hits) and with it switched off (PostgreSQL). Prints the flat top lists; the collapsed stacks
# stay in OUT (default bench/cache/profiles, not committed).
#
#   SKIP_BUILD=1 flock /tmp/bench.lock bash bench/cache/profile.sh
#   RUNS="cache-off" EVENTS="cpu" SKIP_BUILD=1 bash bench/cache/profile.sh
#
# async-profiler comes from Maven Central (tools.profiler:async-profiler, the linux-x64 classifier
# carries libasyncProfiler.so); it is loaded into the running jar with `jcmd JVMTI.agent_load` after
# the warm-up, so start-up and warm-up stay out of the profile (its options in quotes: jcmd reads
# an unquoted name=value as an option of its own).
set -euo pipefail

cd "$(dirname "$0")/../.."
. bench/cache/lib.sh

RUNS=${RUNS:-"cache-on cache-off"}
EVENTS=${EVENTS:-"cpu alloc"}
OUT=${OUT:-bench/cache/profiles}
PROFILER_VERSION=${PROFILER_VERSION:-4.1}
TOP=${TOP:-25}
mkdir -p "$OUT"

agent() {
    local dir="$HOME/.cache/async-profiler-$PROFILER_VERSION"
    if [ ! -f "$dir/linux-x64/libasyncProfiler.so" ]; then
        ./mvnw -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION:jar:linux-x64" \
            -DoutputDirectory="$dir"
        (cd "$dir" && unzip -o -q "async-profiler-$PROFILER_VERSION-linux-x64.jar" 'linux-x64/*')
    fi
    echo "$dir/linux-x64/libasyncProfiler.so"
}

ensure_tools
prepare
LIB=$(agent)
ADMIN=$(token "$(cat /proc/sys/kernel/random/uuid)" admin)

for run in $RUNS; do
    if [ "$run" = cache-on ]; then start_service "$run" CACHE_ENABLED=true; else start_service "$run" CACHE_ENABLED=false; fi
    USER_ID=$(bench_user "$ADMIN" "bench-$run@example.org")
    USER_TOKEN=$(token "$USER_ID" user)
    READ="http://localhost:$PORT/api/v1/users/$USER_ID"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP:-20s}" -H "Authorization: Bearer $USER_TOKEN" "$READ" >/dev/null  # warm-up: the JIT done before profiling
    for event in $EVENTS; do
        jcmd "$APP_PID" JVMTI.agent_load "$LIB" "\"start,event=$event,interval=$([ "$event" = cpu ] && echo 1ms || echo 512k)\"" >/dev/null
        rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer $USER_TOKEN" "$READ" |
            awk '/Requests\/sec/ {print $2}')
        jcmd "$APP_PID" JVMTI.agent_load "$LIB" "\"stop,collapsed,file=$(pwd)/$OUT/$run-$event.collapsed\"" >/dev/null
        echo "== $run, $event ($rps req/s while profiled; load: $(uptime | sed 's/.*load average: //'))"
        # self time per frame, from the collapsed stacks (the last frame of each stack)
        awk '{n = $NF; $NF = ""; sub(/ $/, ""); k = split($0, f, ";"); self[f[k]] += n; total += n}
             END {for (m in self) printf "%6.2f%%  %s\n", 100 * self[m] / total, m}' "$OUT/$run-$event.collapsed" |
            sort -rn | head -"$TOP" || true  # head closes the pipe early; not a failure
    done
    stop_service
done
