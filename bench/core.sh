#!/usr/bin/env bash
# Core benchmarks of issue 3, each printing its baseline measured in the same run:
#   1. per-step overhead of DrillWorkflow (evidence + RACI) vs a bare Temporal activity, same embedded server
#   2. `evidence verify` speed on 100,000 events (H2 and PostgreSQL) vs SHA-256 of the same bytes in memory
# Usage: bench/core.sh [steps-per-drill=50] [rounds=7] [events=100000]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
source "$root/scripts/jdk.sh"
cd "$root"
# One reactor run, so the classpath names the modules' freshly built jars (the last module written is bench).
mvn -q -B -pl bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$root/bench/target/classpath.txt" -Dmdep.includeScope=runtime
cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
flags=()
[ "$(jdk_major "$JAVA_HOME")" -ge 24 ] && flags+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
home=$(mktemp -d -t drillbook-bench-XXXX)
trap 'rm -rf "$home"' EXIT
echo "== per-step overhead: DrillWorkflow vs bare Temporal activity ($(date -u +%F), $(nproc) cores)"
DRILLBOOK_HOME=$home "$JAVA_HOME/bin/java" "${flags[@]}" -cp "$cp" io.drillbook.bench.StepOverheadBench "${1:-50}" "${2:-7}"
echo
echo "== evidence verify speed"
DRILLBOOK_HOME=$home "$JAVA_HOME/bin/java" "${flags[@]}" -cp "$cp" io.drillbook.bench.EvidenceVerifyBench "${3:-100000}" 5
