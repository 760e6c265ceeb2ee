#!/usr/bin/env bash
# A second fault injection implementation, outside the owning domain.
set -euo pipefail
kubectl delete pod -n atlas -l app=atlas --wait=false
