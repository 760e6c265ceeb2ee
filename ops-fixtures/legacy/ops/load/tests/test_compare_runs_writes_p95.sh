#!/usr/bin/env bash
# compare-runs.sh writes the p95 comparison into the directory it is given.
source "$(dirname "$0")/lib.sh"
requires jq

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo '{"metrics":{"http_req_duration":{"p(95)":80}}}' > "$out/a.json"
echo '{"metrics":{"http_req_duration":{"p(95)":95}}}' > "$out/b.json"
"$LOAD/scripts/compare-runs.sh" "$out/a.json" "$out/b.json" "$out" 2>/dev/null
assert_eq "$(jq -c . "$out/compare/p95.json")" '{"p95_a":80,"p95_b":95}'
pass
