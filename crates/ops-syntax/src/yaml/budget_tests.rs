//! Budgets (input size, nesting depth, alias expansion) and never-panic properties.

use std::time::{Duration, Instant};

use ops_model::{Severity, Span};
use proptest::prelude::*;

use super::*;

fn one(text: &str) -> YamlDocument {
    let mut docs = read_yaml(text).unwrap();
    assert_eq!(docs.len(), 1, "{text}");
    docs.remove(0)
}

#[test]
fn billion_laughs_ends_quickly_with_a_budget_warning() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let list = vec![format!("*{}", w[0]); 9].join(",");
        text.push_str(&format!("{}: &{} [{list}]\n", w[1], w[1]));
    }
    let started = Instant::now();
    let doc = one(&text);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(doc.value, None);
    let budget: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.budget_name().is_some())
        .collect();
    assert_eq!(budget.len(), 1, "{:?}", doc.diagnostics);
    assert_eq!(budget[0].budget_name(), Some("alias expansion"));
    assert_eq!(budget[0].severity, Severity::Warning);
    assert!(
        budget[0]
            .message
            .contains("alias expansion budget (200000 nodes)")
    );
    // The alias where the budget ran out (line 6, the first `*d` of `e`).
    assert_eq!(budget[0].span.line, 6);
    assert!(!doc.root.is_known());
}

#[test]
fn deep_nesting_is_unknown_past_the_depth_budget() {
    // Block sequences nested on one line: `- - - ... x`.
    let text = format!("{}x\n", "- ".repeat(5000));
    let doc = one(&text);
    assert_eq!(doc.value, None);
    assert_eq!(doc.diagnostics.len(), 1);
    assert_eq!(doc.diagnostics[0].budget_name(), Some("nesting depth"));
    assert_eq!(doc.diagnostics[0].span, Span::new(1, 257));
    assert!(doc.root.height() <= YamlLimits::default().max_depth + 1);
    // Flow collections past the parser's own limit are a syntax error, not a hang.
    assert!(read_yaml(&"[".repeat(100_000)).is_err());
    // An alias that would nest past the budget is unknown too.
    let deep = format!(
        "a: &a {}1{}\nb: {}*a{}\n",
        "[".repeat(100),
        "]".repeat(100),
        "[".repeat(100),
        "]".repeat(100)
    );
    let doc = one(&deep);
    assert_eq!(doc.diagnostics[0].budget_name(), Some("nesting depth"));
    assert_eq!(doc.value, None);
}

#[test]
fn input_size_budget() {
    let text = "a: b\n".repeat(YamlLimits::default().max_input_bytes / 5 + 1);
    let doc = one(&text);
    assert_eq!(doc.value, None);
    assert_eq!(doc.diagnostics[0].budget_name(), Some("input size"));
}

fn check_never_panics(text: &str) {
    if let Ok(docs) = read_yaml(text) {
        for doc in &docs {
            let _ = doc.position("/0/a");
            let _ = doc.root.key_text();
            walk(&doc.root);
        }
    }
}

fn walk(node: &Node) {
    match &node.kind {
        NodeKind::Scalar(s) => {
            for i in 0..=s.text.len() + 1 {
                let _ = s.span_at(i);
            }
        }
        NodeKind::Sequence(items) => items.iter().for_each(walk),
        NodeKind::Mapping(entries) => entries.iter().for_each(|e| {
            walk(&e.key);
            walk(&e.value);
        }),
        NodeKind::Unknown => {}
    }
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        check_never_panics(&text);
    }

    #[test]
    fn never_panics_on_yaml_like_text(
        text in proptest::collection::vec(
            prop_oneof![
                Just("a: "), Just("- "), Just("\n"), Just("  "), Just("|"), Just(">-"), Just("&x "),
                Just("*x"), Just("<<: "), Just("["), Just("]"), Just("{"), Just("}"), Just(", "),
                Just("'"), Just("\""), Just("\\"), Just("!!str "), Just("# c"), Just("---\n"),
                Just("é"), Just("\t"), Just("?"), Just("x"), Just("1.5"), Just("\r\n"),
            ],
            0..60,
        ).prop_map(|v| v.concat())
    ) {
        check_never_panics(&text);
    }
}

/// Inputs that stress a YAML parser or loader, each about 200 kB: each must be read (or
/// refused) well within what a linear reader needs (generous, for debug builds on a loaded
/// machine). Release timings of 4x larger inputs scale ~4x (see the commit message).
#[test]
fn pathological_inputs_end_quickly() {
    let n = 200_000;
    let cases = [
        ("one long plain scalar", format!("a: {}\n", "x".repeat(n))),
        ("an unclosed quote", format!("a: \"{}", "x ".repeat(n / 2))),
        (
            "many keys",
            (0..n / 10).map(|i| format!("k{i}: v\n")).collect(),
        ),
        (
            "many anchors and aliases",
            (0..n / 20)
                .map(|i| format!("- &a{i} x\n- *a{i}\n"))
                .collect(),
        ),
        ("nested anchors", format!("{}1{}", "- &a ".repeat(100), "")),
        ("a wide flow sequence", format!("[{}]", "1, ".repeat(n / 3))),
        ("many documents", "--- a\n".repeat(n / 6)),
        (
            "a long folded block",
            format!("a: >\n{}", "  word word\n".repeat(n / 12)),
        ),
    ];
    for (name, text) in cases {
        let started = Instant::now();
        let _ = read_yaml(&text);
        let took = started.elapsed();
        assert!(took < Duration::from_secs(20), "{name}: {took:?}");
    }
}
