use super::*;
use ops_model::Severity;
use ops_model::contract::PathGlobs;

static A: RuleMeta = RuleMeta {
    code: "TST001",
    slug: "aaa",
    clause: "t",
    severity: Severity::Error,
    summary: "t",
    explanation: "t",
    budgets: &[],
};
static B: RuleMeta = RuleMeta {
    code: "TST002",
    slug: "bbb",
    clause: "t",
    severity: Severity::Error,
    summary: "t",
    explanation: "t",
    budgets: &[],
};

fn directive(line: u32, scope: Scope, selectors: &[&str]) -> Directive {
    Directive {
        line,
        column: 1,
        scope,
        selectors: selectors.iter().map(|s| (*s).to_string()).collect(),
        reason: format!("reason {line}"),
    }
}

fn entry(paths: &[&str], rules: &[&str]) -> Suppression {
    let paths: Vec<String> = paths.iter().map(|p| (*p).to_string()).collect();
    Suppression {
        paths: PathGlobs::new(&paths).unwrap_or_default(),
        rules: rules.iter().map(|r| (*r).to_string()).collect(),
        reason: "vendored".into(),
    }
}

fn run(
    findings: Vec<Finding>,
    inline: Vec<(RepoPath, Vec<Directive>)>,
    config: &[Suppression],
    ran: &[&'static RuleMeta],
) -> Outcome {
    let cx = Context {
        known: &[&A, &B],
        ran,
        config,
        config_path: Some(RepoPath::new("ops-check.toml")),
        config_lines: config
            .iter()
            .enumerate()
            .map(|(i, _)| Some(10 + i as u32))
            .collect(),
    };
    apply(findings, inline, &cx)
}

fn lines(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {}:{:?} {}",
                f.code,
                f.path,
                f.span.map(|s| s.line),
                f.display_message()
            )
        })
        .collect()
}

#[test]
fn comments_suppress_their_lines_and_files_and_leave_the_rest() {
    let mut repeated = Finding::new(&A, "x.sh", "dup").at_line(3);
    repeated.positions = vec![Span::line(3), Span::line(7), Span::line(9)];
    let out = run(
        vec![
            repeated,
            Finding::new(&B, "x.sh", "b").at_line(7),
            Finding::new(&A, "y.sh", "whole file"),
        ],
        vec![
            (
                RepoPath::new("x.sh"),
                vec![directive(6, Scope::Lines(7, 7), &["aaa", "TST002"])],
            ),
            (
                RepoPath::new("y.sh"),
                vec![directive(1, Scope::File, &["TST"])],
            ),
        ],
        &[],
        &[&A, &B],
    );
    assert_eq!(
        lines(&out.kept),
        ["TST001 x.sh:Some(3) dup (2 occurrences: lines 3, 9)"]
    );
    let suppressed: Vec<String> = out
        .suppressed
        .iter()
        .map(|(f, info)| {
            format!(
                "{} {}:{:?} {}",
                f.code,
                f.path,
                f.span.map(|s| s.line),
                info.reason
            )
        })
        .collect();
    assert_eq!(
        suppressed,
        [
            "TST001 x.sh:Some(7) reason 6",
            "TST002 x.sh:Some(7) reason 6",
            "TST001 y.sh:None reason 1",
        ]
    );
    assert!(out.diagnostics.is_empty(), "{:?}", lines(&out.diagnostics));
}

#[test]
fn config_entries_suppress_by_path_and_rule() {
    let out = run(
        vec![
            Finding::new(&A, "ops/vendor/a.sh", "a"),
            Finding::new(&A, "ops/vendor", "the directory"),
            Finding::new(&B, "ops/vendor/a.sh", "b"),
            Finding::new(&A, "ops/k8s/a.sh", "elsewhere"),
        ],
        Vec::new(),
        &[entry(&["ops/vendor/**"], &["TST001"])],
        &[&A, &B],
    );
    assert_eq!(
        lines(&out.kept),
        [
            "TST002 ops/vendor/a.sh:None b",
            "TST001 ops/k8s/a.sh:None elsewhere"
        ]
    );
    assert_eq!(out.suppressed.len(), 2);
    let info = &out.suppressed[0].1;
    assert_eq!(info.kind, SuppressionKind::Config);
    assert_eq!(
        (info.path.as_ref().map(|p| p.as_str()), info.line),
        (Some("ops-check.toml"), Some(10))
    );
}

#[test]
fn unused_and_unknown_suppressions_are_reported_when_judged() {
    let out = run(
        vec![Finding::new(&A, "x.sh", "a").at_line(2)],
        vec![(
            RepoPath::new("x.sh"),
            vec![
                directive(1, Scope::Lines(2, 2), &["TST001", "TST002"]),
                directive(5, Scope::Lines(6, 6), &["TST9"]),
            ],
        )],
        &[
            entry(&["nothing/**"], &["TST001"]),
            entry(&["x.sh"], &["TST002"]),
        ],
        &[&A],
    );
    assert_eq!(out.suppressed.len(), 1);
    // TST002 did not run: neither its comment selector nor its entry is judged.
    assert_eq!(
        lines(&out.diagnostics),
        [
            "OPS004 x.sh:Some(5) `TST9` in a suppression is not a rule code, name or group prefix; did you mean `TST001`?",
            "OPS003 ops-check.toml:Some(10) [[suppress]] entry 1 (paths `nothing/**`) suppresses nothing for `TST001`",
        ]
    );
    let out = run(
        Vec::new(),
        vec![(
            RepoPath::new("x.sh"),
            vec![directive(1, Scope::Lines(2, 2), &["TST001"])],
        )],
        &[],
        &[&A],
    );
    assert_eq!(
        lines(&out.diagnostics),
        [
            "OPS003 x.sh:Some(1) suppression of `TST001` suppresses nothing: no such finding on line 2"
        ]
    );
}
