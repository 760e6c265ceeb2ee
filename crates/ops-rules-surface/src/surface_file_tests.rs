use super::*;

fn decl(text: &str) -> (SurfaceDecl, Vec<FileProblem>) {
    let value: Value = serde_json::from_str(text).unwrap();
    parse(&RepoPath::new("s.json"), text, &value).unwrap()
}

fn names(d: &SurfaceDecl) -> Vec<(&str, u32)> {
    d.entrypoints
        .iter()
        .map(|e| (e.name.as_str(), e.line))
        .collect()
}

#[test]
fn entrypoints_and_deprecations_keep_their_lines() {
    let text = "{\n  \"deprecated\": [\n    {\"target\": \"ops-old\", \"since\": \"1.1.0\", \"replacement\": \"ops-up\"}\n  ],\n  \"entrypoints\": [\n    \"ops-old\",\n    \"ops-up\"\n  ]\n}\n";
    let (d, problems) = decl(text);
    assert!(problems.is_empty());
    assert_eq!(names(&d), [("ops-old", 6), ("ops-up", 7)]);
    assert_eq!(d.deprecated[0].line, 3);
    assert_eq!(d.deprecated[0].replacement.as_deref(), Some("ops-up"));
    assert!(d.is_deprecated("ops-old") && !d.is_deprecated("ops-up"));
    assert!(d.is_canonical("ops-up") && !d.is_canonical("ops-old"));
}

/// Issue item 18: the shapes real repositories use.
#[test]
fn object_entries_schema_version_2_and_extra_keys_are_read() {
    let text = "{\n  \"schema_version\": 2,\n  \"owner\": \"team\",\n  \"description\": \"the ops-up target and ops-down\",\n  \"entrypoints\": [\n    {\n      \"domain\": \"stack\",\n      \"description\": \"Start: \\\"ops-up\\\"\",\n      \"name\": \"ops-up\",\n      \"env\": [{\"name\": \"PROFILE\"}]\n    },\n    \"ops-down\",\n    {\"name\": \"ops-k8s\", \"since\": \"0.3.0\"}\n  ],\n  \"deprecated\": [\"ops-down\"]\n}\n";
    let (d, problems) = decl(text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        names(&d),
        [("ops-up", 9), ("ops-down", 12), ("ops-k8s", 13)]
    );
    assert_eq!(d.deprecated[0].target, "ops-down");
    assert_eq!(d.deprecated[0].line, 15);
    assert_eq!(d.entrypoint("ops-k8s").map(|e| e.line), Some(13));
}

#[test]
fn duplicates_get_distinct_lines_and_bad_items_are_problems() {
    let (d, problems) =
        decl("{\"entrypoints\": [\n\"ops-a\",\n3,\n{\"domain\": \"x\"},\n\"ops-a\"]}");
    assert_eq!(names(&d), [("ops-a", 2), ("ops-a", 5)]);
    assert_eq!(d.entrypoint("ops-a").map(|e| e.line), Some(2));
    assert_eq!(problems.len(), 2);
    assert!(problems[0].message.contains("entrypoints[1]"));
}

#[test]
fn wrong_shapes_are_errors() {
    for text in ["[]", "{}", "{\"entrypoints\": 1}"] {
        let value: Value = serde_json::from_str(text).unwrap();
        assert!(
            parse(&RepoPath::new("s.json"), text, &value).is_err(),
            "{text}"
        );
    }
}

#[test]
fn names_written_with_escapes_keep_the_cursor_line() {
    let (d, _) = decl("{\"entrypoints\": [\n\"ops\\u002dup\",\n\"ops-down\"]}");
    assert_eq!(names(&d), [("ops-up", 1), ("ops-down", 3)]);
}

/// A name with a character JSON must escape is looked for as JSON writes it.
#[test]
fn names_that_must_be_escaped_are_found_escaped() {
    let (d, _) = decl("{\"entrypoints\": [\n\"ops-a\",\n\"ops-\\\"q\\\"\",\n\"ops-t\\tab\"]}");
    assert_eq!(
        names(&d),
        [("ops-a", 2), ("ops-\"q\"", 3), ("ops-t\tab", 4)]
    );
}

/// Lines stay right over a long file (reading is one pass: the cursor counts lines as it
/// moves; the release-build timing of 200,000 entrypoints is in the commit message).
#[test]
fn a_large_surface_is_read_in_one_pass() {
    let n = 20_000;
    let mut text = String::from("{\"schema_version\": 2, \"entrypoints\": [\n");
    for i in 0..n {
        text.push_str(&format!(
            "  {{\"name\": \"ops-t{i}\", \"domain\": \"d\"}},\n"
        ));
    }
    text.push_str("  \"ops-last\"\n]}\n");
    let value: Value = serde_json::from_str(&text).unwrap();
    let (d, _) = parse(&RepoPath::new("s.json"), &text, &value).unwrap();
    assert_eq!(d.entrypoints.len(), n + 1);
    assert_eq!(d.entrypoint("ops-t19999").map(|e| e.line), Some(20_001));
    assert_eq!(d.entrypoint("ops-last").map(|e| e.line), Some(20_002));
}

/// Names are found past the byte scan's window too, and a name is never taken from inside a
/// longer string or an unquoted mention.
#[test]
fn names_far_apart_and_near_misses_are_told_apart() {
    let gap = "x".repeat(NEAR * 2);
    let text = format!(
        "{{\"entrypoints\": [\n{{\"description\": \"ops-a and ops-b {gap}\",\n\"alias\": \"ops-a-2\",\n\"name\": \"ops-a\"}},\n{{\"description\": \"{gap}\\\"ops-b\\\"\",\n\"name\": \"ops-b\"}}]}}"
    );
    let (d, problems) = decl(&text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(names(&d), [("ops-a", 4), ("ops-b", 6)]);
}

/// A plain string entry is not found at a longer string that starts with it.
#[test]
fn a_name_is_not_found_inside_a_longer_string() {
    let (d, problems) =
        decl("{\"entrypoints\": [\n{\"name\": \"ops-x\",\n\"note\": \"ops-a-2\"},\n\"ops-a\"]}");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(names(&d), [("ops-x", 2), ("ops-a", 4)]);
}
