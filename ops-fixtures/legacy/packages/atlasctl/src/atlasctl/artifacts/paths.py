"""Output roots from the Ops Contract: runtime artifacts under ops/_artifacts/, evidence
under artifacts/evidence/."""

from pathlib import Path


def repo_root() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "ops" / "CONTRACT.md").is_file():
            return parent
    raise RuntimeError("not inside the atlas repository")


def artifacts_dir(domain: str) -> Path:
    path = repo_root() / "ops" / "_artifacts" / domain
    path.mkdir(parents=True, exist_ok=True)
    return path


def evidence_dir(domain: str) -> Path:
    path = repo_root() / "artifacts" / "evidence" / domain
    path.mkdir(parents=True, exist_ok=True)
    return path
