#!/usr/bin/env bash
# Nobody owns this directory: it belongs in a domain.
echo misc
