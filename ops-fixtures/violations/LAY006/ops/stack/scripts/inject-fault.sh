#!/usr/bin/env bash
# The owning domain's adapter: fine.
exec ./bin/atlasctl ops stack faults inject "$@"
