#!/usr/bin/env bash
# The local provider against the plain PostgreSQL programs (see bench/README.md):
#   bench/local-provider.sh [--scale 50] [--rounds 7] [--dump-rounds 7] [--failovers 10]
# Creates a source cluster on a free port (pgbench -i -s SCALE, about 15 MB per scale unit), runs
# io.drillbook.bench.LocalProviderBench against it, prints the table, and removes every cluster it made.
# BENCH_HOME=/some/dir keeps drillbook's log of the run (DRILLBOOK_HOME/logs: one line per program started).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
source "$root/scripts/jdk.sh"

scale=50 rounds=7 dump_rounds=7 failovers=10
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2 ;;
    --rounds) rounds=$2 ;;
    --dump-rounds) dump_rounds=$2 ;;
    --failovers) failovers=$2 ;;
    *) echo "usage: $0 [--scale N] [--rounds N] [--dump-rounds N] [--failovers N]" >&2; exit 1 ;;
  esac
  shift 2
done

pgbin=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$pgbin/initdb" ] || { echo "no PostgreSQL server programs found: set PGBIN to their directory" >&2; exit 1; }

echo "building drillbook and the benchmark..." >&2
(cd "$root" && mvn -q -B -DskipTests -pl bench -am package) >&2
classpath="$root/worker/target/drillbook-all.jar:$(ls "$root"/bench/target/drillbook-bench-*.jar | head -1)"

# initdb and pg_ctl refuse to run as root: clusters run as postgres then, as drillbook runs them.
as_owner=()
[ "$(id -u)" = 0 ] && as_owner=(runuser -u postgres --)
work=$(mktemp -d /tmp/drillbook-bench.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/byhand"
[ "$(id -u)" = 0 ] && chown postgres: "$work" "$work/byhand"

cleanup() {
  # Every cluster this run started (the source, and any a failed round left), then the files.
  find "$work" -name postmaster.pid 2>/dev/null | while read -r pid; do
    "${as_owner[@]}" "$pgbin/pg_ctl" stop -D "$(dirname "$pid")" -m immediate -w >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_owner[@]}" "$pgbin/initdb" -D "$work/source" -U postgres --auth=trust --no-sync --encoding=UTF8 --locale=C >/dev/null
cat >>"$work/source/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
# the source's durability is not what is measured, and pgbench -i loads faster
fsync = off
CONF
echo "host replication postgres 127.0.0.1/32 trust" >>"$work/source/pg_hba.conf"
"${as_owner[@]}" "$pgbin/pg_ctl" start -D "$work/source" -l "$work/source.log" -w >/dev/null
echo "source cluster on 127.0.0.1:$port; pgbench -i -s $scale..." >&2
"$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres bench
"$pgbin/pgbench" -i -q -s "$scale" -h 127.0.0.1 -p "$port" -U postgres bench 2>&1 | grep -v NOTICE >&2
"$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d bench -Aq -c "VACUUM ANALYZE" -c "CHECKPOINT"

java_opts=()
[ "$(jdk_major "$JAVA_HOME")" -ge 24 ] && java_opts+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB; PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'); scale $scale" >&2
DRILLBOOK_HOME="${BENCH_HOME:-$work/home}" "$JAVA_HOME/bin/java" "${java_opts[@]}" -cp "$classpath" io.drillbook.bench.LocalProviderBench \
  --root "$work" --bin "$pgbin" --port "$port" --database bench \
  --rounds "$rounds" --dump-rounds "$dump_rounds" --failovers "$failovers"
