#!/usr/bin/env bash
# PromQL helpers for the obs adapters. Source it.

PROMETHEUS_URL="${PROMETHEUS_URL:-http://localhost:9090}"

promql() {
  curl -fsS --get "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=$1"
}

promql_has_series() {
  [[ "$(promql "$1" | jq '.data.result | length')" -gt 0 ]]
}

promql_wait() {
  local query="$1" timeout="${2:-60}" deadline
  deadline=$((SECONDS + timeout))
  until promql_has_series "$query"; do
    (( SECONDS < deadline )) || return 1
    sleep 5
  done
}
