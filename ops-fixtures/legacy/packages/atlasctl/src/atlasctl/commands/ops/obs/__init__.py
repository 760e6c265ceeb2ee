"""`atlasctl ops obs ...`."""

import click

from .._run import adapter


@click.group(name="obs")
def group() -> None:
    """ops/obs commands."""


@group.command("drill")
@click.argument("drill", required=False)
def drill(drill: str | None = None) -> None:
    raise SystemExit(adapter("obs", "run-drill.sh", *([drill] if drill else [])))


@group.command("dashboards-export")
def dashboards_export() -> None:
    raise SystemExit(adapter("obs", "export_dashboards.py"))
