#!/usr/bin/env bash
# kubectl wrappers bound to the atlas context and namespace. Source it.

ATLAS_CONTEXT="${ATLAS_CONTEXT:-kind-atlas}"
ATLAS_NAMESPACE="${ATLAS_NAMESPACE:-atlas}"

k() {
  kubectl --context "$ATLAS_CONTEXT" --namespace "$ATLAS_NAMESPACE" "$@"
}

wait_rollout() {
  k rollout status "deployment/$1" --timeout "${2:-180s}"
}

pod_for() {
  k get pods -l "app.kubernetes.io/name=$1" -o jsonpath='{.items[0].metadata.name}'
}
