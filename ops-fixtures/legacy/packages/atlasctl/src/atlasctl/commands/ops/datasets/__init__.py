"""`atlasctl ops datasets ...`."""

import click

from .._run import adapter


@click.group(name="datasets")
def group() -> None:
    """ops/datasets commands."""


@group.command("pin")
@click.argument("dataset", required=False)
def pin(dataset: str | None = None) -> None:
    raise SystemExit(adapter("datasets", "pin-dataset.sh", *([dataset] if dataset else [])))


@group.command("fetch")
@click.argument("dataset", required=False)
def fetch(dataset: str | None = None) -> None:
    raise SystemExit(adapter("datasets", "fetch.sh", *([dataset] if dataset else [])))


@group.command("verify")
def verify() -> None:
    raise SystemExit(adapter("datasets", "verify-checksums.sh"))


@group.command("qc")
def qc() -> None:
    raise SystemExit(adapter("datasets", "qc_report.py"))


@group.command("validate")
def validate() -> None:
    raise SystemExit(adapter("datasets", "validate-manifests.sh"))
