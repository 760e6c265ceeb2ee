use super::*;

fn scopes(text: &str, syntax: Syntax) -> Vec<(u32, Scope, Vec<String>, String)> {
    let (directives, malformed) = parse(text, syntax);
    assert!(malformed.is_empty(), "{malformed:?}");
    directives
        .into_iter()
        .map(|d| (d.line, d.scope, d.selectors, d.reason))
        .collect()
}

#[test]
fn hash_comments_cover_their_line_the_next_or_the_file() {
    let text = "a=1\n# ops-check: ignore[LAY004] vendored\nsource x  # ops-check: ignore[SUR004, LAY] old: kept\n## ops-check: ignore-file[LAY007] - names from upstream\n";
    assert_eq!(
        scopes(text, Syntax::Hash),
        [
            (
                2,
                Scope::Lines(3, 3),
                vec!["LAY004".into()],
                "vendored".into()
            ),
            (
                3,
                Scope::Lines(3, 3),
                vec!["SUR004".into(), "LAY".into()],
                "old: kept".into()
            ),
            (
                4,
                Scope::File,
                vec!["LAY007".into()],
                "names from upstream".into()
            ),
        ]
    );
}

#[test]
fn stacked_comments_cover_the_line_below_them() {
    let text = "# ops-check: ignore[A001] a\n  # ops-check: ignore[B001] b\nx\n";
    let got: Vec<Scope> = scopes(text, Syntax::Hash)
        .into_iter()
        .map(|d| d.1)
        .collect();
    assert_eq!(got, [Scope::Lines(3, 3), Scope::Lines(3, 3)]);
}

#[test]
fn html_comments_in_markdown() {
    let text = "# Title\n<!-- ops-check: ignore[SUR004] documents the old entrypoint -->\nRun: `bash ops/x.sh` <!-- ops-check:ignore[SUR004] on purpose -->\n";
    assert_eq!(
        scopes(text, Syntax::Html),
        [
            (
                2,
                Scope::Lines(3, 3),
                vec!["SUR004".into()],
                "documents the old entrypoint".into()
            ),
            (
                3,
                Scope::Lines(3, 3),
                vec!["SUR004".into()],
                "on purpose".into()
            ),
        ]
    );
    // Above a fenced code block, the comment covers the block.
    let text = "<!-- ops-check: ignore[SUR004] old docs -->\n```sh\nbash ops/x.sh\n```\nafter\n";
    assert_eq!(scopes(text, Syntax::Html)[0].1, Scope::Lines(2, 4));
    let text = "<!-- ops-check: ignore[SUR004] old docs -->\n~~~~\nx\n```\n";
    assert_eq!(scopes(text, Syntax::Html)[0].1, Scope::Lines(2, 4));
    // `#` is a heading in Markdown, not a comment.
    assert!(scopes("# ops-check: ignore[X001] r\n", Syntax::Html).is_empty());
}

#[test]
fn malformed_comments_are_reported_with_their_position() {
    let (d, bad) = parse(
        "# ops-check: ignore[LAY004]\nx # ops-check: disable[LAY004] r\n# ops-check: ignore[] r\n# ops-check: ignore LAY004 r\n# ops-check: ignore[LAY004 r\n",
        Syntax::Hash,
    );
    assert!(d.is_empty());
    let got: Vec<(u32, u32, &str)> = bad
        .iter()
        .map(|m| (m.line, m.column, m.message.as_str()))
        .collect();
    assert_eq!(got.len(), 5, "{got:?}");
    assert_eq!((got[0].0, got[0].1), (1, 3));
    assert!(got[0].2.contains("gives no reason"), "{got:?}");
    assert_eq!((got[1].0, got[1].1), (2, 5));
    assert!(got[1].2.contains("unknown directive `disable`"), "{got:?}");
    assert!(got[2].2.contains("names no rule"), "{got:?}");
    assert!(got[3].2.contains("is not a suppression"), "{got:?}");
    assert!(got[4].2.contains("not closed"), "{got:?}");
    let (_, bad) = parse("<!-- ops-check: ignore[X001] r\n", Syntax::Html);
    assert!(bad[0].message.contains("-->"), "{bad:?}");
}

#[test]
fn other_mentions_are_not_suppressions() {
    let text = "echo 'see ops-check: docs'\n# run ops-check: it is fast\n";
    let (d, bad) = parse(text, Syntax::Hash);
    assert!(d.is_empty() && bad.is_empty());
}

#[test]
fn kinds_with_comments() {
    assert_eq!(syntax(FileKind::Workflow), Some(Syntax::Hash));
    assert_eq!(syntax(FileKind::Markdown), Some(Syntax::Html));
    assert_eq!(syntax(FileKind::Json), None);
}
