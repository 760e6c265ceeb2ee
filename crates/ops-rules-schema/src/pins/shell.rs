//! Pins in shell: scripts, `run:` steps, `*.env` files and makefiles, read by
//! [`ops_syntax::shell`] and [`ops_syntax::make`].
//!
//! A pin is:
//!
//! - an assignment to a tool's version variable with a version: `KIND_VERSION=v0.22.0`,
//!   `export K6_VERSION="0.50.0"`, `HELM_VERSION ?= 3.14.4` (make);
//! - an assignment to an `*IMAGE` variable of an image of the tool with a version tag:
//!   `K6_IMAGE=grafana/k6:0.50.0` (`KIND_NODE_IMAGE=kindest/node:v1.29.2` names the
//!   Kubernetes node image, not `kind`);
//! - `--version X` (or `--version=X`) in a command that names the tool as an argument:
//!   `install_tool kubectl --version 1.29.2`. When the program itself is a tool
//!   (`helm upgrade atlas ./chart --version 1.4.0`) the version is that program's argument
//!   (a chart's version), not a pin;
//! - an image of the tool with a version tag given to `docker`/`podman`/`nerdctl`
//!   `run`/`pull`/`create`.
//!
//! Values that are not literal (`$K6_VERSION`, `$(jq -r .k6 ...)`) are not pins.

use std::borrow::Cow;

use ops_model::contract::MakeLimits;
use ops_syntax::make;
use ops_syntax::shell::{Limits, Mode, Script, SimpleCommand, Word, assignment};

use super::image;
use super::table::{ToolTable, ends_with_ignore_ascii_case};
use super::version::is_version;

/// A pin found in a text: the tool, the version and its byte offset in the text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub tool: usize,
    pub value: String,
    pub offset: usize,
}

/// The pins of a shell text (`mode`: a whole script or a fragment such as a `run:` step).
pub(super) fn script(table: &ToolTable, text: &str, mode: Mode) -> Vec<Found> {
    parsed_script(table, &Script::parse_with(text, mode, Limits::default()))
}

/// The pins of a script already read (a file's shared parse, [`ops_syntax::parsed::shell`]),
/// at byte offsets of its text: reading a file again for its pins doubled the cost of every
/// shell file that names a tool (SCH007 was 13% of a 20,000-file run's CPU, two thirds of it
/// lexing and parsing the script a second time).
pub(super) fn parsed_script(table: &ToolTable, script: &Script<'_>) -> Vec<Found> {
    let text = script.text();
    let mut out = Vec::new();
    for command in script.program.simple_commands() {
        simple_command(table, text, command, &mut out);
    }
    out
}

fn simple_command(table: &ToolTable, text: &str, command: &SimpleCommand, out: &mut Vec<Found>) {
    for a in &command.assignments {
        assigned(table, text, &a.name, &a.value, out);
    }
    let Some(first) = command.words.first() else {
        return;
    };
    let program = first.literal_cow();
    let program: &str = program.as_deref().unwrap_or_default();
    if matches!(
        program,
        "export" | "readonly" | "local" | "declare" | "typeset"
    ) {
        for w in &command.words[1..] {
            if let Some(a) = assignment(w) {
                assigned(table, text, &a.name, &a.value, out);
            }
        }
        return;
    }
    // The other pins of a command are a `--version` argument and an image given to a
    // container runtime: a command with neither (most commands) is not looked at further.
    // Said before the words' literals are collected and looked up in the tool table, which
    // was SCH007's whole cost on a script that names a tool.
    let runtime = matches!(program, "docker" | "podman" | "nerdctl");
    let flagged = command.words[1..].iter().any(|w| {
        w.literal_cow()
            .is_some_and(|l| l == "--version" || l.starts_with("--version="))
    });
    if !runtime && !flagged {
        return;
    }
    let words: Vec<Option<Cow<'_, str>>> = command.words.iter().map(Word::literal_cow).collect();
    if flagged && table.tool(program).is_none() {
        version_flag(table, text, command, &words, out);
    }
    if runtime
        && words
            .iter()
            .flatten()
            .any(|w| matches!(w.as_ref(), "run" | "pull" | "create"))
    {
        for (word, lit) in command.words.iter().zip(&words).skip(1) {
            if let Some(lit) = lit
                && let Some(img) = image::parse(lit)
                && let Some(tool) = table.tool(img.repository)
                && is_version(img.tag)
            {
                out.push(Found {
                    tool,
                    value: img.tag.to_string(),
                    offset: content_start(text, word) + img.tag_offset,
                });
            }
        }
    }
}

/// `NAME=value` with a tool's version variable or an `*IMAGE` variable.
fn assigned(table: &ToolTable, text: &str, name: &str, value: &Word, out: &mut Vec<Found>) {
    // Only these names can hold a pin: say so before the value's literal is built.
    if !ends_with_ignore_ascii_case(name, "version") && !ends_with_ignore_ascii_case(name, "image")
    {
        return;
    }
    let Some(literal) = value.literal() else {
        return;
    };
    if let Some(tool) = table.tool_of_version_key(name)
        && is_version(&literal)
    {
        out.push(Found {
            tool,
            value: literal,
            offset: content_start(text, value),
        });
    } else if ends_with_ignore_ascii_case(name, "image")
        && let Some(img) = image::parse(&literal)
        && let Some(tool) = table.tool(img.repository)
        && is_version(img.tag)
    {
        out.push(Found {
            tool,
            value: img.tag.to_string(),
            offset: content_start(text, value) + img.tag_offset,
        });
    }
}

/// `--version X` / `--version=X` after an argument naming a tool.
fn version_flag(
    table: &ToolTable,
    text: &str,
    command: &SimpleCommand,
    words: &[Option<Cow<'_, str>>],
    out: &mut Vec<Found>,
) {
    let mut named = None;
    for (i, lit) in words.iter().enumerate().skip(1) {
        let Some(lit) = lit else {
            continue;
        };
        let (value, offset) = if lit == "--version" {
            match (words.get(i + 1), command.words.get(i + 1)) {
                (Some(Some(v)), Some(w)) => (v.to_string(), content_start(text, w)),
                _ => continue,
            }
        } else if let Some(v) = lit.strip_prefix("--version=") {
            (
                v.to_string(),
                content_start(text, &command.words[i]) + "--version=".len(),
            )
        } else {
            if let Some(tool) = table.tool(lit) {
                named = Some(tool);
            }
            continue;
        };
        if let Some(tool) = named
            && is_version(&value)
        {
            out.push(Found {
                tool,
                value,
                offset,
            });
        }
    }
}

/// Where a word's text starts: after its opening quote, if it has one.
fn content_start(text: &str, word: &Word) -> usize {
    match text.as_bytes().get(word.start) {
        Some(b'"' | b'\'') => word.start + 1,
        _ => word.start,
    }
}

/// A pin in a makefile: its line, the byte offset of the version in that line, the tool
/// and the version.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct MakeFound {
    pub line: u32,
    pub column_offset: usize,
    pub tool: usize,
    pub value: String,
}

/// The pins of a makefile: assignments to a tool's version variable (any flavour, `?=`,
/// `:=`, target-specific), and recipe lines read as shell fragments.
pub(super) fn makefile(
    table: &ToolTable,
    path: &str,
    text: &str,
    limits: &MakeLimits,
) -> Vec<MakeFound> {
    let loader = make::MemoryLoader::new().file(path, text);
    let options = make::Options {
        limits: *limits,
        ..make::Options::default()
    };
    let db = make::read(path, &loader, &options);
    let lines: Vec<&str> = text.split('\n').collect();
    let line_text = |n: u32| lines.get(n as usize - 1).copied().unwrap_or("");
    let mut out = Vec::new();
    for a in db.assignments() {
        if a.position.file.as_str() != path {
            continue;
        }
        let value = a.raw.trim();
        if let Some(tool) = table.tool_of_version_key(&a.name)
            && is_version(value)
        {
            let line = line_text(a.position.line);
            out.push(MakeFound {
                line: a.position.line,
                column_offset: line.rfind(value).unwrap_or(0),
                tool,
                value: value.to_string(),
            });
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    let rules = db.explicit_rules().chain(db.pattern_rules());
    for rule in rules {
        for recipe in &rule.recipe {
            let at = recipe.position.line;
            if recipe.position.file.as_str() != path || !seen.insert(at) {
                continue;
            }
            let line = line_text(at);
            let start = line.find(&*recipe.raw).unwrap_or(0);
            for f in script(table, &recipe.raw, Mode::Fragment) {
                out.push(MakeFound {
                    line: at,
                    column_offset: start + f.offset,
                    tool: f.tool,
                    value: f.value,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    fn table() -> std::sync::Arc<ToolTable> {
        let repo = TestRepo::new().file(
            "configs/ops/tool-versions.json",
            r#"{"helm": "v3.14.4", "k6": "v0.50.0", "kind": "v0.22.0", "kubectl": "v1.29.4"}"#,
        );
        ToolTable::of(&repo.context().cx())
    }

    fn found(text: &str) -> Vec<(String, String, String)> {
        let table = table();
        script(&table, text, Mode::Script)
            .into_iter()
            .map(|f| {
                (
                    table.tools[f.tool].name.clone(),
                    f.value,
                    text[f.offset..].chars().take(8).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn assignments_flags_and_images() {
        let text = "KIND_VERSION=v0.22.0\n\
                    KIND_NODE_IMAGE=kindest/node:v1.29.2\n\
                    export K6_VERSION=\"0.49.0\"\n\
                    K6_IMAGE=grafana/k6:0.50.0\n\
                    install_tool kubectl --version 1.29.2\n\
                    install_tool helm --version=3.15.0\n\
                    helm upgrade --install atlas ./chart --version 1.4.0\n\
                    for tool in kind helm; do install_tool \"$tool\"; done\n\
                    KUBECTL_VERSION=\"$(jq -r .kubectl configs/ops/tool-versions.json)\"\n\
                    docker run --rm grafana/k6:0.48.0 run x.js\n\
                    docker run --rm \"grafana/k6:${K6_VERSION}\" run x.js\n";
        assert_eq!(
            found(text),
            [
                ("kind".into(), "v0.22.0".into(), "v0.22.0\n".into()),
                ("k6".into(), "0.49.0".into(), "0.49.0\"\n".into()),
                ("k6".into(), "0.50.0".into(), "0.50.0\ni".into()),
                ("kubectl".into(), "1.29.2".into(), "1.29.2\ni".into()),
                ("helm".into(), "3.15.0".into(), "3.15.0\nh".into()),
                ("k6".into(), "0.48.0".into(), "0.48.0 r".into()),
            ]
        );
    }

    /// The cheap checks that let most commands go unread (a name's suffix, a `--version`
    /// word, a container runtime) see quoted and mixed-case spellings the same way.
    #[test]
    fn quoted_and_mixed_case_spellings_are_still_pins() {
        let text = "k6_Version=0.47.0\n\
                    k6_Image=grafana/k6:0.45.0\n\
                    install_tool kubectl \"--version\" 1.28.0\n\
                    install_tool helm '--version=3.13.0'\n\
                    \"docker\" pull grafana/k6:0.46.0\n\
                    install_tool kubectl --Version 1.27.0\n";
        assert_eq!(
            found(text),
            [
                ("k6".into(), "0.47.0".into(), "0.47.0\nk".into()),
                ("k6".into(), "0.45.0".into(), "0.45.0\ni".into()),
                ("kubectl".into(), "1.28.0".into(), "1.28.0\ni".into()),
                ("helm".into(), "3.13.0".into(), "3.13.0'\n".into()),
                ("k6".into(), "0.46.0".into(), "0.46.0\ni".into()),
            ]
        );
    }

    #[test]
    fn makefile_assignments_and_recipes() {
        let table = table();
        let text = "HELM_VERSION ?= 3.14.4\nK6 := k6\n\nbootstrap:\n\tinstall_tool kind --version v0.21.0\n";
        let found: Vec<(u32, usize, String)> =
            makefile(&table, "Makefile", text, &Default::default())
                .into_iter()
                .map(|f| (f.line, f.column_offset, f.value))
                .collect();
        assert_eq!(found, [(1, 16, "3.14.4".into()), (5, 29, "v0.21.0".into())]);
    }

    proptest::proptest! {
        /// A script `version::may_be_in_shell` turns away holds no pin: versions split by
        /// quotes, escapes, continuations and `$` in every position.
        #[test]
        fn a_text_without_a_version_dot_holds_no_pin(
            tokens in proptest::collection::vec(proptest::sample::select(vec![
                "KIND_VERSION=", "K6_IMAGE=grafana/k6:", "export ", "install_tool kubectl ",
                "--version ", "--version=", "docker run ", "1", "22", "v", ".", "\\.", "-rc",
                "\"\"", "''", "\\\n", "$\"\"", "\"", "'", "\\", "$", "\n", " ", ";", "x",
            ]), 0..14),
        ) {
            let text = tokens.concat();
            if !super::super::version::may_be_in_shell(&text) {
                proptest::prop_assert_eq!(found(&text), []);
            }
        }

        /// Every pin, whatever quotes, escapes and continuations split its version, is in
        /// a text `version::may_be_in_shell` lets through.
        #[test]
        fn a_text_with_a_pin_is_let_through(
            shape in proptest::sample::select(vec![
                "KIND_VERSION=", "export K6_VERSION=", "K6_IMAGE=grafana/k6:",
                "install_tool kubectl --version ", "docker run grafana/k6:",
            ]),
            fill in proptest::collection::vec(proptest::sample::select(vec![
                "", "\"\"", "''", "\\\n", "$\"\"", "\\",
            ]), 4),
        ) {
            let text = format!("{shape}{}1{}.{}2{}\n", fill[0], fill[1], fill[2], fill[3]);
            if !found(&text).is_empty() {
                proptest::prop_assert!(super::super::version::may_be_in_shell(&text), "{text:?}");
            }
        }
    }
}
