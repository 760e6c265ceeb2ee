#!/usr/bin/env bash
# ops/load/tests helpers. Every test sources this first.
set -euo pipefail

LOAD="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$LOAD/../.." && pwd)"
SUITES="$LOAD/suites"
SUITE_INDEX="$REPO_ROOT/ops/_generated_committed/suite-index.json"

__test="$(basename "${BASH_SOURCE[1]:-$0}" .sh)"

fail() {
  printf '\033[31mFAIL\033[0m %s: %s\n' "$__test" "$*" >&2
  exit 1
}

skip() {
  printf '\033[33mSKIP\033[0m %s: %s\n' "$__test" "$*" >&2
  exit 0
}

pass() {
  printf '\033[32mPASS\033[0m %s\n' "$__test"
}

requires() {
  local missing=()
  for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
  ((${#missing[@]} == 0)) || skip "missing ${missing[*]}"
}

assert_eq() { [[ "$1" == "$2" ]] || fail "${3:-expected [$2] got [$1]}"; }
assert_contains() { [[ "$1" == *"$2"* ]] || fail "${3:-[$1] does not contain [$2]}"; }
assert_file() { [[ -f "$1" ]] || fail "missing ${1#"$REPO_ROOT"/}"; }
