#!/usr/bin/env bash
# Kubernetes helpers. Sourced by k8s and stack scripts, so it belongs in ops/_lib/.

kube_context() {
  kubectl config current-context
}
