//! Which code blocks hold shell commands, and which of their lines are commands.

use std::borrow::Cow;

use ops_model::text::to_u32;

use super::{CodeBlock, CodeLine};

/// How a shell code block is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShellLang {
    /// A script: every line is shell (`sh`, `bash`, `shell`, `zsh`, `ksh`, `dash`, and a
    /// block without a language, which is how most READMEs write commands). A leading `$ `
    /// prompt is still stripped, as people copy it from terminals.
    Script,
    /// A terminal session (`console`, `shell-session`, `sh-session`, `terminal`): only lines
    /// starting with a `$ ` prompt are commands; the other lines are their output. This is
    /// how GitHub's highlighter (Linguist's `ShellSession`) reads such blocks.
    Session,
}

/// The shell dialect of a code block language, case-insensitive; `None` for other
/// languages (`json`, `yaml`, `make`, `text`, ...). The empty language counts as a script.
pub fn shell_lang(lang: &str) -> Option<ShellLang> {
    match lang.to_ascii_lowercase().as_str() {
        "" | "sh" | "bash" | "shell" | "zsh" | "ksh" | "dash" | "posix" => Some(ShellLang::Script),
        "console" | "shell-session" | "shellsession" | "sh-session" | "terminal" => {
            Some(ShellLang::Session)
        }
        _ => None,
    }
}

/// Is a code block of this language (as in [`super::CodeBlock::lang`]) shell? See
/// [`shell_lang`] for the list; `console` is a shell language whose commands are the lines
/// after a `$ ` prompt.
pub fn is_shell_lang(lang: &str) -> bool {
    shell_lang(lang).is_some()
}

impl<'a> CodeBlock<'a> {
    /// The command lines of a shell block, empty for other languages: every non-blank line
    /// of a script, the `$ `-prompted lines of a session, each with its prompt removed and
    /// its position moved past the prompt. Continuation lines of a session command are not
    /// followed.
    pub fn commands(&self) -> Vec<CodeLine<'a>> {
        let Some(dialect) = shell_lang(&self.lang) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for line in &self.lines {
            let body = line.text.trim_start();
            if body.is_empty() {
                continue;
            }
            let command = match body.strip_prefix("$ ") {
                Some(rest) => rest.trim_start(),
                None if dialect == ShellLang::Session => continue,
                None => body,
            };
            let skipped = line.text.len() - command.len();
            let text = match &line.text {
                Cow::Borrowed(s) => Cow::Borrowed(&s[skipped..]),
                Cow::Owned(s) => Cow::Owned(s[skipped..].to_string()),
            };
            out.push(CodeLine {
                line: line.line,
                column: line.column + to_u32(line.text[..skipped].chars().count()),
                text,
            });
        }
        out
    }
}
