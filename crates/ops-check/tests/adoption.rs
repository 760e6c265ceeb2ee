//! Adopting ops-check on an existing repository: `config init`, a config that extends the
//! defaults, errors that say what was meant, running from a subdirectory, `docs_url`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/bin.rs"]
mod support;

use ops_model::testing::TestRepo;
use support::{bin, fixtures, git, run};

/// The config's JSON Schema, as `ops-check schema config` prints it.
fn config_schema() -> jsonschema::Validator {
    let (code, out, _) = run(bin().args(["schema", "config"]));
    assert_eq!(code, 0);
    jsonschema::validator_for(&serde_json::from_str(&out).unwrap()).unwrap()
}

/// TOML text as the JSON value the schema describes.
fn as_json(toml_text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(toml_text).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn config_init_validates_and_checks_the_conforming_fixture_clean() {
    let repo = TestRepo::copy_of(&fixtures().join("conforming"));
    let (code, _, err) = run(bin().args(["config", "init"]).arg(repo.path()));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(repo.path().join("ops-check.toml")).unwrap();
    let errors: Vec<String> = config_schema()
        .iter_errors(&as_json(&text))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    // The conforming repository is laid out like the contract: nothing to fit.
    assert!(
        text.lines()
            .all(|l| l.is_empty() || l.starts_with('#') || l.starts_with('[')),
        "{text}"
    );
    // Committed, as the fixture is in this repository (git facts decide ART006/ART007).
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "adopt"]);
    let (code, out, _) = run(bin().arg("check").arg(repo.path()));
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("ok: no findings"), "{out}");

    // An existing config is kept unless asked.
    let (code, _, err) = run(bin().args(["config", "init"]).arg(repo.path()));
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
}

#[test]
fn config_init_fits_what_it_finds() {
    let repo = TestRepo::new()
        .file("deploy/ops/billing/run.sh", "#!/bin/sh\n")
        .file("deploy/ops/stack/up.sh", "#!/bin/sh\n")
        .file("deploy/ops/_lib/common.sh", "#!/bin/sh\n")
        .file("contracts/v1/order.schema.json", "{}")
        .file("contracts/v1/sub/item.schema.json", "{}")
        .file("tools/tool-versions.json", "{}")
        .file("GNUmakefile", "include mk/ops.mk\n")
        .file("mk/ops.mk", "ops-up:\n");
    let (code, text, err) = run(bin().args(["config", "init", "--stdout"]).arg(repo.path()));
    assert_eq!(code, 0, "{err}");
    let set: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert_eq!(
        set,
        [
            "ops_root = \"deploy/ops\"",
            "[artifacts]",
            "write_scan_roots = [\"deploy/ops\", \"mk\"]",
            "[layout]",
            "domains = [\"billing\", \"stack\"]",
            "[limits]",
            "[schema]",
            "schemas_dir = \"contracts/v1\"",
            "tool_versions = \"tools/tool-versions.json\"",
            "[surface]",
            "makefile = \"GNUmakefile\"",
        ]
    );
    assert!(config_schema().is_valid(&as_json(&text)));
    ops_check::Contract::from_toml(&text, "ops-check.toml".as_ref()).unwrap();
    assert!(
        !repo.path().join("ops-check.toml").exists(),
        "--stdout writes nothing"
    );
}

#[test]
fn extend_keys_add_to_the_defaults() {
    let repo = TestRepo::copy_of(&fixtures().join("violations/LAY001"));
    std::fs::write(
        repo.path().join("ops-check.toml"),
        "select = [\"LAY001\"]\n[layout]\nextend_domains = [\"misc\"]\n",
    )
    .unwrap();
    let (code, out, _) = run(bin()
        .arg("check")
        .arg(repo.path())
        .args(["--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("ops/misc:"), "misc is a domain now: {out}");
    assert!(out.contains("ops/notes.txt:"), "{out}");
    // The defaults are still domains (the fixture's `ops/stack/` stays allowed), and the
    // effective config lists them with the new one, in order.
    assert!(!out.contains("ops/stack"), "{out}");
    let (code, shown, err) = run(bin().args(["config", "show"]).arg(repo.path()));
    assert_eq!(code, 0, "{err}");
    let shown: toml::Value = toml::from_str(&shown).unwrap();
    let domains: Vec<&str> = shown["layout"]["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(
        domains,
        ["stack", "k8s", "obs", "load", "datasets", "e2e", "misc"]
    );
}

#[test]
fn config_errors_name_the_place_and_what_was_meant() {
    let repo = TestRepo::copy_of(&fixtures().join("violations/LAY001"));
    let config = repo.path().join("ops-check.toml");
    let cases = [
        (
            "select = [\"LAY001\"]\nignore = [\"LAY0077\"]\n",
            "ops-check.toml:2:11: unknown rule selector `LAY0077` in ignore",
            "did you mean `LAY007`?",
        ),
        (
            "[layout]\ndomainz = []\n",
            "ops-check.toml:2:1",
            "did you mean `domains`?",
        ),
        (
            "[severity]\nLAY001 = \"eror\"\n",
            "ops-check.toml:2:10",
            "did you mean `error`?",
        ),
        (
            "[[suppress]]\npaths = [\"ops/**\"]\nrules = [\"unknown-top-levle\"]\nreason = \"r\"\n",
            "ops-check.toml:3:10: unknown rule selector `unknown-top-levle` in [[suppress]] rules",
            "did you mean `unknown-top-level`?",
        ),
        (
            "[[suppress]]\npaths = [\"ops/**\"]\nrules = [\"LAY001\"]\n",
            "ops-check.toml:1:1",
            "missing field `reason`",
        ),
    ];
    for (text, place, hint) in cases {
        std::fs::write(&config, text).unwrap();
        let (code, _, err) = run(bin().arg("check").arg(repo.path()));
        assert_eq!(code, 2, "{text}: {err}");
        assert!(err.contains(place) && err.contains(hint), "{text}: {err}");
    }
    // `warn` is a severity.
    std::fs::write(
        &config,
        "select = [\"LAY001\"]\n[severity]\nLAY001 = \"warn\"\n",
    )
    .unwrap();
    let (code, out, _) = run(bin().arg("check").arg(repo.path()));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("warning[LAY001]"), "{out}");
}

#[test]
fn check_from_a_subdirectory_finds_the_root() {
    let repo = TestRepo::copy_of(&fixtures().join("violations/LAY001"));
    let from_root = run(bin()
        .current_dir(repo.path())
        .args(["check", "--format", "concise"]));
    let from_below = run(bin()
        .current_dir(repo.path().join("ops/misc"))
        .args(["check", "--format", "concise"]));
    assert_eq!(from_root.0, 1);
    assert_eq!(from_root, from_below);
    let (_, out, _) = run(bin()
        .current_dir(repo.path().join("ops/misc"))
        .args(["check", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["root"], "../..");
    assert_eq!(json["config"], "ops-check.toml");

    // Without a config, the top of the git work tree.
    std::fs::remove_file(repo.path().join("ops-check.toml")).unwrap();
    git(repo.path(), &["init", "-q"]);
    let (_, out, _) = run(bin()
        .current_dir(repo.path().join("ops"))
        .args(["check", "--format", "json", "--select", "LAY001"]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["root"], "..");
}

#[test]
fn docs_url_from_the_config_links_rules_and_is_checked() {
    let repo = TestRepo::copy_of(&fixtures().join("violations/LAY001"));
    let config = repo.path().join("ops-check.toml");
    std::fs::write(
        &config,
        "select = [\"LAY001\"]\ndocs_url = \"https://example.com/rules/{code}.html\"\n",
    )
    .unwrap();
    let (_, out, _) = run(bin()
        .arg("check")
        .arg(repo.path())
        .args(["--format", "sarif"]));
    assert!(
        out.contains("\"helpUri\": \"https://example.com/rules/LAY001.html\""),
        "{out}"
    );
    // --docs-url wins.
    let (_, out, _) = run(bin().arg("check").arg(repo.path()).args([
        "--format",
        "sarif",
        "--docs-url",
        "https://other.example/r",
    ]));
    assert!(out.contains("https://other.example/r/LAY001.md"), "{out}");

    std::fs::write(&config, "docs_url = \"docs/rules\"\n").unwrap();
    let (code, _, err) = run(bin().arg("check").arg(repo.path()));
    assert_eq!(code, 2);
    assert!(
        err.contains("ops-check.toml:1:12: `docs_url` docs/rules: not an absolute URI"),
        "{err}"
    );
}

#[test]
fn reports_with_suppressions_and_a_baseline_are_the_same_bytes_for_any_jobs() {
    let repo = TestRepo::copy_of(&fixtures().join("legacy"));
    let (code, _, err) = run(bin().args(["baseline", "write", "--root"]).arg(repo.path()));
    assert_eq!(code, 0, "{err}");
    let script = repo.path().join("ops/stack/scripts/extra.sh");
    std::fs::create_dir_all(script.parent().unwrap()).unwrap();
    std::fs::write(
        &script,
        "#!/bin/sh\n# ops-check: ignore[LAY004] kept for the demo\n. ./ops/k8s/lib.sh\n",
    )
    .unwrap();
    let report = |jobs: &str| {
        let (code, out, err) = run(bin()
            .arg("check")
            .arg(repo.path())
            .args(["--format", "json", "-j", jobs]));
        assert_ne!(code, 2, "{err}");
        out
    };
    let one = report("1");
    assert_eq!(one, report("4"));
    assert_eq!(one, report("3"));
}

/// docs/guide.md walks through adopting ops-check on `ops-fixtures/legacy/`: the same steps
/// here, and every output line the guide quotes is the real one.
#[test]
fn the_guide_walkthrough_is_the_real_output() {
    let guide = std::fs::read_to_string(support::workspace().join("docs/guide.md")).unwrap();
    let quoted = |text: &str| {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                guide.contains(line),
                "docs/guide.md does not quote the real output line\n{line}\nof\n{text}"
            );
        }
    };
    let repo = TestRepo::copy_of(&fixtures().join("legacy"));
    let root = repo.path();
    std::fs::remove_file(root.join("ops-check.toml")).unwrap();
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "legacy"]);
    let at = || {
        let mut cmd = bin();
        cmd.current_dir(root);
        cmd
    };
    let edit = |path: &str, f: &dyn Fn(String) -> String| {
        let path = root.join(path);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, f(text)).unwrap();
    };

    // 1. config init.
    let (code, _, err) = run(at().args(["config", "init"]));
    assert_eq!(code, 0, "{err}");
    quoted(&err);

    // 2. The first run.
    let (code, out, err) = run(at().args(["check", "--statistics"]));
    assert_eq!(code, 1, "{err}");
    quoted(&out);

    // 3. Suppressions with reasons: a [[suppress]] entry and an inline comment.
    let entry = "[[suppress]]\npaths = [\"ops/stack/versions.env\"]\nrules = [\"SCH007\"]\nreason = \"sourced by the kind installer, which cannot read configs/ops/tool-versions.json\"\n";
    assert!(guide.contains(entry));
    edit("ops-check.toml", &|t| format!("{t}\n{entry}"));
    let comment = "# ops-check: ignore[ART009] k6 v0.50 writes its scratch files here; moves with the v2 runner\nmkdir -p \"$run_dir\" artifacts/k6\n";
    assert!(guide.contains(comment));
    edit("ops/load/scripts/run-suite.sh", &|t| {
        t.replacen("mkdir -p \"$run_dir\" artifacts/k6\n", comment, 1)
    });
    // One that suppresses nothing is reported.
    let script = "ops/k8s/scripts/collect-events.sh";
    let before = std::fs::read_to_string(root.join(script)).unwrap();
    edit(script, &|t| {
        let (first, rest) = t.split_at(t.match_indices('\n').nth(1).unwrap().0 + 1);
        format!("{first}# ops-check: ignore[LAY004] nothing to suppress here\n{rest}")
    });
    let (_, out, _) = run(at().args(["check", "--select", "LAY004", "--format", "concise"]));
    let unused = out.lines().find(|l| l.contains("OPS003")).unwrap();
    quoted(unused);
    std::fs::write(root.join(script), before).unwrap();

    // 4. The baseline, named in the config.
    let (code, _, err) = run(at().args(["baseline", "write"]));
    assert_eq!(code, 0, "{err}");
    quoted(&err);
    edit("ops-check.toml", &|t| {
        format!("baseline = \"ops-check-baseline.json\"\n\n{t}")
    });
    let (code, out, err) = run(at().arg("check"));
    assert_eq!(code, 0, "{err}");
    quoted(&out);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "adopt ops-check"]);

    // 5. A pull request gated on what it changes.
    git(root, &["checkout", "-q", "-b", "feature"]);
    std::fs::create_dir_all(root.join("ops/misc")).unwrap();
    std::fs::write(root.join("ops/misc/todo.txt"), "notes\n").unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "misc"]);
    let (code, out, err) = run(at().args(["check", "--changed-since", "main"]));
    assert_eq!(code, 1, "{err}");
    quoted(&out);
    git(root, &["checkout", "-q", "main"]);

    // 6. Burning down: a fix leaves a stale entry, --prune removes it.
    git(
        root,
        &[
            "mv",
            "ops/k8s/values/staging-old.yaml",
            "ops/k8s/values/staging-eu.yaml",
        ],
    );
    let (code, out, _) = run(at().args(["check", "--strict-baseline"]));
    assert_eq!(code, 1, "{out}");
    let (findings, _summary) = out.split_once("\n\n").unwrap();
    quoted(findings);
    let (code, _, err) = run(at().args(["baseline", "write", "--prune"]));
    assert_eq!(code, 0, "{err}");
    quoted(&err);
    let (code, out, _) = run(at().args(["check", "--strict-baseline"]));
    assert_eq!(code, 0, "{out}");
}
