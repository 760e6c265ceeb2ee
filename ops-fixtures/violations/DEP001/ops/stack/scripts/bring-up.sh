#!/usr/bin/env bash
# DEPRECATED: replaced by `atlasctl ops stack up`.
set -euo pipefail
kind create cluster --name atlas
