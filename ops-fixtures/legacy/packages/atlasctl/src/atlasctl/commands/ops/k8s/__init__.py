"""`atlasctl ops k8s ...`."""

import click

from .._run import adapter


@click.group(name="k8s")
def group() -> None:
    """ops/k8s commands."""


@group.command("deploy")
@click.argument("profile", required=False)
def deploy(profile: str | None = None) -> None:
    raise SystemExit(adapter("k8s", "deploy.sh", *([profile] if profile else [])))


@group.command("render")
@click.argument("profile", required=False)
def render(profile: str | None = None) -> None:
    raise SystemExit(adapter("k8s", "render-chart.sh", *([profile] if profile else [])))


@group.command("events")
def events() -> None:
    raise SystemExit(adapter("k8s", "collect-events.sh"))
