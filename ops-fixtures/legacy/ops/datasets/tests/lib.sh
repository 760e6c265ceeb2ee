#!/usr/bin/env bash
# Helpers for the dataset checks in this directory.
set -euo pipefail

DATASETS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$DATASETS/../.." && pwd)"
MANIFESTS="$DATASETS/manifests"
CATALOG="$DATASETS/catalog/catalog.json"
export PYTHONPATH="$DATASETS/tools${PYTHONPATH:+:$PYTHONPATH}"

T="$(basename "$0" .sh)"
fail() { echo "FAIL $T: $*" >&2; exit 1; }
skip() { echo "SKIP $T: $*" >&2; exit 0; }
pass() { echo "PASS $T"; }
requires() { local t; for t in "$@"; do command -v "$t" >/dev/null 2>&1 || skip "needs $t"; done; }
assert_eq() { [[ "$1" == "$2" ]] || fail "${3:-expected '$2' but got '$1'}"; }
assert_match() { [[ "$1" =~ $2 ]] || fail "${3:-'$1' does not match /$2/}"; }
assert_file() { [[ -f "$1" ]] || fail "missing file ${1#"$REPO_ROOT"/}"; }
