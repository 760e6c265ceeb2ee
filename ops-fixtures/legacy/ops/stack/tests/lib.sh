#!/usr/bin/env bash
# Test helpers for ops/stack/tests. Sourced by every test_*.sh in this directory.
set -euo pipefail

TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$TESTS_DIR/../../.." && pwd)"
TEST_OUT="${TEST_OUT:-$REPO_ROOT/ops/_artifacts/tests/stack}"
mkdir -p "$TEST_OUT"

source "$TESTS_DIR/cluster.sh"

_test_name="$(basename "$0" .sh)"

fail() {
  printf 'FAIL %s: %s\n' "$_test_name" "$*" >&2
  exit 1
}

skip() {
  printf 'SKIP %s: %s\n' "$_test_name" "$*" >&2
  exit 0
}

pass() {
  printf 'ok   %s\n' "$_test_name"
}

assert_eq() {
  [[ "$1" == "$2" ]] || fail "${3:-expected '$2', got '$1'}"
}

assert_contains() {
  [[ "$1" == *"$2"* ]] || fail "${3:-'$2' not found}"
}

assert_file() {
  [[ -f "$1" ]] || fail "missing file: $1"
}

requires() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || skip "needs $tool"
  done
}

compose() {
  docker compose -f "$REPO_ROOT/ops/stack/compose/docker-compose.yaml" -p atlas "$@"
}
