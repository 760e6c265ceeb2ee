"""Fault injection for drills: the canonical API, owned by ops/stack."""

from .inject import inject

__all__ = ["inject"]
