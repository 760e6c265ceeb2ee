"""Command-line entry point: `atlasctl <group> <command> ...`."""

import click

from atlasctl.commands.ops import ops


@click.group()
@click.version_option(package_name="atlasctl")
def cli() -> None:
    """Operate atlas: stack, k8s, obs, load, datasets, e2e."""


cli.add_command(ops)


def main() -> int:
    cli(standalone_mode=True)
    return 0
