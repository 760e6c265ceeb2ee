#!/usr/bin/env bash
# The report config points at the levels file and the evidence schema that exist.
source "$(dirname "$0")/lib.sh"
requires jq

cfg="$REPO_ROOT/ops/obs/report/report-config.json"
assert_file "$REPO_ROOT/$(jq -r '.levels_path' "$cfg")"
assert_file "$REPO_ROOT/$(jq -r '.evidence_schema_path' "$cfg")"
pass
