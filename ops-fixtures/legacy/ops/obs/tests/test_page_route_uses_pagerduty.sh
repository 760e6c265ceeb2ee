#!/usr/bin/env bash
# Page alerts of atlas-sre go to the PagerDuty receiver.
source "$(dirname "$0")/lib.sh"
requires yq

assert_eq "$(yq '.receivers[] | select(.name == "atlas-page") | has("pagerduty_configs")' "$ROUTE")" "true"
pass
