"""`atlasctl ops stack ...`."""

import click

from .._run import adapter


@click.group(name="stack")
def group() -> None:
    """ops/stack commands."""


@group.command("up")
@click.argument("profile", required=False)
def up(profile: str | None = None) -> None:
    raise SystemExit(adapter("stack", "stack-up.sh", *([profile] if profile else [])))


@group.command("down")
def down() -> None:
    raise SystemExit(adapter("stack", "stack-down.sh"))


@group.command("tools")
def tools() -> None:
    raise SystemExit(adapter("stack", "bootstrap-tools.sh"))
