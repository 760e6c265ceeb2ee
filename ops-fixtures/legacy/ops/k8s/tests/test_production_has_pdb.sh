#!/usr/bin/env bash
# production renders a PodDisruptionBudget.
source "$(dirname "$0")/lib.sh"
requires helm yq

pdb="$(render production | doc PodDisruptionBudget atlas-atlas)"
[[ -n "$pdb" ]] || fail "no PDB for production"
pass
