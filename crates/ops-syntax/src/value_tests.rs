use super::*;

#[test]
fn concatenation_merges_and_collapses() {
    let mut v = StaticValue::anchored(Anchor::Root, "/artifacts/");
    v.push_unknown();
    v.push_unknown();
    v.push_text("/x");
    v.push_text(".json");
    assert_eq!(v.to_string(), "$ROOT/artifacts/…/x.json");
    assert_eq!(v.parts.len(), 3);
    assert_eq!(v.known_prefix(), "/artifacts/");
    assert!(!v.is_known());
}

#[test]
fn an_anchor_in_the_middle_is_unknown() {
    let mut v = StaticValue::text("pre");
    v.push(StaticValue::anchored(Anchor::Root, "/x"));
    assert_eq!(v.to_string(), "pre…/x");
    let mut e = StaticValue::empty();
    e.push(StaticValue::anchored(Anchor::ScriptDir, "/y"));
    assert_eq!(e, StaticValue::anchored(Anchor::ScriptDir, "/y"));
}

#[test]
fn marked_text_round_trips() {
    let mut v = StaticValue::text("a/");
    v.push_unknown();
    v.push_text("/b");
    let marked = v.to_marked_text("$(ROOT)", "$(DIR)");
    assert_eq!(marked, "a/\u{FFFC}/b");
    assert_eq!(StaticValue::from_marked_text(&marked), v);
    let r = StaticValue::anchored(Anchor::Root, "/x");
    assert_eq!(r.to_marked_text("$(ROOT)", ""), "$(ROOT)/x");
}

#[test]
fn known_values() {
    assert_eq!(StaticValue::text("a").as_known().as_deref(), Some("a"));
    assert!(StaticValue::unknown().is_unknown());
    assert_eq!(StaticValue::unknown().as_known(), None);
}

#[test]
fn unknown_mark_found_through_its_first_byte() {
    let mut buf = [0u8; 4];
    assert_eq!(UNKNOWN_MARK.encode_utf8(&mut buf).as_bytes()[0], 0xEF);
    for text in ["", "a", "a\u{FFFC}b", "\u{FFFD}", "\u{F000}x", "\u{FFFC}"] {
        assert_eq!(
            has_unknown_mark(text),
            text.contains(UNKNOWN_MARK),
            "{text:?}"
        );
    }
}
