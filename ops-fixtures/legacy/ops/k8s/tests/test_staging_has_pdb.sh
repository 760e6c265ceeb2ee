#!/usr/bin/env bash
# staging renders a PodDisruptionBudget.
source "$(dirname "$0")/lib.sh"
requires helm yq

pdb="$(render staging | doc PodDisruptionBudget atlas-atlas)"
[[ -n "$pdb" ]] || fail "no PDB for staging"
pass
