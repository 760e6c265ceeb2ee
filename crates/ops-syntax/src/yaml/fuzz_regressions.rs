//! Inputs the fuzz targets found (`fuzz/`): each reads without a panic, a hang or a wrong
//! position.

use serde_json::json;

use super::*;

/// Found by the `workflow` fuzz target: two byte order marks before a quoted scalar put a
/// parser marker inside the second BOM; reading must not slice there.
#[test]
fn a_second_byte_order_mark_does_not_panic() {
    let _ = read_yaml("\u{feff}\u{feff}''");
    let _ = read_yaml("\u{feff}\u{feff}'a\n  b'\n");
    let _ = read_yaml("\u{feff}\u{feff}&a !t x: \"y\"\n");
    let _ = crate::workflow::read_workflow("\u{feff}\u{feff}''");
}

/// Found by the `workflow` fuzz target (libFuzzer timeout, 10 s): lines of nested complex
/// keys (`? ? ? ? ...`): 96 bytes, the valid UTF-8 prefix of the artifact (what the target
/// reads). Each level of a collection key nested in a key escaped the quotes of the one
/// inside, so the key text doubled per level (11 s in a debug build). Fixed: key text is
/// written into a buffer bounded by `KEY_TEXT_BUDGET` (4 KiB); a longer key is unknown,
/// with a budget warning.
#[test]
fn fuzz_timeout_bfa33d42_nested_complex_keys_end_quickly() {
    let text = include_str!("fuzz/timeout-bfa33d42.yaml");
    let started = std::time::Instant::now();
    let _ = read_yaml(text);
    let _ = crate::workflow::read_workflow(text);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

/// Found by the `manifest` fuzz target: lone CRs (the old Mac line end) are white space, as in
/// JSON, and line numbers count `\n` only, so every position is a line of the text.
#[test]
fn lone_carriage_returns_are_white_space() {
    let text = "{\n\r\r\r  \"levels\": [\n    {\"name\": \"smoke\"}\n  ]\n}\n";
    let docs = read_yaml(text).unwrap();
    let at = docs[0].position("/levels/0/name").unwrap();
    assert_eq!((at.value.line, at.value.column), (3, 14));
    assert_eq!(docs[0].value, Some(json!({"levels": [{"name": "smoke"}]})));
    // A CR before LF is a line end as before.
    let crlf = read_yaml("a: 1\r\nb: 2\r\n").unwrap();
    assert_eq!(crlf[0].position("/b").unwrap().value.line, 2);
}
