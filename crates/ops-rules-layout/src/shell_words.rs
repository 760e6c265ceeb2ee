//! Just enough shell syntax for static analysis: logical lines, commands, words, heredocs.
//!
//! This is not a shell parser. It splits text the way a careful reader would to find
//! `source` lines, assignments and top-level commands, and it never fails: odd input gives
//! odd words, never a panic.

/// A logical line: continuation lines (`\` at the end) joined, heredoc bodies dropped.
#[derive(Debug, PartialEq, Eq)]
pub struct Line {
    /// 1-based number of the first physical line.
    pub number: u32,
    pub text: String,
}

/// The logical lines of a script.
pub fn logical_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut heredoc: Option<String> = None;
    let mut pending: Option<Line> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(end) = &heredoc {
            if raw.trim() == end {
                heredoc = None;
            }
            continue;
        }
        let mut line = pending.take().unwrap_or(Line {
            number,
            text: String::new(),
        });
        match raw.strip_suffix('\\') {
            Some(head) => {
                line.text.push_str(head);
                line.text.push(' ');
                pending = Some(line);
            }
            None => {
                line.text.push_str(raw);
                heredoc = heredoc_end(&line.text);
                out.push(line);
            }
        }
    }
    out.extend(pending);
    out
}

/// The delimiter of a heredoc opened on this line (`<<EOF`, `<<-'EOF'`, `<< "EOF"`), not a
/// here-string (`<<<`).
fn heredoc_end(line: &str) -> Option<String> {
    let at = line.find("<<")?;
    let rest = &line[at + 2..];
    if rest.starts_with('<') {
        return None;
    }
    let rest = rest.strip_prefix('-').unwrap_or(rest).trim_start();
    let word: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ';' | '&' | '|' | ')' | '>'))
        .filter(|c| !matches!(c, '\'' | '"' | '\\'))
        .collect();
    (!word.is_empty()).then_some(word)
}

/// Splits a line into commands on unquoted `;`, `&&`, `||`, `|` and `&`, stopping at a
/// comment.
pub fn commands(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut scan = Scanner::default();
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let top = scan.at_top();
        if top && c == '#' && (i == 0 || chars[i - 1].is_whitespace()) {
            break;
        }
        // `2>&1` and `&>` are redirections, not separators.
        let redirect = c == '&'
            && (chars.get(i.wrapping_sub(1)) == Some(&'>') || chars.get(i + 1) == Some(&'>'));
        if top && matches!(c, ';' | '|' | '&') && !redirect {
            if !current.trim().is_empty() {
                out.push(current.trim().to_string());
            }
            current.clear();
        } else {
            current.push(c);
        }
        scan.step(c);
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// Splits a command into words on unquoted whitespace; quotes and `$(...)`/`${...}` stay in
/// the words.
pub fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut scan = Scanner::default();
    for c in command.chars() {
        if scan.at_top() && c.is_whitespace() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
        scan.step(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Tracks quotes, `$(...)`, `${...}` and backticks while scanning.
#[derive(Default)]
pub struct Scanner {
    single: bool,
    double: bool,
    backtick: bool,
    escaped: bool,
    depth: usize,
    dollar: bool,
}

impl Scanner {
    /// Outside every quote and substitution.
    pub fn at_top(&self) -> bool {
        !self.single && !self.double && !self.backtick && self.depth == 0 && !self.escaped
    }

    pub fn step(&mut self, c: char) {
        let dollar = std::mem::take(&mut self.dollar);
        if self.escaped {
            self.escaped = false;
            return;
        }
        if self.single {
            self.single = c != '\'';
            return;
        }
        match c {
            '\\' => self.escaped = true,
            '\'' if !self.double && self.depth == 0 => self.single = true,
            '"' if self.depth == 0 => self.double = !self.double,
            '`' => self.backtick = !self.backtick,
            '$' => self.dollar = true,
            '(' | '{' if dollar || self.depth > 0 => self.depth += 1,
            ')' | '}' if self.depth > 0 => self.depth -= 1,
            _ => {}
        }
    }
}

/// `NAME=value` split into its parts, when `word` is an assignment.
pub fn assignment(word: &str) -> Option<(&str, &str)> {
    let (name, value) = word.split_once('=')?;
    let valid = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    valid.then_some((name, value))
}

/// Keywords that may precede a command without changing what it runs.
pub fn is_prefix_keyword(word: &str) -> bool {
    matches!(
        word,
        "if" | "then" | "else" | "elif" | "do" | "while" | "until" | "!" | "time" | "{" | "("
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_continuations_and_skips_heredocs() {
        let text = "a \\\n  b\ncat <<'EOF'\nsource x.sh\nEOF\nc <<< \"$x\"\nd";
        let lines = logical_lines(text);
        let texts: Vec<(u32, &str)> = lines.iter().map(|l| (l.number, l.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (1, "a    b"),
                (3, "cat <<'EOF'"),
                (6, "c <<< \"$x\""),
                (7, "d")
            ]
        );
    }

    #[test]
    fn splits_commands_and_words() {
        assert_eq!(
            commands("cd \"$(dirname \"$0\")\" && pwd; x 2>&1 | y # c; d"),
            ["cd \"$(dirname \"$0\")\"", "pwd", "x 2>&1", "y"]
        );
        assert_eq!(
            commands("echo \"a;b\" 'c|d' ${X#y}"),
            ["echo \"a;b\" 'c|d' ${X#y}"]
        );
        assert_eq!(
            words("source \"$(dirname \"$0\")/../x.sh\" arg"),
            ["source", "\"$(dirname \"$0\")/../x.sh\"", "arg"]
        );
        assert_eq!(words("a $(b c) ${d e}"), ["a", "$(b c)", "${d e}"]);
        assert_eq!(assignment("ROOT=\"$x\""), Some(("ROOT", "\"$x\"")));
        assert_eq!(assignment("1A=x"), None);
        assert_eq!(assignment("--opt=x"), None);
    }
}
