#!/usr/bin/env bash
# Cluster helpers for the stack tests: wait for the kind cluster and the compose services.
# Source it; every function returns non-zero instead of exiting.

STACK_CLUSTER="${STACK_CLUSTER:-atlas}"
STACK_CONTEXT="kind-${STACK_CLUSTER}"

cluster_ready() {
  kubectl --context "$STACK_CONTEXT" get nodes -o name >/dev/null 2>&1
}

wait_for_cluster() {
  local deadline=$((SECONDS + ${1:-120}))
  until cluster_ready; do
    (( SECONDS < deadline )) || return 1
    sleep 2
  done
}

service_port() {
  docker compose -p atlas port "$1" "$2" 2>/dev/null | cut -d: -f2
}

postgres_url() {
  printf 'postgres://atlas:atlas@127.0.0.1:%s/atlas' "$(service_port postgres 5432)"
}
