//! Migration guidance: the lines of a deprecated script or recipe that print a message, which
//! `make` targets they name, and whether they print to stderr (DEP001).
//!
//! Shell is read with [`ops_syntax::shell`]: a command that prints (`echo`, `printf`, `cat`
//! with a here-document, a helper whose name says `warn` or `deprecat`) and where its output
//! goes (`>&2`, `1>&2`, `>/dev/stderr`). Python is read with [`ops_syntax::python`]: its
//! `print(...)`, `sys.stderr.write(...)` and `warnings.warn(...)` calls.

use ops_model::FileKind;
use ops_syntax::header::header_comments;
use ops_syntax::python::PythonModule;
use ops_syntax::shell::{EvalOptions, EvalRedirect, RedirOp, Script, Visited, VisitedKind, walk};

/// One place that may print guidance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guidance {
    /// 1-based line.
    pub line: u32,
    /// Targets named as `make <target>` in what it prints.
    pub targets: Vec<String>,
    /// Prints a message at all.
    pub prints: bool,
    pub(crate) to_stderr: bool,
}

/// The line of the deprecation marker word in a script's header comment (the comments at
/// the top, after the shebang, as `ops_syntax::header` reads them for the file's `kind`),
/// if it has one. At most the first 200 lines are read.
pub fn header_marker(text: &str, kind: FileKind, marker: &str) -> Option<u32> {
    // A comment's words are pieces of the text: a text without the marker (most scripts)
    // has no marker line, and its header comments need not be collected (1.8% of a
    // 20,000-file run, callgrind).
    if !marker.is_empty() && !text.contains(marker) {
        return None;
    }
    header_comments(text, kind, 200)
        .into_iter()
        .find(|c| has_word(&c.body, marker))
        .map(|c| c.line)
}

fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .any(|w| w == word)
}

/// The printing commands of a shell text (a recipe line), read with [`Script::parse`];
/// `first_line` is the line of the text's first line in its file.
pub fn shell(text: &str, first_line: u32) -> Vec<Guidance> {
    script(&Script::parse(text), first_line)
}

/// The printing commands of an already parsed script (a whole file, shared through
/// `ops_syntax::parsed::shell`); `first_line` is the line of its first line in its file.
pub fn script(script: &Script<'_>, first_line: u32) -> Vec<Guidance> {
    let mut out = Vec::new();
    walk(script, &EvalOptions::default(), &mut |v: &Visited<'_>| {
        let VisitedKind::Simple(_) = v.kind else {
            return;
        };
        let Some(program) = v.program_name() else {
            return;
        };
        let lower = program.to_ascii_lowercase();
        let helper = lower.contains("warn") || lower.contains("deprecat");
        let print = matches!(program.as_str(), "echo" | "printf");
        let to_stderr = v.redirects.iter().any(to_stderr);
        let line = first_line + v.line - 1;
        if program == "cat" {
            for r in &v.redirects {
                if let Some(h) = &r.redirect.heredoc {
                    let body = script.slice(h.body_start, h.body_end);
                    out.push(Guidance {
                        line: first_line + script.line_of(h.body_start) - 1,
                        targets: make_targets_named(body),
                        prints: true,
                        to_stderr,
                    });
                }
            }
            return;
        }
        if !(print || helper) {
            return;
        }
        let words: Vec<&str> = v.args().iter().map(|a| &*a.text).collect();
        out.push(Guidance {
            line,
            targets: make_targets_named(&words.join(" ")),
            prints: true,
            to_stderr: helper || to_stderr,
        });
    });
    out
}

/// Does the redirection send stdout to stderr (`>&2`, `1>&2`, `>/dev/stderr`)?
fn to_stderr(r: &EvalRedirect<'_>) -> bool {
    if r.fd != 1 {
        return false;
    }
    let target = r.target.as_known();
    match r.op {
        RedirOp::GreatAnd => target.as_deref() == Some("2"),
        RedirOp::Great | RedirOp::DGreat | RedirOp::Clobber => {
            target.as_deref() == Some("/dev/stderr")
        }
        _ => false,
    }
}

/// The printing calls of a Python module (`ops_syntax::python`'s
/// [`PythonModule::messages`]).
pub fn python(module: &PythonModule<'_>) -> Vec<Guidance> {
    module
        .messages()
        .into_iter()
        .map(|m| Guidance {
            line: m.line,
            targets: make_targets_named(m.arguments),
            prints: true,
            to_stderr: m.to_stderr,
        })
        .collect()
}

/// Every `make <name>` in a message (quotes and punctuation around the name dropped).
fn make_targets_named(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter(|w| w[0] == "make")
        .map(|w| {
            // `printf 'make ops-up\n'`: the escape is not part of the name.
            let name = w[1].split("\\n").next().unwrap_or(w[1]);
            name.trim_end_matches([',', '.', ';', ':', '!']).to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(g: &[Guidance]) -> Vec<(u32, String, bool)> {
        g.iter()
            .map(|g| (g.line, g.targets.join(" "), g.to_stderr))
            .collect()
    }

    #[test]
    fn echo_heredoc_helper_and_redirections() {
        let text = "#!/bin/sh\n# DEPRECATED\necho \"use make ops-up\" >&2\nprintf 'make ops-a\\n' 1>&2\necho make ops-b\ncat >&2 <<EOF\nrun: make ops-c\nEOF\ndeprecation_notice \"make ops-d\"\necho make ops-e >/dev/stderr\nkubectl apply\n";
        assert_eq!(header_marker(text, FileKind::Shell, "DEPRECATED"), Some(2));
        assert_eq!(
            shown(&shell(text, 1)),
            [
                (3, "ops-up".into(), true),
                (4, "ops-a".into(), true),
                (5, "ops-b".into(), false),
                (7, "ops-c".into(), true),
                (9, "ops-d".into(), true),
                (10, "ops-e".into(), true),
            ]
        );
        assert_eq!(
            header_marker(
                "#!/bin/sh\necho x\n# DEPRECATED\n",
                FileKind::Shell,
                "DEPRECATED"
            ),
            None
        );
    }

    #[test]
    fn python_lines() {
        let text = "import sys\nprint('use make ops-up', file=sys.stderr)\nprint('make ops-x')\n";
        assert_eq!(
            shown(&python(&PythonModule::parse(
                text,
                &ops_syntax::python::Budget::default()
            ))),
            [(2, "ops-up".into(), true), (3, "ops-x".into(), false)]
        );
    }
}
