"""Where operator runs write: the contract's artifact and evidence roots."""

from .paths import artifacts_dir, evidence_dir

__all__ = ["artifacts_dir", "evidence_dir"]
