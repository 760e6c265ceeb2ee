#!/usr/bin/env bash
# Anything unmatched becomes a ticket, not a page.
source "$(dirname "$0")/lib.sh"
requires yq

assert_eq "$(yq '.route.receiver' "$ROUTE")" "atlas-ticket"
pass
