from atlasctl.artifacts.paths import repo_root


def test_repo_root_holds_the_ops_contract():
    assert (repo_root() / "ops" / "CONTRACT.md").is_file()
