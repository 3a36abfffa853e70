#!/usr/bin/env bash
# Schedules benchmark of issue 6, printing its baseline measured in the same run:
#   N schedules on the embedded Temporal test server with one worker: heap after a GC once they are created,
#   and the time from a minute boundary until all N fires of that minute have started their drill; against
#   N bare workflows waiting on a timer that start an empty child at a minute boundary.
# Usage: bench/schedules.sh [schedules=1000] [lead-minutes=5]   (progress on stderr; about lead + 10 minutes)
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/java-bench.sh"
bench_build
echo "== ${1:-1000} schedules vs ${1:-1000} bare timer workflows, one worker ($(date -u +%F), $(nproc) cores)"
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx2g} bench_java SchedulesBench "${1:-1000}" "${2:-5}"
