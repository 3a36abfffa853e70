# Sourced by ./drillbook, ./test, bench/*.sh and .ci/run: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME if it is >= 21, else the newest JDK >= 21 under /usr/lib/jvm, else `java` on PATH.

jdk_major() { # prints the major version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(jdk_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    major=$(jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then best=$candidate; fi
  fi
  [ -n "$best" ] && echo "$best"
}

JAVA_HOME=$(find_jdk) || true
if [ -z "$JAVA_HOME" ]; then
  echo "drillbook needs a JDK 21 or newer and found none (looked at \$JAVA_HOME, /usr/lib/jvm/*, and javac on PATH)." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8 on a recent JDK prints sun.misc.Unsafe warnings on every run; they are Maven's, not ours.
case "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" in
  *\"2[4-9]*|*\"3[0-9]*) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED" ;;
esac
