#!/usr/bin/env bash
# Test helpers for ops/k8s/tests: chart rendering and cluster assertions.
set -euo pipefail

K8S_TESTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$K8S_TESTS/../../.." && pwd)"
CHART="$REPO_ROOT/ops/k8s/charts/atlas"
TEST_OUT="${TEST_OUT:-$REPO_ROOT/ops/_artifacts/tests/k8s}"
mkdir -p "$TEST_OUT"

_t="$(basename "$0" .sh)"

fail() { printf 'FAIL %s: %s\n' "$_t" "$*" >&2; exit 1; }
skip() { printf 'SKIP %s: %s\n' "$_t" "$*" >&2; exit 0; }
pass() { printf 'ok   %s\n' "$_t"; }

requires() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || skip "needs $tool"
  done
}

# render PROFILE [extra helm args...]: renders the chart to stdout.
render() {
  local profile="$1"; shift
  helm template atlas "$CHART" --values "$REPO_ROOT/ops/k8s/values/${profile}.yaml" "$@"
}

# doc KIND NAME: one rendered document, as JSON.
doc() {
  yq -o=json "select(.kind == \"$1\" and .metadata.name == \"$2\")"
}

assert_eq() { [[ "$1" == "$2" ]] || fail "${3:-expected '$2', got '$1'}"; }
assert_ne() { [[ "$1" != "$2" ]] || fail "${3:-did not expect '$2'}"; }
assert_match() { [[ "$1" =~ $2 ]] || fail "${3:-'$1' does not match $2}"; }
assert_file() { [[ -f "$1" ]] || fail "missing file: $1"; }

kube() {
  kubectl --context "${KUBE_CONTEXT:-kind-atlas}" --namespace "${KUBE_NAMESPACE:-atlas}" "$@"
}
