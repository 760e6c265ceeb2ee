"""Canonical fault injection API for the local stack (owned by ops/stack)."""


def inject(fault: str, target: str) -> None:
    """Injects `fault` into `target`; the only fault injection entry point."""
    raise NotImplementedError(f"{fault} -> {target}")
