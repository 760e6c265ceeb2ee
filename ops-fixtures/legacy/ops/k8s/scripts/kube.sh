#!/usr/bin/env bash
# k8s-local wrappers: namespace and context for the render and deploy adapters. Source it.

ATLAS_NAMESPACE="${ATLAS_NAMESPACE:-atlas}"

helm_release_exists() {
  helm status atlas --namespace "$ATLAS_NAMESPACE" >/dev/null 2>&1
}
