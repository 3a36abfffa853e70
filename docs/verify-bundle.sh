#!/bin/sh
# Checks a drillbook evidence bundle with unzip, openssl (3.0 or newer), sha256sum and jq only, as
# docs/evidence-bundle.md describes: the manifest's Ed25519 signature (with the MSP's published key when given),
# the key id, every listed file's SHA-256, that no file was added, the event chain (verify-events.sh beside this
# script) and its head, and the hash of the tenant anchor.
# Usage: sh verify-bundle.sh bundle.zip [msp-public-key.pem]
set -eu
fail() {
  echo "INVALID: $*"
  exit 1
}
absolute() {
  echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
}
bundle=$(absolute "$1")
key=""
[ $# -ge 2 ] && key=$(absolute "$2")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bundle"
unzip -q "$bundle" -d "$work/bundle"
cd "$work/bundle"

# The signature, over the exact bytes of manifest.json.
base64 -d manifest.sig > "$work/manifest.sig.bin"
bundled=$(openssl pkey -pubin -in public-key.pem -outform DER | sha256sum | cut -c1-16)
if [ -n "$key" ]; then
  expected=$(openssl pkey -pubin -in "$key" -outform DER | sha256sum | cut -c1-16)
  [ "$bundled" = "$expected" ] || fail "signed with key $bundled, not with the expected key $expected"
fi
openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile "$work/manifest.sig.bin" \
  > /dev/null || fail "manifest.sig: signature does not verify with key $bundled"
[ "$(jq -r .keyId manifest.json)" = "$bundled" ] || fail "manifest.json names another key than public-key.pem"

# Every listed file, and nothing else.
jq -r '.files[] | "\(.sha256)  \(.name)"' manifest.json | sha256sum -c --quiet || fail "a file does not match the manifest"
jq -r '.files[].name, "manifest.json", "manifest.sig"' manifest.json > "$work/listed"
extra=$(unzip -Z1 "$bundle" | grep -vxF -f "$work/listed" || true)
[ -z "$extra" ] || fail "not listed in the manifest: $extra"

# The event chain, its head, and the anchor.
chain=$(sh "$here/verify-events.sh" events.json) || fail "events.json: $chain"
[ "$(jq -r '.[-1] | "\(.seq) \(.hash)"' events.json)" = "$(jq -r '.chainHead | "\(.lastSeq) \(.lastHash)"' manifest.json)" ] \
  || fail "events.json does not end at the manifest's chain head"
if [ "$(jq -r '.anchor != null' manifest.json)" = true ]; then
  [ "$(jq -jcS '.anchor | del(.hash)' manifest.json | sha256sum | cut -d' ' -f1)" = "$(jq -r .anchor.hash manifest.json)" ] \
    || fail "the anchor's hash does not recompute"
  [ "$(jq -r '.anchor | "\(.lastSeq) \(.lastHash)"' manifest.json)" = "$(jq -r '.chainHead | "\(.lastSeq) \(.lastHash)"' manifest.json)" ] \
    || fail "the anchor does not record the chain head"
fi
echo "VALID: drill $(jq -r .drillId manifest.json), $chain, signed with key $bundled"
