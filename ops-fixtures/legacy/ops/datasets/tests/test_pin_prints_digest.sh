#!/usr/bin/env bash
# pin-dataset.sh prints a 64-hex digest for a cached dataset.
source "$(dirname "$0")/lib.sh"
requires sha256sum

[[ -f "$DATASETS/cache/genes" ]] || skip "genes is not cached"
assert_match "$("$DATASETS/scripts/pin-dataset.sh" genes)" '^[0-9a-f]{64}$'
pass
