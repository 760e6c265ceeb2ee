use super::*;
use ops_model::testing::TestRepo;

fn reasons(name: &str) -> Vec<String> {
    offending_tokens(&Contract::default(), name)
        .iter()
        .map(Reason::describe)
        .collect()
}

#[test]
fn tokenizes_on_punctuation_and_case() {
    assert_eq!(
        tokens("newDeploy-v2_HTTPServer.k8s.yaml"),
        ["new", "deploy", "v2", "http", "server", "k8s", "yaml"]
    );
    assert_eq!(
        tokens("run-20240101T120000.json"),
        ["run", "20240101", "t120000", "json"]
    );
    assert_eq!(tokens("step1.sh"), ["step1", "sh"]);
}

#[test]
fn whole_tokens_only() {
    for fine in [
        "newsletter.json",
        "template.yaml",
        "oldest-first.sh",
        "temperature.json",
        "copyright.toml",
        "k8s-1.29.yaml",
        "load-2000rps.json",
        "stepper.py",
        "backups-policy.yaml",
    ] {
        assert_eq!(reasons(fine), Vec::<String>::new(), "{fine}");
    }
}

#[test]
fn temporal_words_dates_and_sequencing_are_named() {
    assert_eq!(
        reasons("deploy-old.sh"),
        ["`old` is a temporal or task word"]
    );
    assert_eq!(
        reasons("newDeploy.sh"),
        ["`new` is a temporal or task word"]
    );
    assert_eq!(
        reasons("values.FINAL.yaml"),
        ["`final` is a temporal or task word"]
    );
    assert_eq!(reasons("tmp2.json"), ["`tmp2` is a temporal or task word"]);
    assert_eq!(
        reasons("deploy.sh.bak"),
        ["`bak` is a temporal or task word"]
    );
    assert_eq!(
        reasons("smoke-2024-01-01.json"),
        ["`2024` looks like a date"]
    );
    assert_eq!(
        reasons("baseline_20240101.json"),
        ["`20240101` looks like a date"]
    );
    assert_eq!(reasons("step1-setup.sh"), ["`step1` is step numbering"]);
    assert_eq!(reasons("phase-2-load.sh"), ["`phase-2` is step numbering"]);
    assert_eq!(reasons("Stage3.py"), ["`stage3` is step numbering"]);
    assert_eq!(
        reasons("wip-step2.sh"),
        [
            "`wip` is a temporal or task word",
            "`step2` is step numbering"
        ]
    );
    assert!(!is_date("1969"));
    assert!(!is_date("202413"));
    assert!(is_date("202412"));
}

#[test]
fn only_scripts_and_manifests_under_ops_are_judged() {
    let repo = TestRepo::new()
        .file("ops/k8s/scripts/render-chart.sh", "")
        .file("ops/k8s/notes-old.md", "")
        .file("ops/_artifacts/run-2024-01-01/report.json", "")
        .file("ops/_artifacts/backup-2024.json", "")
        .file("scripts/deploy-old.sh", "")
        .file("ops/old/deploy.sh", "");
    assert!(repo.context().run(&TemporalName).is_empty());
}

#[test]
fn findings_name_file_and_tokens() {
    let repo = TestRepo::new()
        .file("ops/k8s/scripts/deploy-new.sh", "")
        .file("ops/load/baselines/smoke-2024-01-01.json", "");
    let findings = repo.context().run(&TemporalName);
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0].path.as_str(), "ops/k8s/scripts/deploy-new.sh");
    assert_eq!(
        findings[0].message,
        "the name `deploy-new.sh` is not a durable noun: `new` is a temporal or task word"
    );
    assert_eq!(
        findings[0].help.as_deref(),
        Some("rename it after what it holds or does, without `new`; git keeps the history")
    );
    assert!(findings[1].message.contains("`2024` looks like a date"));
}

/// Legacy N35: `backup` and `copy` name features as often as copies. They are
/// reported only when the original sits next to the copy.
#[test]
fn copy_words_need_the_original_beside_them() {
    let repo = TestRepo::new()
        .file("ops/stack/tests/test_backup_restore.sh", "")
        .file("ops/stack/scripts/backup.sh", "")
        .file("ops/stack/k8s/pg-backup.yaml", "")
        .file("ops/load/scripts/copy-assets.sh", "")
        .file("ops/k8s/scripts/deploy.sh", "")
        .file("ops/k8s/scripts/deploy-backup.sh", "")
        .file("ops/k8s/values/prod.yaml", "")
        .file("ops/k8s/values/prodCopy.yaml", "")
        .file("ops/k8s/values/prod.yaml.bak", "");
    assert_eq!(
        repo.context().run_lines(&TemporalName),
        [
            "ops/k8s/scripts/deploy-backup.sh: the name `deploy-backup.sh` is not a durable noun: `backup` is a temporal or task word (a copy of `deploy.sh`)",
            "ops/k8s/values/prod.yaml.bak: the name `prod.yaml.bak` is not a durable noun: `bak` is a temporal or task word",
            "ops/k8s/values/prodCopy.yaml: the name `prodCopy.yaml` is not a durable noun: `copy` is a temporal or task word (a copy of `prod.yaml`)",
        ]
    );
}

#[test]
fn word_list_is_configurable() {
    let repo = TestRepo::new()
        .file("ops/k8s/deploy-legacy.sh", "")
        .file("ops/k8s/deploy-canary.sh", "");
    let mut contract = Contract::default();
    contract.layout.temporal_words = vec!["canary".into()];
    assert_eq!(
        repo.context_with(contract).run_lines(&TemporalName),
        [
            "ops/k8s/deploy-canary.sh: the name `deploy-canary.sh` is not a durable noun: `canary` is a temporal or task word"
        ]
    );
}

proptest::proptest! {
    /// A name the one-pass check lets go has no offending token.
    #[test]
    fn names_let_go_have_no_offending_token(name in "[a-zA-Z0-9._-]{0,14}|(new|Old|tmp|step|v|2024|0101|[A-Z]|-|[a-z]){0,6}") {
        let contract = Contract::default();
        if !Words::new(&contract).may_offend(&name) {
            proptest::prop_assert!(offending_tokens(&contract, &name).is_empty(), "{name}");
        }
    }
}

#[test]
fn the_one_pass_check_sees_words_in_any_case_and_dates() {
    let words = Words::new(&Contract::default());
    for name in [
        "deployNEW.sh",
        "Step-2.sh",
        "run-2024.json",
        "x.Tmp.yaml",
        "é.sh",
    ] {
        assert!(words.may_offend(name), "{name}");
    }
    for name in ["deploy.sh", "k8s-values.yaml", "v123.json"] {
        assert!(!words.may_offend(name), "{name}");
    }
}
