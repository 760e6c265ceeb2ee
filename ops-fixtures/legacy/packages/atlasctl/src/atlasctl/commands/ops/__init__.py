"""`atlasctl ops ...`: one subgroup per ops domain."""

import click

from . import contracts, datasets, e2e, k8s, load, obs, stack


@click.group()
def ops() -> None:
    """Operator commands (stable surface: ops/_meta/surface.json)."""


for module in (stack, k8s, obs, load, datasets, e2e, contracts):
    ops.add_command(module.group)
