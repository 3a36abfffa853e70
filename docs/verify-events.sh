#!/bin/sh
# Checks one drill's evidence with nothing but jq and sha256sum, as docs/evidence.md describes: seqs run
# 1, 2, 3..., each prevHash is the previous event's hash, and each hash recomputes from the event itself.
# Input: the JSON array `drillbook evidence show DRILL_ID --json` prints.
# Usage: sh verify-events.sh events.json
set -eu
file=$1
count=$(jq length "$file")
prev=0000000000000000000000000000000000000000000000000000000000000000
i=0
while [ "$i" -lt "$count" ]; do
  seq=$(jq -r ".[$i].seq" "$file")
  if [ "$seq" != $((i + 1)) ]; then
    echo "seq $((i + 1)) missing: the next event has seq $seq"
    exit 1
  fi
  if [ "$(jq -r ".[$i].prevHash" "$file")" != "$prev" ]; then
    echo "seq $seq: prevHash does not match seq $i"
    exit 1
  fi
  computed=$(jq -jcS ".[$i] | del(.hash)" "$file" | sha256sum | cut -d' ' -f1)
  if [ "$computed" != "$(jq -r ".[$i].hash" "$file")" ]; then
    echo "seq $seq: hash mismatch: the event was changed"
    exit 1
  fi
  prev=$computed
  i=$((i + 1))
done
echo "$count events, chain intact, last hash $prev"
