#!/usr/bin/env bash
# How long `drillbook dev` takes to stop on Ctrl-C (SIGINT, sent once it is ready and settled), against a
# baseline jar (e.g. one built from an older commit), alternating the two; prints each run and the medians.
#   bench/stop.sh BASELINE_JAR [ROUNDS]     # ROUNDS defaults to 5
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
baseline=${1:?usage: bench/stop.sh BASELINE_JAR [ROUNDS]}
rounds=${2:-5}
"$root/drillbook" --version >/dev/null   # builds the current jar when the sources changed
source "$root/scripts/jdk.sh"
current="$root/worker/target/drillbook-all.jar"

# Prints "EXIT SECONDS" for one stop of `dev` run from $1.
stop_once() {
  local jar=$1 home log pid t0 t1 rc
  home=$(mktemp -d); log="$home/dev.log"
  # env --default-signal: a background job of a script starts with SIGINT ignored, and the JVM keeps it so.
  (DRILLBOOK_HOME=$home exec env --default-signal=INT "$JAVA_HOME/bin/java" -jar "$jar" dev --http 0 --temporal-port 0 \
      >"$log" 2>&1) &
  pid=$!
  for _ in $(seq 1 600); do grep -q "Press Ctrl-C" "$log" && break; sleep 0.1; done
  sleep 2
  t0=$(date +%s.%N)
  kill -INT "$pid"
  rc=0; wait "$pid" || rc=$?
  t1=$(date +%s.%N)
  rm -rf "$home"
  echo "$rc $(echo "$t1 - $t0" | bc)"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

cur=(); base=()
for i in $(seq 1 "$rounds"); do
  if (( i % 2 )); then c=$(stop_once "$current"); b=$(stop_once "$baseline"); else b=$(stop_once "$baseline"); c=$(stop_once "$current"); fi
  echo "round $i: current exit=${c% *} ${c#* } s   baseline exit=${b% *} ${b#* } s"
  cur+=("${c#* }"); base+=("${b#* }")
done
mc=$(printf '%s\n' "${cur[@]}" | median); mb=$(printf '%s\n' "${base[@]}" | median)
printf 'median stop: current %.2f s, baseline %.2f s, current/baseline %.3f\n' "$mc" "$mb" "$(echo "$mc / $mb" | bc -l)"
