#!/usr/bin/env bash
# Adapter behind `atlasctl ops datasets pin`: prints the content hash of a cached dataset.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"

name="${1:?usage: pin-dataset.sh NAME}"
archive="$REPO_ROOT/ops/datasets/cache/${name}"
[[ -f "$archive" ]] || "$(dirname "$0")/fetch.sh" "$name"

require_tool sha256sum
sha256sum "$archive" | cut -d' ' -f1
