#!/usr/bin/env bash
# Core benchmarks of issue 3, each printing its baseline measured in the same run:
#   1. per-step overhead of DrillWorkflow (evidence + RACI) vs a bare Temporal activity, same embedded server
#   2. `evidence verify` speed on 100,000 events (H2 and PostgreSQL) vs SHA-256 of the same bytes in memory
# Usage: bench/core.sh [steps-per-drill=50] [rounds=7] [events=100000]
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/java-bench.sh"
bench_build
echo "== per-step overhead: DrillWorkflow vs bare Temporal activity ($(date -u +%F), $(nproc) cores)"
bench_java StepOverheadBench "${1:-50}" "${2:-7}"
echo
echo "== evidence verify speed"
bench_java EvidenceVerifyBench "${3:-100000}" 5
