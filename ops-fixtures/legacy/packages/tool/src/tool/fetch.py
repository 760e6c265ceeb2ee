"""Download a pinned tool release into a directory on PATH."""

import json
import shutil
import tarfile
import tempfile
import urllib.request
from pathlib import Path

from .manifest import load_manifest


def _versions(repo_root: Path) -> dict:
    return json.loads((repo_root / "configs" / "ops" / "tool-versions.json").read_text())


def fetch_tool(repo_root: Path, name: str, version: str | None, dest: Path) -> Path:
    manifest = load_manifest(repo_root / "ops" / "stack" / "tool-manifest.json")
    entry = next(t for t in manifest["tools"] if t["name"] == name)
    version = version or _versions(repo_root)[name]
    asset = entry["asset"].format(version=version)
    url = f"{entry['source'].rstrip('/')}/{version}/{asset}"
    with tempfile.TemporaryDirectory() as tmp:
        download = Path(tmp) / asset.rsplit("/", 1)[-1]
        with urllib.request.urlopen(url) as resp, download.open("wb") as fh:
            shutil.copyfileobj(resp, fh)
        if download.name.endswith(".tar.gz"):
            with tarfile.open(download) as tar:
                member = next(m for m in tar.getmembers() if m.name.endswith(f"/{name}") or m.name == name)
                tar.extract(member, tmp, filter="data")
                download = Path(tmp) / member.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(download, dest)
    dest.chmod(0o755)
    return dest
