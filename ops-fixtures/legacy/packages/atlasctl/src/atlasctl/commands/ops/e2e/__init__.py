"""`atlasctl ops e2e ...`: scenarios composed from the other domains."""

from pathlib import Path

import click
import yaml

from atlasctl.artifacts.paths import evidence_dir, repo_root


@click.group(name="e2e")
def group() -> None:
    """ops/e2e commands."""


@group.command("run")
@click.option("--scenario", required=True)
@click.option("--target", default="k8s")
def run(scenario: str, target: str) -> None:
    path = repo_root() / "ops" / "e2e" / "scenarios" / f"{scenario}.yaml"
    spec = yaml.safe_load(path.read_text())
    click.echo(f"running {spec['name']} on {target}: {len(spec['steps'])} steps")
    (evidence_dir("e2e") / f"{scenario}.started").write_text(target)


@group.command("smoke")
@click.option("--target", default="k8s")
@click.pass_context
def smoke(ctx: click.Context, target: str) -> None:
    ctx.invoke(run, scenario="smoke", target=target)
