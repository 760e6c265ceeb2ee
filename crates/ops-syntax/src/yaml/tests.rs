//! Conversion, merge keys, scalars and positions.

use ops_model::{Severity, Span};
use serde_json::json;

use super::*;
use crate::diagnostic::DiagnosticKind;

fn one(text: &str) -> YamlDocument {
    let mut docs = read_yaml(text).unwrap();
    assert_eq!(docs.len(), 1, "{text}");
    docs.remove(0)
}

fn value(text: &str) -> Value {
    one(text).value.unwrap()
}

#[test]
fn converts_and_positions_nodes() {
    let text = "name: smoke\nsuites:\n  - vus: 2\n    tags: [a, b]\n  - vus: x\n";
    let doc = one(text);
    assert_eq!(
        doc.value,
        Some(json!({"name": "smoke", "suites": [{"vus": 2, "tags": ["a", "b"]}, {"vus": "x"}]}))
    );
    let p = doc.position("/suites/1/vus").unwrap();
    assert_eq!(p.value, Span::new(5, 10));
    assert_eq!(p.key, Some(Span::new(5, 5)));
    assert_eq!(
        doc.position("/suites/0/tags/1").unwrap().value,
        Span::new(4, 15)
    );
    assert_eq!(
        doc.position("/suites/1").unwrap().key,
        Some(Span::new(5, 5))
    );
    assert_eq!(
        doc.position("").unwrap(),
        NodePosition {
            key: None,
            value: Span::new(1, 1)
        }
    );
    assert_eq!(doc.position("/nope"), None);
    assert_eq!(doc.position("/suites/7"), None);
    assert_eq!(
        doc.node("/suites/0/vus")
            .and_then(|n| n.as_scalar())
            .map(|s| s.value),
        Some(ScalarValue::Int(2))
    );
}

#[test]
fn syntax_errors_have_positions() {
    let err = read_yaml("a: 1\nb: [1, 2\n").unwrap_err();
    assert!(err.span.line >= 2, "{err:?}");
    let err = read_yaml("{{ if .x }}\n$schema: urn:x\n").unwrap_err();
    assert_eq!(err.span, Span::new(2, 1));
    assert_eq!(
        err.to_string(),
        "did not find expected <document start> at 2:1"
    );
    assert!(read_yaml("a: *nowhere\n").is_err());
}

#[test]
fn pointer_tokens_are_escaped_and_keys_rendered() {
    let doc = one("a/b: 1\n\"t~x\": 2\n3: three\ntrue: t\n~: n\n1.5: f\n0x10: h\n[1, 2]: s\n");
    assert!(doc.position("/a~1b").is_some());
    assert!(doc.position("/t~0x").is_some());
    assert_eq!(
        doc.value,
        Some(
            json!({"a/b": 1, "t~x": 2, "3": "three", "true": "t", "null": "n", "1.5": "f", "16": "h", "[1,2]": "s"})
        )
    );
    let lossy: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::Lossy)
        .collect();
    assert_eq!(lossy.len(), 1);
    assert_eq!(lossy[0].span, Span::new(8, 1));
}

#[test]
fn anchors_expand_and_documents_split() {
    let docs = read_yaml("base: &b {x: 1}\nuse: *b\n---\nk: v\n...\n---\n").unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!(
        docs[0].value,
        Some(json!({"base": {"x": 1}, "use": {"x": 1}}))
    );
    // The copy starts at the alias; inside it, positions are where the anchor wrote them.
    assert_eq!(docs[0].position("/use").unwrap().value, Span::new(2, 6));
    assert_eq!(docs[0].position("/use/x").unwrap().value, Span::new(1, 14));
    assert_eq!(docs[1].value, Some(json!({"k": "v"})));
    assert_eq!(docs[2].value, Some(Value::Null));
    assert!(read_yaml("").unwrap().is_empty());
    assert!(read_yaml("# only a comment\n").unwrap().is_empty());
}

#[test]
fn smoke_suite_merge_key() {
    // Input 7 of the issue: the second scenario merges the first and overrides two keys.
    let text = "schema_version: 1\nname: smoke\nscenarios:\n  - &health\n    name: health\n    vus: 1\n    duration: 30s\n  - <<: *health\n    name: health-burst\n    vus: 5\n";
    let doc = one(text);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_eq!(
        doc.value.as_ref().unwrap()["scenarios"],
        json!([
            {"name": "health", "vus": 1, "duration": "30s"},
            {"name": "health-burst", "vus": 5, "duration": "30s"},
        ])
    );
    // Overridden keys are where the second scenario writes them; the merged key is where
    // the anchored scenario writes it (the text to edit to change it).
    let at = |p: &str| doc.position(p).unwrap();
    assert_eq!(at("/scenarios/1/name").key, Some(Span::new(9, 5)));
    assert_eq!(at("/scenarios/1/vus").value, Span::new(10, 10));
    assert_eq!(at("/scenarios/1/duration").key, Some(Span::new(7, 5)));
    assert_eq!(at("/scenarios/1/duration").value, Span::new(7, 15));
    assert_eq!(at("/scenarios/1").value, Span::new(8, 5));
    let second = doc.node("/scenarios/1").unwrap();
    let keys: Vec<_> = second
        .entries()
        .unwrap()
        .iter()
        .map(|e| (e.key.key_text().unwrap(), e.merged))
        .collect();
    assert_eq!(
        keys,
        [
            ("name".into(), false),
            ("vus".into(), false),
            ("duration".into(), true)
        ]
    );
    assert!(second.get("<<").is_none());
}

#[test]
fn merge_precedence_follows_pyyaml() {
    let text = "a: &a {x: a, y: a}\nb: &b {x: b, z: b}\n\
                seq: {<<: [*a, *b]}\n\
                late: {x: own, <<: *a}\n\
                inline: {<<: {k: v}, k: mine}\n\
                twice:\n  <<: *a\n  <<: *b\n\
                quoted: {\"<<\": *a}\n\
                nested: &n {<<: *a, w: 1}\n\
                deep: {<<: *n}\n";
    let v = value(text);
    assert_eq!(v["seq"], json!({"x": "a", "y": "a", "z": "b"}));
    assert_eq!(v["late"], json!({"x": "own", "y": "a"}));
    assert_eq!(v["inline"], json!({"k": "mine"}));
    // Two merge keys: PyYAML merges them in order, the later one winning.
    assert_eq!(v["twice"], json!({"x": "b", "y": "a", "z": "b"}));
    assert_eq!(v["quoted"], json!({"<<": {"x": "a", "y": "a"}}));
    assert_eq!(v["deep"], json!({"x": "a", "y": "a", "w": 1}));
}

#[test]
fn invalid_merge_values_are_errors() {
    let doc = one("a: {<<: 3, b: 1}\nc: {<<: [{x: 1}, 2]}\n");
    let errors: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.span)
        .collect();
    assert_eq!(errors, [Span::new(1, 9), Span::new(2, 18)]);
    assert_eq!(doc.value, Some(json!({"a": {"b": 1}, "c": {"x": 1}})));
}

#[test]
fn duplicate_keys_last_wins_with_a_warning() {
    let doc = one("a: 1\nb: 2\na: 3\n");
    assert_eq!(doc.value, Some(json!({"a": 3, "b": 2})));
    assert_eq!(doc.diagnostics.len(), 1);
    let d = &doc.diagnostics[0];
    assert_eq!(
        (d.kind, d.severity, d.span),
        (
            DiagnosticKind::DuplicateKey,
            Severity::Warning,
            Span::new(3, 1)
        )
    );
    assert!(
        d.message.contains("duplicate key `a` (first at 1:1)"),
        "{}",
        d.message
    );
    // The entry keeps the first place and takes the last value and position.
    let keys: Vec<_> = doc
        .root
        .entries()
        .unwrap()
        .iter()
        .map(|e| e.key.key_text().unwrap())
        .collect();
    assert_eq!(keys, ["a", "b"]);
    assert_eq!(doc.position("/a").unwrap().value, Span::new(3, 4));
    // `1` and `"1"` are the same JSON key.
    assert_eq!(one("1: a\n\"1\": b\n").diagnostics.len(), 1);
}

#[test]
fn yaml_1_2_scalars() {
    let v = value(
        "on: [yes, no, on, off, y, n]\nt: [true, True, FALSE]\nn: [~, null, ]\ni: [0o17, 017, 0x1F, -3]\nf: [1.5, 1e3, .5]\ns: ['12', \"true\", !!str 12, !!int '7', !Ref x, 3.14.4]\n",
    );
    assert_eq!(
        v,
        json!({
            "on": ["yes", "no", "on", "off", "y", "n"],
            "t": [true, true, false],
            "n": [null, null],
            "i": [15, 17, 31, -3],
            "f": [1.5, 1000.0, 0.5],
            "s": ["12", "true", "12", 7, "x", "3.14.4"],
        })
    );
    let doc = one("a: .inf\n");
    assert_eq!(doc.value, None);
    assert_eq!(doc.diagnostics[0].kind, DiagnosticKind::Unrepresentable);
    assert_eq!(doc.diagnostics[0].span, Span::new(1, 4));
    let doc = one("a: !!int x\n");
    assert_eq!(doc.value, Some(json!({"a": "x"})));
    assert_eq!(doc.diagnostics[0].kind, DiagnosticKind::Lossy);
    assert_eq!(
        one("k: !!str 1").root.get("k").unwrap().tag.as_deref(),
        Some("tag:yaml.org,2002:str")
    );
}

/// (text of the value from each piece, line, column) of the scalar at a pointer.
fn pieces(doc: &YamlDocument, pointer: &str) -> Vec<(String, u32, u32)> {
    let s = doc.node(pointer).unwrap().as_scalar().unwrap();
    let mut out: Vec<(String, u32, u32)> = Vec::new();
    for (i, (offset, at)) in s.pieces.iter().enumerate() {
        let end = s.pieces.get(i + 1).map_or(s.text.len(), |p| p.0);
        out.push((s.text[*offset..end].to_string(), at.line, at.column));
    }
    out
}

#[test]
fn multi_line_scalars_map_each_line() {
    let text = "lit: |\n  echo one\n\n  echo three\nfold: >-\n  make a\n  b\n\n  c\n    more\nplain: first\n  second\n   third\nsq: 'it''s\n  here'\ndq: \"a\\tb\n  c\"\nlead: &x !!str |2\n\n    indented\n  ok\n";
    let doc = one(text);
    let lit = doc.node("/lit").unwrap().as_scalar().unwrap();
    assert_eq!(lit.text, "echo one\n\necho three\n");
    assert_eq!(lit.content, Span::new(2, 3));
    assert_eq!(
        pieces(&doc, "/lit"),
        [("echo one\n\n".into(), 2, 3), ("echo three\n".into(), 4, 3)]
    );
    assert_eq!(
        lit.span_at(lit.text.find("three").unwrap()),
        Span::new(4, 8)
    );
    let fold = doc.node("/fold").unwrap().as_scalar().unwrap();
    assert_eq!(fold.text, "make a b\nc\n  more");
    assert_eq!(
        pieces(&doc, "/fold"),
        [
            ("make a ".into(), 6, 3),
            ("b\n".into(), 7, 3),
            ("c\n".into(), 9, 3),
            ("  more".into(), 10, 3)
        ]
    );
    assert_eq!(fold.span_at(fold.text.find('b').unwrap()), Span::new(7, 3));
    assert_eq!(
        pieces(&doc, "/plain"),
        [
            ("first ".into(), 11, 8),
            ("second ".into(), 12, 3),
            ("third".into(), 13, 4)
        ]
    );
    assert_eq!(
        pieces(&doc, "/sq"),
        [("it's ".into(), 14, 6), ("here".into(), 15, 3)]
    );
    let dq = doc.node("/dq").unwrap().as_scalar().unwrap();
    assert_eq!(dq.text, "a\tb c");
    assert_eq!(dq.span_at(dq.text.find('c').unwrap()), Span::new(17, 3));
    let lead = doc.node("/lead").unwrap().as_scalar().unwrap();
    assert_eq!(lead.text, "\n  indented\nok\n");
    assert_eq!(
        lead.span_at(lead.text.find("ok").unwrap()),
        Span::new(21, 3)
    );
    assert_eq!(
        lead.span_at(lead.text.find("indented").unwrap()),
        Span::new(20, 5)
    );
}

#[test]
fn block_scalar_followed_by_an_indented_sibling() {
    let doc = one("a:\n  lit: |\n    x\n      y\n  b: 1\n");
    assert_eq!(
        pieces(&doc, "/a/lit"),
        [("x\n".into(), 3, 5), ("  y\n".into(), 4, 5)]
    );
    assert_eq!(doc.value, Some(json!({"a": {"lit": "x\n  y\n", "b": 1}})));
}

#[test]
fn one_line_scalar_content_positions() {
    let doc = one("a: &q !!str \"x y\"\nc:\n  - 'q'\n");
    let a = doc.node("/a").unwrap().as_scalar().unwrap();
    assert_eq!(a.content, Span::new(1, 14));
    assert!(a.pieces.is_empty());
    assert_eq!(a.span_at(2), Span::new(1, 16));
    assert_eq!(
        doc.node("/c/0").unwrap().as_scalar().unwrap().content,
        Span::new(3, 6)
    );
}

#[test]
fn bom_and_crlf() {
    let doc = one("\u{feff}a: |\r\n  x\r\n  y\r\nb: 1\r\n");
    assert_eq!(doc.value, Some(json!({"a": "x\ny\n", "b": 1})));
    assert_eq!(
        pieces(&doc, "/a"),
        [("x\n".into(), 2, 3), ("y\n".into(), 3, 3)]
    );
}

#[test]
fn all_entries_in_document_order() {
    let doc = one("a:\n  x: 1\n  l: [{y: 2}]\nb: 3\n");
    let keys: Vec<_> = doc
        .root
        .all_entries()
        .iter()
        .map(|e| (e.key.key_text().unwrap(), e.key.span.line))
        .collect();
    assert_eq!(
        keys,
        [
            ("a".into(), 1),
            ("x".into(), 2),
            ("l".into(), 3),
            ("y".into(), 3),
            ("b".into(), 4)
        ]
    );
}

#[test]
fn what_the_schemas_page_reads() {
    // The cases of ops-rules-surface `generated/schemas_doc.rs`: tagged documents, quoted
    // keys, floats, nested claims.
    let docs = read_yaml("$schema: urn:atlas:suite:v1\n---\n!!map {kind: Alerts}\n").unwrap();
    assert_eq!(docs[1].value, Some(json!({"kind": "Alerts"})));
    assert_eq!(docs[1].root.tag.as_deref(), Some("tag:yaml.org,2002:map"));
    assert_eq!(
        value("schema_version: 1.5\n"),
        json!({"schema_version": 1.5})
    );
    assert_eq!(
        value("\"schema_version\": '1'\n"),
        json!({"schema_version": "1"})
    );
    assert_eq!(
        value("meta:\n  schema_version: 1\n")["meta"]["schema_version"],
        1
    );
}
