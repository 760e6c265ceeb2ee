#!/usr/bin/env bash
# Adapter behind `atlasctl ops stack tools`: installs the pinned CLI tools into .venv/bin.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"
source "$(dirname "$0")/../../_lib/tools.sh"

for tool in kind helm k6 yq; do
  install_tool "$tool"
done
# kubeconform's schemas need a kubectl that knows the 1.29 API; the cluster image pins it.
install_tool kubectl --version 1.29.2
