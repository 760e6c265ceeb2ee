#!/usr/bin/env bash
# Adapter behind `atlasctl ops datasets pin`: prints the content hash of a dataset file.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"

require_tool sha256sum
sha256sum "$1" | cut -d' ' -f1
