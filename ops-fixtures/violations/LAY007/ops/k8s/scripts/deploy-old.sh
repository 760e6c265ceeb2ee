#!/usr/bin/env bash
# Named after when it was written, not what it does.
helm upgrade atlas ./charts/atlas
