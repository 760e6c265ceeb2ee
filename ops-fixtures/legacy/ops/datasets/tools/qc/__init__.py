"""Dataset QC helpers used by `atlasctl ops datasets qc` (imported, not run)."""

from .hashing import digest
from .columns import null_ratio

__all__ = ["digest", "null_ratio"]
