#!/usr/bin/env bash
# Adapter behind `atlasctl ops datasets fetch NAME`: downloads a dataset into the cache.
set -euo pipefail
source "$(dirname "$0")/../../_lib/common.sh"

name="${1:?usage: fetch.sh NAME}"
manifest="$REPO_ROOT/ops/datasets/manifests/${name}.yaml"
source_url="$(yq -r '.source' "$manifest")"
cache="$REPO_ROOT/ops/datasets/cache"
mkdir -p "$cache"

case "$source_url" in
  s3://*) aws s3 cp "$source_url" "$cache/$name" ;;
  https://*)
    curl -fsSL --retry 3 --create-dirs -o artifacts/datasets/"$name".download "$source_url"
    mv artifacts/datasets/"$name".download "$cache/$name"
    ;;
  *) die "unsupported source for $name: $source_url" ;;
esac
log "cached $name ($(du -h "$cache/$name" | cut -f1))"
