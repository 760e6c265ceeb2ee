//! Just enough shell: split a command line into simple commands and words, and tell what
//! each simple command runs.

/// A simple command of a line: its byte offset in the line and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Simple<'a> {
    pub offset: usize,
    pub text: &'a str,
}

/// Splits on unquoted `;`, `&&`, `||`, `|`, `&`, `(` and `)`. Quotes and backslash escapes
/// are honoured; `$(...)` is treated as a separator boundary too, so a script run inside a
/// command substitution is still seen.
pub fn simple_commands<'a>(line: &'a str) -> Vec<Simple<'a>> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    let push = |from: usize, to: usize, out: &mut Vec<Simple<'a>>| {
        let piece = &line[from..to];
        let trimmed = piece.trim_start();
        if !trimmed.trim().is_empty() {
            out.push(Simple {
                offset: from + (piece.len() - trimmed.len()),
                text: trimmed.trim_end(),
            });
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' && q == b'"' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'\\' => i += 1,
                // `$(NAME)`: an unexpanded make or shell variable, part of a word.
                b'$' if bytes.get(i + 1) == Some(&b'(')
                    && var_ref_len(&bytes[i + 2..]).is_some() =>
                {
                    i += 2 + var_ref_len(&bytes[i + 2..]).unwrap_or(0);
                }
                b'\'' | b'"' => quote = Some(b),
                // `>&2`, `2>&1`, `&>file` and `>|` are redirections, not separators.
                b'&' if i > 0 && matches!(bytes[i - 1], b'>' | b'<') => {}
                b'&' if bytes.get(i + 1) == Some(&b'>') => {}
                b'|' if i > 0 && bytes[i - 1] == b'>' => {}
                b'`' | b';' | b'&' | b'|' | b'(' | b')' => {
                    push(start, i, &mut out);
                    start = i + 1;
                }
                b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                    // A shell comment runs to the end of the line.
                    push(start, i, &mut out);
                    start = bytes.len();
                    break;
                }
                _ => {}
            },
        }
        i += 1;
    }
    if start < bytes.len() {
        push(start, bytes.len(), &mut out);
    }
    out
}

/// The length of `NAME)` when the bytes start with an identifier closed by `)`.
fn var_ref_len(bytes: &[u8]) -> Option<usize> {
    let name = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    (name > 0 && bytes.get(name) == Some(&b')')).then_some(name + 1)
}

/// The words of a simple command, with quotes removed (no expansion).
pub fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some('"') if c == '\\' => {
                if let Some(n) = chars.next() {
                    current.push(n);
                }
            }
            Some(_) => current.push(c),
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    in_word = true;
                }
                '\\' => {
                    if let Some(n) = chars.next() {
                        current.push(n);
                    }
                    in_word = true;
                }
                c if c.is_whitespace() => {
                    if in_word {
                        words.push(std::mem::take(&mut current));
                        in_word = false;
                    }
                }
                c => {
                    current.push(c);
                    in_word = true;
                }
            },
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

/// Prefixes that run the rest of the command line unchanged.
const TRANSPARENT: &[&str] = &["exec", "env", "sudo", "nohup", "time", "command", "nice"];

/// The words from the program on: leading `VAR=value` assignments, transparent prefixes
/// (`exec`, `env`, `sudo`, ...) and their flags are dropped.
pub fn program_words(command: &str) -> Vec<String> {
    let words = words(command);
    let mut i = 0;
    let mut after_prefix = false;
    while let Some(w) = words.get(i) {
        if TRANSPARENT.contains(&w.as_str()) {
            after_prefix = true;
        } else if !(is_assignment(w) || (after_prefix && w.starts_with('-'))) {
            break;
        }
        i += 1;
    }
    words[i..].to_vec()
}

fn is_assignment(word: &str) -> bool {
    match word.split_once('=') {
        Some((name, _)) => {
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !name.starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}

/// How a simple command runs an ops script, if it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptCall {
    /// The script path as written.
    pub written: String,
    /// The repo-relative path (`./`, `$ROOT/` and the like removed).
    pub path: String,
}

/// Does this simple command run a file below `ops_root`? Either the program is the path
/// (`./ops/x.sh`, or `ops/x.sh` when `bare_path_runs` is set: in a script, a recipe or a
/// workflow step a bare path runs; in a prose code span it only names), or an interpreter
/// from `interpreters` gets the path as its first operand (`bash ops/x.sh`).
pub fn script_call(
    command: &str,
    ops_root: &str,
    interpreters: &[String],
    bare_path_runs: bool,
) -> Option<ScriptCall> {
    script_call_in(command, None, ops_root, interpreters, bare_path_runs)
}

/// [`script_call`] for a command run in `cwd` (a repo-relative directory an earlier `cd`
/// of the same line moved to): relative paths resolve against it, so `./stack-up.sh` after
/// `cd ops/stack/scripts` is `ops/stack/scripts/stack-up.sh`.
pub fn script_call_in(
    command: &str,
    cwd: Option<&str>,
    ops_root: &str,
    interpreters: &[String],
    bare_path_runs: bool,
) -> Option<ScriptCall> {
    let words = program_words(command);
    let first = words.first()?;
    // A program without a slash is looked up in PATH, never in the current directory.
    let program = match cwd {
        Some(dir) if first.contains('/') => in_dir(dir, first),
        _ => first.clone(),
    };
    if let Some(path) = ops_path(&program, ops_root) {
        let explicit = cwd.is_some() || first.starts_with("./") || first.starts_with('$');
        let has_args = words.len() > 1;
        if bare_path_runs || explicit || has_args {
            return Some(ScriptCall {
                written: first.clone(),
                path,
            });
        }
        return None;
    }
    let name = first.rsplit('/').next().unwrap_or(first);
    if interpreters.iter().any(|i| i == first || i == name) {
        // The first operand after the interpreter's own flags (`bash -eu ops/x.sh`).
        let operand = words[1..].iter().find(|w| !w.starts_with('-'))?;
        let resolved = match cwd {
            Some(dir) => in_dir(dir, operand),
            None => operand.clone(),
        };
        let path = ops_path(&resolved, ops_root)?;
        return Some(ScriptCall {
            written: operand.clone(),
            path,
        });
    }
    None
}

/// Where a `cd` simple command goes: `Some(Some(dir))` for a repo-relative directory
/// (`cd ops/stack/scripts`, `cd "$ROOT"/ops/k8s`), `Some(None)` for a `cd` to somewhere
/// this reader cannot place (`cd`, `cd -`, `cd /abs`, `cd ..`, `cd $DIR`), `None` when the
/// command is not a `cd`.
pub fn cd_target(command: &str) -> Option<Option<String>> {
    let words = program_words(command);
    if words.first().map(String::as_str) != Some("cd") {
        return None;
    }
    let operands: Vec<&String> = words[1..].iter().filter(|w| !w.starts_with('-')).collect();
    let [dir] = operands.as_slice() else {
        return Some(None);
    };
    let mut dir = dir.as_str();
    if dir.starts_with('$') {
        // `"$ROOT"/ops/x`: the variable is taken to name the repository root.
        match dir.find('/') {
            Some(i) => dir = &dir[i + 1..],
            None => return Some(None),
        }
    }
    while let Some(rest) = dir.strip_prefix("./") {
        dir = rest;
    }
    let dir = dir.trim_end_matches('/');
    let unknown = dir.is_empty()
        || dir.starts_with(['/', '~'])
        || dir.contains(['$', '*', '?', '['])
        || dir.split('/').any(|c| c == "..");
    Some((!unknown).then(|| dir.to_string()))
}

/// `word` (relative) as seen from the repo-relative directory `dir`.
fn in_dir(dir: &str, word: &str) -> String {
    if word.starts_with(['/', '$', '~']) {
        return word.to_string();
    }
    let mut rest = word;
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    format!("{dir}/{rest}")
}

/// The repo-relative path of `word` when it names a file below `ops_root`: `ops/x.sh`,
/// `./ops/x.sh`, `$ROOT/ops/x.sh`, `${REPO}/ops/x.sh`, `$(CURDIR)/ops/x.sh`.
pub fn ops_path(word: &str, ops_root: &str) -> Option<String> {
    let root = ops_root.trim_matches('/');
    if root.is_empty() {
        return None;
    }
    let mut rest = word;
    if rest.starts_with('$') {
        rest = &rest[rest.find('/')? + 1..];
    }
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    let below = rest.strip_prefix(root)?.strip_prefix('/')?;
    let name = below.rsplit('/').next().unwrap_or("");
    // `ops/k8s/` names a directory, `ops/*.sh` a pattern: neither runs anything.
    if name.is_empty() || below.contains(['*', '?', '[', '$']) || below.contains("..") {
        return None;
    }
    Some(format!("{root}/{below}"))
}

/// Does the simple command start with one of the operator CLI prefixes (`atlasctl ops`)?
pub fn calls_operator_cli(command: &str, clis: &[String]) -> bool {
    let words = program_words(command);
    clis.iter().any(|cli| {
        let cli_words: Vec<&str> = cli.split_whitespace().collect();
        !cli_words.is_empty()
            && words.len() >= cli_words.len()
            && words.iter().zip(&cli_words).all(|(w, c)| w == c)
    })
}

/// Does the simple command run make (`make x`, `$(MAKE) x`, `${MAKE} -C d x`)?
pub fn calls_make(command: &str) -> bool {
    program_words(command).first().is_some_and(|p| {
        matches!(p.as_str(), "make" | "gmake" | "$(MAKE)" | "${MAKE}") || p.ends_with("/make")
    })
}

/// The make targets a make call names (`make -s ops-a ops-b` gives both).
pub fn make_targets(command: &str) -> Vec<String> {
    let words = program_words(command);
    let mut targets = Vec::new();
    let mut skip_next = false;
    for w in words.iter().skip(1) {
        if skip_next {
            skip_next = false;
        } else if matches!(
            w.as_str(),
            "-C" | "-f" | "-I" | "-o" | "-W" | "--file" | "--directory"
        ) {
            skip_next = true;
        } else if !w.starts_with('-') && !w.contains('=') {
            targets.push(w.clone());
        }
    }
    targets
}

/// Does the simple command only print or do nothing (`echo`, `printf`, `:`, `true`)?
pub fn is_message(command: &str) -> bool {
    program_words(command)
        .first()
        .is_some_and(|p| matches!(p.as_str(), "echo" | "printf" | ":" | "true"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interp() -> Vec<String> {
        ["bash", "sh", "python3", "source", "."]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn splits_outside_quotes() {
        let parts: Vec<_> = simple_commands("a && b 'c;d' | e; f $(g h) # h; i")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(parts, ["a", "b 'c;d'", "e", "f $", "g h"]);
        let parts: Vec<_> = simple_commands("$(ATLASCTL) ops up && x $(pwd)")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(parts, ["$(ATLASCTL) ops up", "x $(pwd)"]);
        let parts: Vec<_> = simple_commands("echo a >&2 2>&1 &>/dev/null & b")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(parts, ["echo a >&2 2>&1 &>/dev/null", "b"]);
    }

    #[test]
    fn words_drop_quotes() {
        assert_eq!(words(r#"echo "a b" 'c' d\ e"#), ["echo", "a b", "c", "d e"]);
        assert_eq!(
            program_words("FOO=1 exec env -i BAR=2 bash x"),
            ["bash", "x"]
        );
        assert_eq!(program_words("sudo -E -H bash"), ["bash"]);
    }

    #[test]
    fn script_calls() {
        let call = |c: &str, bare| script_call(c, "ops", &interp(), bare).map(|s| s.path);
        assert_eq!(
            call("bash ops/k8s/scripts/x.sh", false).as_deref(),
            Some("ops/k8s/scripts/x.sh")
        );
        assert_eq!(
            call("sudo -E bash -eu ./ops/a.sh --x", false).as_deref(),
            Some("ops/a.sh")
        );
        assert_eq!(
            call("\"$ROOT\"/ops/a.sh", false).as_deref(),
            Some("ops/a.sh")
        );
        assert_eq!(call("./ops/a.sh", false).as_deref(), Some("ops/a.sh"));
        assert_eq!(call("ops/a.sh --flag", false).as_deref(), Some("ops/a.sh"));
        // A bare path in prose names, in a script it runs.
        assert_eq!(call("ops/a.sh", false), None);
        assert_eq!(call("ops/a.sh", true).as_deref(), Some("ops/a.sh"));
        // Arguments are not programs; directories and patterns are not scripts.
        assert_eq!(call("helm template ops/k8s/charts/atlas", true), None);
        assert_eq!(call("bash ops/k8s/", true), None);
        assert_eq!(call("ls ops/*.sh", true), None);
        assert_eq!(call("bash opsx/a.sh", true), None);
    }

    #[test]
    fn a_cd_earlier_on_the_line_places_relative_scripts() {
        let call = |c: &str, cwd| script_call_in(c, cwd, "ops", &interp(), false).map(|s| s.path);
        let dir = Some("ops/stack/scripts");
        assert_eq!(
            call("./stack-up.sh --fast", dir).as_deref(),
            Some("ops/stack/scripts/stack-up.sh")
        );
        assert_eq!(
            call("bash stack-up.sh", dir).as_deref(),
            Some("ops/stack/scripts/stack-up.sh")
        );
        // Looked up in PATH, not in the directory.
        assert_eq!(call("stack-up.sh", dir), None);
        assert_eq!(call("./stack-up.sh", None), None);
        assert_eq!(call("./x.sh", Some("tools")), None);
        assert_eq!(
            cd_target("cd ./ops/stack/scripts/"),
            Some(Some("ops/stack/scripts".into()))
        );
        assert_eq!(
            cd_target("cd \"$ROOT\"/ops/k8s"),
            Some(Some("ops/k8s".into()))
        );
        for unknown in ["cd", "cd -", "cd /tmp", "cd ../x", "cd $DIR"] {
            assert_eq!(cd_target(unknown), Some(None), "{unknown}");
        }
        assert_eq!(cd_target("make ops-up"), None);
    }

    #[test]
    fn cli_make_and_messages() {
        let clis = ["atlasctl ops".to_string(), "./bin/atlasctl ops".to_string()];
        assert!(calls_operator_cli("./bin/atlasctl ops stack up", &clis));
        assert!(calls_operator_cli("PROFILE=x atlasctl ops k8s", &clis));
        assert!(!calls_operator_cli("atlasctl version", &clis));
        assert!(calls_make("$(MAKE) -C sub ops-a"));
        assert_eq!(
            make_targets("$(MAKE) -C sub -s ops-a X=1 ops-b"),
            ["ops-a", "ops-b"]
        );
        assert!(is_message("echo hi >&2"));
        assert!(!is_message("kubectl apply"));
    }
}
