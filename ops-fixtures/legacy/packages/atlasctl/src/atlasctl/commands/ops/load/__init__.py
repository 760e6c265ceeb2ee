"""`atlasctl ops load ...`."""

import click

from .._run import adapter


@click.group(name="load")
def group() -> None:
    """ops/load commands."""


@group.command("run")
@click.argument("suite", required=False)
def run(suite: str | None = None) -> None:
    raise SystemExit(adapter("load", "run-suite.sh", *([suite] if suite else [])))


@group.command("compare")
def compare() -> None:
    raise SystemExit(adapter("load", "compare-runs.sh"))
