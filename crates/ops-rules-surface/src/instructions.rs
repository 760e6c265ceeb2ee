//! The commands a document or a workflow tells someone to run, with where each is written:
//! shell code blocks, code spans (unless their sentence says not to run them),
//! `Runner: command` lines, and workflow `run:` scripts in their working directory.

use std::borrow::Cow;
use std::sync::LazyLock;

use ops_model::Span;
use ops_model::text::to_u32;
use ops_syntax::markdown::Markdown;
use ops_syntax::workflow::{Text, Workflow};
use ops_syntax::{Anchor, StaticValue};

/// Where an instruction's text is written, to turn a byte offset in it into a position.
#[derive(Clone, Copy, Debug)]
pub enum Place<'a> {
    /// The text is written verbatim in the file (a Markdown code block line, code span or
    /// `Label: command` line), from this position on.
    At {
        /// 1-based line of the text's first character.
        line: u32,
        /// 1-based column of the text's first character, in characters.
        column: u32,
    },
    /// A workflow value, which knows the position of each of its bytes.
    Workflow(&'a Text),
}

/// One command text to judge.
#[derive(Clone, Debug)]
pub struct Instruction<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) place: Place<'a>,
    /// Whether a lone relative path in program position runs (see
    /// [`crate::commands::Judge::script_run`]): everywhere but in a prose code span.
    pub bare_path_runs: bool,
    /// The directory the command starts in: the repository root for a document, the step's
    /// working directory for a workflow (`None` when it is not known statically).
    pub cwd: Option<StaticValue>,
}

impl Instruction<'_> {
    /// The file position of a byte offset in the text, given the offset's 1-based line and
    /// column within the text.
    pub fn span(&self, offset: usize, line: u32, column: u32) -> Span {
        match self.place {
            Place::At { line: l, column: c } if line == 1 => Span::new(l, c + column - 1),
            Place::At { line: l, .. } => Span::new(l + line - 1, column),
            Place::Workflow(text) => text.span_at(offset),
        }
    }
}

/// The repository root as a working directory.
pub fn root() -> StaticValue {
    StaticValue::anchored(Anchor::Root, "")
}

/// The instructions of a Markdown document. `runner_labels` are the labels of
/// `Label: command` lines (`Runner`, `Usage`, ...). A code span is kept only when
/// `may_matter` holds for its text and its sentence does not say not to run it; the caller's
/// test comes first because it is cheap and the sentence test is not: an index listing
/// 200,000 targets has 200,000 code spans, none of which can run a script.
pub fn markdown<'a>(
    md: &'a Markdown<'a>,
    runner_labels: &[String],
    may_matter: &dyn Fn(&str) -> bool,
) -> Vec<Instruction<'a>> {
    let mut out = Vec::new();
    for block in &md.code_blocks {
        for line in block.commands() {
            out.push(Instruction {
                text: line.text,
                place: Place::At {
                    line: line.line,
                    column: line.column,
                },
                bare_path_runs: true,
                cwd: Some(root()),
            });
        }
    }
    let prose: Vec<(u32, &str)> = md.prose_lines().collect();
    let mut runner_lines = Vec::new();
    for &(n, text) in &prose {
        if let Some((column, cmd)) = runner_line(text, runner_labels) {
            let unticked = cmd.trim_start_matches('`');
            let column = column + to_u32(cmd.len() - unticked.len());
            runner_lines.push(n);
            out.push(Instruction {
                text: Cow::Borrowed(unticked.trim_end_matches('`')),
                place: Place::At { line: n, column },
                bare_path_runs: true,
                cwd: Some(root()),
            });
        }
    }
    // In line order (prose is), so searched by halves: a page of runner lines and code
    // spans would otherwise cost their product.
    for span in &md.code_spans {
        if !may_matter(&span.text)
            || runner_lines.binary_search(&span.line).is_ok()
            || forbidden(md, &prose, span.line, span.column)
        {
            continue;
        }
        out.push(Instruction {
            text: span.text.clone(),
            place: Place::At {
                line: span.line,
                column: span.column,
            },
            bare_path_runs: false,
            cwd: Some(root()),
        });
    }
    out
}

/// The `run:` scripts of a workflow, each in its step's working directory. Steps whose
/// `shell` is not a POSIX shell (`pwsh`, `python`, `cmd`) are left out.
pub fn workflow(wf: &Workflow) -> Vec<Instruction<'_>> {
    let mut out = Vec::new();
    for step in wf.jobs.iter().flat_map(|j| &j.steps) {
        let Some(run) = &step.run else {
            continue;
        };
        let shell = step.shell.as_ref().map(|s| s.value.value.trim());
        if shell.is_some_and(|s| {
            let program = s.split_whitespace().next().unwrap_or("");
            !matches!(program, "bash" | "sh" | "zsh" | "ksh" | "dash")
        }) {
            continue;
        }
        let cwd = match &step.working_directory {
            None => Some(root()),
            Some(dir) if dir.value.has_expressions() => None,
            Some(dir) => {
                let text = dir.value.value.trim();
                (!text.starts_with(['/', '~', '$']))
                    .then(|| StaticValue::anchored(Anchor::Root, format!("/{text}")).normalized())
            }
        };
        out.push(Instruction {
            text: Cow::Borrowed(&run.script.value),
            place: Place::Workflow(&run.script),
            bare_path_runs: true,
            cwd,
        });
    }
    out
}

/// Words that, before a code span in the same sentence, make it something not to run:
/// "Do **not** run `bash ops/x.sh` directly", "use `make ops-up` instead of `ops/x.sh`".
const FORBIDDING: &[&str] = &[
    "do not",
    "don't",
    "never",
    "instead of",
    "rather than",
    "must not",
    "should not",
    "avoid",
];

/// How many lines back a sentence is followed within its paragraph.
const MAX_LOOKBACK: u32 = 8;

/// Does the sentence holding the code span at (`line`, `column`) say, before the span, not
/// to run it? The sentence may start on an earlier line of the same paragraph: a soft line
/// break does not end a sentence (CommonMark 6.7); a blank line, a code block, a heading, a
/// list item or a table row starts a new block.
fn forbidden(md: &Markdown<'_>, prose: &[(u32, &str)], line: u32, column: u32) -> bool {
    let Some(text) = md.line(line) else {
        return false;
    };
    let start = text
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(text.len(), |(i, _)| i);
    let mut before = vec![&text[..start]];
    let mut n = line;
    while n > 1 && line - n < MAX_LOOKBACK && !starts_block(md.line(n).unwrap_or("")) {
        let Ok(i) = prose.binary_search_by_key(&(n - 1), |(k, _)| *k) else {
            break; // in a code block
        };
        let previous = prose[i].1;
        if previous.trim().is_empty() {
            break;
        }
        before.push(previous);
        n -= 1;
    }
    before.reverse();
    forbidden_in_sentence(&before.join(" "))
}

/// A line that starts a block of its own: a heading, a list item, a table row.
fn starts_block(line: &str) -> bool {
    let body = line.trim_start().trim_start_matches(['>', ' ']);
    body.starts_with(['#', '|'])
        || ["- ", "* ", "+ "].iter().any(|m| body.starts_with(m))
        || body.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(' ')
        })
}

/// Does the text before a span, from the start of its paragraph, end in a sentence that
/// says not to run it? The sentence starts after the last `.`, `!`, `?` or `;` followed by a
/// space; emphasis markers and other code spans are ignored.
fn forbidden_in_sentence(before: &str) -> bool {
    let mut prose = String::new();
    let mut in_code = false;
    for c in before.chars() {
        match c {
            '`' => in_code = !in_code,
            '*' | '_' if !in_code => {}
            '\u{2019}' if !in_code => prose.push('\''),
            c if !in_code => prose.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    let sentence_start = [". ", "! ", "? ", "; "]
        .iter()
        .filter_map(|sep| prose.rfind(sep).map(|i| i + sep.len()))
        .max()
        .unwrap_or(0);
    // Words only: punctuation next to a word ("never," "(do not") does not hide it.
    let words: Vec<&str> = prose[sentence_start..]
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let words = format!(" {} ", words.join(" "));
    // Each phrase between blanks, made once: a `format!` per phrase per code span cost
    // 11 M instructions at 20,000 files.
    static PADDED: LazyLock<Vec<String>> =
        LazyLock::new(|| FORBIDDING.iter().map(|f| format!(" {f} ")).collect());
    PADDED.iter().any(|f| words.contains(f.as_str()))
}

/// `Runner: cmd`, `- **Run:** cmd`, `Usage: cmd` -> (column of cmd, cmd).
fn runner_line<'t>(text: &'t str, labels: &[String]) -> Option<(u32, &'t str)> {
    let body = text.trim_start().trim_start_matches(['-', '*', '>', ' ']);
    let body = body.trim_start_matches('*');
    let colon = body.find(':')?;
    let label = body[..colon].trim().trim_matches('*');
    if !labels.iter().any(|l| l.eq_ignore_ascii_case(label)) {
        return None;
    }
    let rest = body[colon + 1..].trim_start_matches('*').trim_start();
    if rest.is_empty() {
        return None;
    }
    let offset = text.len() - rest.len();
    Some((to_u32(text[..offset].chars().count() + 1), rest.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_syntax::markdown::read_markdown;

    fn texts(md: &str) -> Vec<(String, bool)> {
        let md = read_markdown(md);
        markdown(&md, &["Runner".to_string()], &|_| true)
            .into_iter()
            .map(|i| (i.text.into_owned(), i.bare_path_runs))
            .collect()
    }

    #[test]
    fn blocks_spans_and_runner_lines() {
        let got = texts(
            "Run `a x`.\n\n```sh\nb y\n```\n\n```json\n{\"c\": 1}\n```\n\n> [!TIP]\n> ```sh\n> d\n> ```\n\n    e\n\n- Runner: `f z`\n",
        );
        assert_eq!(
            got,
            [
                ("b y".to_string(), true),
                ("d".to_string(), true),
                ("e".to_string(), true),
                ("f z".to_string(), true),
                ("a x".to_string(), false),
            ]
        );
    }

    /// Catalog N17: a negation on the previous line of the same paragraph counts.
    #[test]
    fn a_sentence_runs_over_soft_line_breaks() {
        let got = texts(
            "It removes it. Do not run\n`bash a.sh` directly.\n\nDo not.\n\n`bash b.sh` now.\n",
        );
        assert_eq!(got, [("bash b.sh".to_string(), false)]);
        assert!(forbidden_in_sentence("Use `make ops-up` instead of "));
        assert!(!forbidden_in_sentence("Do not guess. Run "));
        assert!(starts_block("1. step") && starts_block("- item") && !starts_block("text"));
    }
}
