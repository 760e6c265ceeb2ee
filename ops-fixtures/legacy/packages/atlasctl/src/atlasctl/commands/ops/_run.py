"""Run an ops adapter script with the environment every adapter expects."""

import os
import subprocess
from pathlib import Path

from atlasctl.artifacts.paths import repo_root


def adapter(domain: str, script: str, *args: str, env: dict[str, str] | None = None) -> int:
    root = repo_root()
    path = root / "ops" / domain / "scripts" / script
    full_env = {**os.environ, "REPO_ROOT": str(root), **(env or {})}
    return subprocess.call([str(path), *args], env=full_env, cwd=root)


def scripts_dir(domain: str) -> Path:
    return repo_root() / "ops" / domain / "scripts"
