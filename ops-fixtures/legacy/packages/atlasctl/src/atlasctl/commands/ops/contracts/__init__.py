"""`atlasctl ops contracts check`: validates every ops manifest against its schema."""

import click

from tool import load_manifest

from atlasctl.artifacts.paths import repo_root


@click.group(name="contracts")
def group() -> None:
    """Ops contract gates."""


@group.command("check")
def check() -> None:
    root = repo_root()
    failures = 0
    for manifest in sorted((root / "ops").rglob("*.json")):
        if "_schemas" in manifest.parts or "_generated" in manifest.parts[-2]:
            continue
        try:
            load_manifest(manifest)
        except Exception as exc:  # report every manifest, not only the first
            failures += 1
            click.echo(f"{manifest.relative_to(root)}: {exc}", err=True)
    raise SystemExit(1 if failures else 0)
