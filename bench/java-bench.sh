# Sourced by the bench scripts that run a benchmark class on the embedded Temporal server:
#   bench_build            builds the modules and the bench class path (one reactor run, so the class path
#                          names the modules' freshly built jars)
#   bench_java CLASS ARGS  runs io.drillbook.bench.CLASS in a temporary DRILLBOOK_HOME, removed at exit
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
source "$root/scripts/jdk.sh"
cd "$root"

bench_build() {
  mvn -q -B -pl bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$root/bench/target/classpath.txt" -Dmdep.includeScope=runtime
  bench_cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
  bench_flags=()
  [ "$(jdk_major "$JAVA_HOME")" -ge 24 ] && bench_flags+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
  bench_home=$(mktemp -d -t drillbook-bench-XXXX)
  trap 'rm -rf "$bench_home"' EXIT
}

bench_java() {
  local class=$1
  shift
  DRILLBOOK_HOME=$bench_home "$JAVA_HOME/bin/java" "${bench_flags[@]}" ${BENCH_JAVA_OPTS:-} -cp "$bench_cp" \
    "io.drillbook.bench.$class" "$@"
}
