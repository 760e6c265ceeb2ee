#!/usr/bin/env bash
# Shared setup for the obs checks: paths to the dashboards and rules, tiny assertions.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$here/../../.." && pwd)"
DASHBOARDS="$REPO_ROOT/ops/obs/dashboards"
RULES_DIR="$REPO_ROOT/ops/obs/prometheus/rules"
ROUTE="$REPO_ROOT/ops/obs/prometheus/alertmanager-route.yaml"
ALERTS_JSON="$REPO_ROOT/ops/obs/alerts/rules.json"
TEST_OUT="${TEST_OUT:-$REPO_ROOT/ops/_artifacts/tests/obs}"
mkdir -p "$TEST_OUT"

name="${0##*/}"
name="${name%.sh}"

fail() { echo "not ok - $name: $*" >&2; exit 1; }
skip() { echo "ok - $name # SKIP $*"; exit 0; }
pass() { echo "ok - $name"; }

requires() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || skip "$tool not installed"
  done
}

assert_eq() {
  if [[ "$1" != "$2" ]]; then
    fail "${3:-got '$1', want '$2'}"
  fi
}

assert_match() {
  [[ "$1" =~ $2 ]] || fail "${3:-'$1' !~ $2}"
}

assert_file() {
  [[ -f "$1" ]] || fail "no such file: ${1#$REPO_ROOT/}"
}
