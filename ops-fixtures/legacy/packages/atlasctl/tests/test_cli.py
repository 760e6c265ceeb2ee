from click.testing import CliRunner

from atlasctl.cli import cli


def test_ops_group_lists_every_domain():
    result = CliRunner().invoke(cli, ["ops", "--help"])
    assert result.exit_code == 0
    for domain in ("stack", "k8s", "obs", "load", "datasets", "e2e", "contracts"):
        assert domain in result.output
