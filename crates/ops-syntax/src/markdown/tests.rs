use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;

/// (line, column, text) of every command line of every shell block.
fn commands(text: &str) -> Vec<(u32, u32, String)> {
    read_markdown(text)
        .code_blocks
        .iter()
        .flat_map(|b| b.commands())
        .map(|l| (l.line, l.column, l.text.into_owned()))
        .collect()
}

#[test]
fn runbook_callout_fence_and_indented_block() {
    // Input 5 of the issue: a fence in a `> [!TIP]` callout and a 4-space indented block.
    let text = "# Runbook\n\
                \n\
                > [!TIP]\n\
                > Bring the stack up with:\n\
                > ```sh\n\
                > bash ops/stack/scripts/stack-up.sh\n\
                > ```\n\
                \n\
                Tear it down:\n\
                \n\
                \x20   bash ops/stack/scripts/stack-down.sh\n";
    let md = read_markdown(text);
    assert_eq!(md.code_blocks.len(), 2);
    let fenced = &md.code_blocks[0];
    assert_eq!(fenced.kind, CodeBlockKind::Fenced);
    assert_eq!(fenced.lang, "sh");
    assert_eq!((fenced.start_line, fenced.end_line), (5, 7));
    assert_eq!(fenced.callout(), Some(Callout::Tip));
    let indented = &md.code_blocks[1];
    assert_eq!(indented.kind, CodeBlockKind::Indented);
    assert_eq!(indented.lang, "");
    assert!(is_shell_lang(&indented.lang));
    assert_eq!(
        commands(text),
        [
            (6, 3, "bash ops/stack/scripts/stack-up.sh".to_string()),
            (11, 5, "bash ops/stack/scripts/stack-down.sh".to_string()),
        ]
    );
}

#[test]
fn blocks_in_list_items_and_nested_quotes() {
    let text = "- step one\n\n  ```bash\n  make ops-up\n  ```\n\n      indented in item\n\n> > ~~~zsh {.x}\n> > echo deep\n> > ~~~\n";
    let md = read_markdown(text);
    let got: Vec<_> = md
        .code_blocks
        .iter()
        .map(|b| (b.lang.to_string(), b.containers.clone(), b.lines.len()))
        .collect();
    assert_eq!(
        got,
        [
            ("bash".into(), vec![Container::ListItem], 1),
            ("".into(), vec![Container::ListItem], 1),
            (
                "zsh".into(),
                vec![Container::BlockQuote(None), Container::BlockQuote(None)],
                1
            ),
        ]
    );
    assert_eq!(md.code_blocks[2].info, "zsh {.x}");
    assert_eq!(
        commands(text),
        [
            (4, 3, "make ops-up".to_string()),
            (7, 7, "indented in item".to_string()),
            (10, 5, "echo deep".to_string()),
        ]
    );
}

#[test]
fn console_blocks_run_only_prompted_lines() {
    let text = "```console\n$ bash ops/x.sh\nops/x.sh: done\n  $   make y\n```\n```sh\n$ a\nb\n\n```\n```json\n{\"run\": \"x\"}\n```\n";
    assert_eq!(
        commands(text),
        [
            (2, 3, "bash ops/x.sh".to_string()),
            (4, 7, "make y".to_string()),
            (7, 3, "a".to_string()),
            (8, 1, "b".to_string()),
        ]
    );
    assert_eq!(shell_lang("Console"), Some(ShellLang::Session));
    assert_eq!(shell_lang("BASH"), Some(ShellLang::Script));
    assert_eq!(shell_lang("yaml"), None);
}

#[test]
fn code_span_positions_follow_commonmark() {
    let text = "run `make ops-up` or `` a`b `` and \\`not\\` here\nx `é` `multi\nline` ``  ``\n";
    let md = read_markdown(text);
    let got: Vec<_> = md
        .code_spans
        .iter()
        .map(|s| (s.line, s.column, s.end_line, s.text.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            (1, 6, 1, "make ops-up".to_string()),
            (1, 25, 1, "a`b".to_string()),
            (2, 4, 2, "é".to_string()),
            (2, 8, 3, "multi line".to_string()),
            (3, 9, 3, "  ".to_string()),
        ]
    );
    // Code in code blocks is not a span; an unclosed backtick is text.
    assert!(
        read_markdown("```\n`x`\n```\nunclosed `tick\n")
            .code_spans
            .is_empty()
    );
}

#[test]
fn html_comments_blocks_and_header() {
    let text = "<!-- Generated from ops/_meta/surface.json. Do not edit. -->\n# T\n\nSee <!-- ops-check: ignore[SUR004] the doc\nexplains --> this.\n\n<div>\n<!-- block one --> <!-- two -->\n</div>\n\n> <!-- quoted -->\n";
    let md = read_markdown(text);
    assert_eq!(
        md.first_line(),
        "<!-- Generated from ops/_meta/surface.json. Do not edit. -->"
    );
    assert_eq!(
        md.header_comment(),
        Some("Generated from ops/_meta/surface.json. Do not edit.")
    );
    let comments: Vec<_> = md
        .html_comments()
        .iter()
        .map(|c| (c.span.line, c.span.column, c.body.to_string()))
        .collect();
    assert_eq!(
        comments,
        [
            (
                1,
                1,
                "Generated from ops/_meta/surface.json. Do not edit.".to_string()
            ),
            (
                4,
                5,
                "ops-check: ignore[SUR004] the doc\nexplains".to_string()
            ),
            (8, 1, "block one".to_string()),
            (8, 20, "two".to_string()),
            (11, 3, "quoted".to_string()),
        ]
    );
    let kinds: Vec<_> = md
        .html
        .iter()
        .map(|h| (h.kind, h.span.line, h.end_line))
        .collect();
    assert_eq!(
        kinds,
        [
            (HtmlKind::Block, 1, 1),
            (HtmlKind::Inline, 4, 5),
            (HtmlKind::Block, 7, 9),
            (HtmlKind::Block, 11, 11),
        ]
    );
    assert_eq!(read_markdown("# x\n").header_comment(), None);
    assert_eq!(read_markdown("").first_line(), "");
}

#[test]
fn prose_lines_skip_code_blocks() {
    let text = "a\n```sh\nx\n```\nb\n\n    code\nc";
    let md = read_markdown(text);
    let prose: Vec<_> = md.prose_lines().collect();
    assert_eq!(prose, [(1, "a"), (5, "b"), (6, ""), (8, "c")]);
    assert_eq!(md.line(3), Some("x"));
    assert_eq!(md.line(9), None);
}

#[test]
fn unclosed_fences_and_crlf() {
    let md = read_markdown("> ```sh\r\n> echo a\r\n\r\nafter\r\n");
    // The fence ends with its block quote (CommonMark 5.1).
    assert_eq!(md.code_blocks.len(), 1);
    let b = &md.code_blocks[0];
    assert_eq!(b.lines.len(), 1);
    assert_eq!(b.lines[0].text, "echo a");
    assert_eq!((b.start_line, b.end_line), (1, 2));
    let md = read_markdown("```\r\nrun\r\n");
    assert_eq!(md.code_blocks[0].lines[0].text, "run");
}

#[test]
fn bom_is_skipped() {
    let md = read_markdown("\u{feff}<!-- h -->\n`x`\n");
    assert_eq!(md.header_comment(), Some("h"));
    assert_eq!((md.code_spans[0].line, md.code_spans[0].column), (2, 2));
}

#[test]
fn input_size_budget() {
    let text = "a".repeat(MAX_MARKDOWN_BYTES + 1);
    let md = read_markdown(&text);
    assert!(md.code_blocks.is_empty() && md.first_line().is_empty() && md.line(2).is_none());
    assert_eq!(md.diagnostics.len(), 1);
    assert_eq!(md.diagnostics[0].budget_name(), Some("input size"));
    assert!(
        md.diagnostics[0]
            .message
            .contains("input size budget (16777216 bytes)")
    );
}

/// Inputs that were quadratic (or worse) in some CommonMark parser; each is a megabyte and
/// must be read well within the time a linear reader needs (generous, for debug builds on a
/// loaded machine).
#[test]
fn pathological_inputs_are_read_in_linear_time() {
    let n = 1_000_000;
    let cases = [
        ("a million backticks", "`".repeat(n)),
        ("alternating backtick runs", "`a``".repeat(n / 4)),
        ("backtick runs of growing length", {
            let mut s = String::new();
            let mut k = 1;
            while s.len() < n {
                s.push_str(&"`".repeat(k));
                s.push('x');
                k += 1;
            }
            s
        }),
        ("open brackets", "[".repeat(n)),
        ("link openers", "[a](".repeat(n / 4)),
        ("emphasis openers", "*a **a ".repeat(n / 7)),
        ("underscores", "_a __a ".repeat(n / 7)),
        ("nested block quotes", "> ".repeat(n / 2)),
        (
            "nested lists",
            (0..2000)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect(),
        ),
        ("html comment openers", "<!-- ".repeat(n / 5)),
        ("unclosed tags", "<a ".repeat(n / 3)),
        ("many fences", "```\n".repeat(n / 4)),
        ("table pipes", format!("|a|\n|-|\n{}", "|".repeat(n))),
    ];
    for (name, text) in cases {
        let started = Instant::now();
        let md = read_markdown(&text);
        let took = started.elapsed();
        assert!(md.diagnostics.is_empty(), "{name}");
        assert!(took < Duration::from_secs(20), "{name}: {took:?}");
    }
    let ticks = "`".repeat(n);
    let md = read_markdown(&ticks);
    assert!(md.code_spans.is_empty());
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        let md = read_markdown(&text);
        let _ = md.prose_lines().count();
        let _ = md.html_comments();
        for b in &md.code_blocks {
            let _ = b.commands();
        }
    }

    #[test]
    fn never_panics_on_markdown_like_text(
        text in proptest::collection::vec(
            prop_oneof![
                Just("`"), Just("```"), Just("~~~"), Just("\n"), Just("> "), Just("- "),
                Just("    "), Just("\t"), Just("<!--"), Just("-->"), Just("<div>"), Just("$ "),
                Just("[!TIP]"), Just("é"), Just("\r\n"), Just("sh"), Just(" "), Just("x"),
            ],
            0..80,
        ).prop_map(|v| v.concat())
    ) {
        let md = read_markdown(&text);
        for b in &md.code_blocks {
            prop_assert!(b.start_line <= b.end_line);
            for l in b.commands() {
                prop_assert!(l.line >= b.start_line && l.line <= b.end_line);
                prop_assert!(md.line(l.line).is_some());
            }
        }
        for s in &md.code_spans {
            prop_assert!(md.line(s.line).is_some());
        }
        let _ = md.html_comments();
        let _ = md.prose_lines().count();
    }
}

#[test]
fn headings_and_their_sections() {
    let text = "# Contract\n\
                \n\
                ## Schema `suite` migrations\n\
                \n\
                - suite v2\n\
                \n\
                ### Details\n\
                more\n\
                \n\
                ```md\n\
                ## not a heading\n\
                ```\n\
                \n\
                Later\n\
                -----\n\
                text\n\
                > # quoted *heading*\n";
    let md = read_markdown(text);
    let found: Vec<(u8, u32, u32, &str)> = md
        .headings
        .iter()
        .map(|h| (h.level, h.line, h.end_line, h.text.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (1, 1, 1, "Contract"),
            (2, 3, 3, "Schema suite migrations"),
            (3, 7, 7, "Details"),
            (2, 14, 15, "Later"),
            (1, 17, 17, "quoted heading"),
        ]
    );
    assert_eq!(md.section_lines(0), Some(1..=16));
    assert_eq!(md.section_lines(1), Some(3..=13));
    assert_eq!(md.section_lines(2), Some(7..=13));
    assert_eq!(md.section_lines(3), Some(14..=16));
    assert_eq!(md.section_lines(4), Some(17..=17));
    assert_eq!(md.section_lines(5), None);
}
