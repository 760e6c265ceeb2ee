"""Shared tooling: manifest loading with schema validation, pinned tool fetching."""

from .manifest import load_manifest
from .fetch import fetch_tool

__all__ = ["load_manifest", "fetch_tool"]
