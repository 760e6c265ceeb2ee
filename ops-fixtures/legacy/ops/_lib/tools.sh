#!/usr/bin/env bash
# install_tool NAME --version X: fetches a pinned tool into .venv/bin. Source it.

install_tool() {
  local name="$1" version=""
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --version) version="$2"; shift 2 ;;
      *) shift ;;
    esac
  done
  [[ -n "$version" ]] || version="$(tool_version "$name")"
  local dest="$REPO_ROOT/.venv/bin/$name"
  [[ -x "$dest" ]] && return 0
  log "installing $name $version"
  "$REPO_ROOT/bin/atlasctl" tools fetch "$name" "$version" --dest "$dest"
}
