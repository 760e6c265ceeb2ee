#!/usr/bin/env bash
# Every pinned tool except python has a download entry in ops/stack/tool-manifest.json.
source "$(dirname "$0")/lib.sh"
requires jq

pinned="$(jq -r 'keys[] | select(. != "python" and . != "jq")' "$REPO_ROOT/configs/ops/tool-versions.json")"
listed="$(jq -r '.tools[].name' "$REPO_ROOT/ops/stack/tool-manifest.json")"
for tool in $pinned; do
  assert_contains "$listed" "$tool" "no download entry for $tool"
done
pass
