//! Which files a shell script `source`s, resolved statically where that is possible.
//!
//! A small evaluator understands the idioms scripts use to find their helpers:
//! `$(dirname "$0")`, `$(dirname "${BASH_SOURCE[0]}")`, `${BASH_SOURCE%/*}`, `${0%/*}`,
//! `$(cd "$(dirname "$0")/.." && pwd)`, `$(git rev-parse --show-toplevel)`, `readlink -f`,
//! variables assigned from those earlier in the file, repository-root variables the script
//! inherits (`$REPO_ROOT`, configurable), `${VAR:-default}`, and plain relative paths.
//! Anything else (`$1`, `$(some-command)`) is unknown, and an unknown path is no edge.

use std::collections::HashMap;

use ops_model::RepoPath;

use crate::shell_words::{assignment, commands, is_prefix_keyword, logical_lines, words};

/// One `source`/`.` line that resolved to a file in the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced {
    pub line: u32,
    pub target: RepoPath,
}

/// The inputs the resolution needs besides the text.
pub struct Resolver<'a> {
    /// The script being read, repo-relative.
    pub script: &'a RepoPath,
    /// Variables that name the repository root unless the script assigns them.
    pub root_vars: &'a [String],
    /// Whether a repo-relative path is a file in the tree.
    pub exists: &'a dyn Fn(&RepoPath) -> bool,
}

/// A value: a path anchored at the repository root, or text (relative to an unknown
/// working directory when used as a path).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Val {
    Repo(String),
    Text(String),
}

struct State<'r, 'a> {
    r: &'r Resolver<'a>,
    /// `None` for a variable assigned something unknown: it shadows a root variable.
    env: HashMap<String, Option<Val>>,
    /// The working directory after a top-level `cd` that resolved.
    cwd: Option<String>,
}

/// Every file `text` sources that resolves to an existing file, in line order.
pub fn sourced_files(text: &str, resolver: &Resolver<'_>) -> Vec<Sourced> {
    let mut state = State {
        r: resolver,
        env: HashMap::new(),
        cwd: None,
    };
    let mut out = Vec::new();
    for line in logical_lines(text) {
        for command in commands(&line.text) {
            let all = words(&command);
            let mut ws: &[String] = &all;
            while ws.first().is_some_and(|w| is_prefix_keyword(w)) {
                ws = &ws[1..];
            }
            let Some(first) = ws.first() else { continue };
            match first.as_str() {
                "source" | "." => {
                    let target = ws[1..].iter().find(|w| w.as_str() != "--");
                    if let Some(target) = target.and_then(|w| state.resolve(w)) {
                        out.push(Sourced {
                            line: line.number,
                            target,
                        });
                    }
                }
                "cd" => {
                    let dir = ws[1..].iter().find(|w| !w.starts_with('-'));
                    state.cwd = match dir.and_then(|w| state.expand(w)) {
                        Some(Val::Repo(p)) => normalize(&p),
                        _ => None,
                    };
                }
                _ => state.assign(ws),
            }
        }
    }
    out
}

impl State<'_, '_> {
    fn assign(&mut self, ws: &[String]) {
        let declares = matches!(
            ws.first().map(String::as_str),
            Some("export" | "readonly" | "local" | "declare" | "typeset")
        );
        let rest = if declares { &ws[1..] } else { ws };
        for word in rest.iter().filter(|w| !w.starts_with('-')) {
            match assignment(word) {
                Some((name, value)) => {
                    let val = self.expand(value);
                    self.env.insert(name.to_string(), val);
                }
                // `FOO=1 cmd args`: the assignments end at the first command word.
                None if !declares => break,
                None => {}
            }
        }
    }

    /// The file a `source` argument names, when it resolves to one in the tree.
    fn resolve(&self, word: &str) -> Option<RepoPath> {
        let exists = self.r.exists;
        let found = |p: Option<String>| p.map(RepoPath::new).filter(|p| exists(p));
        match self.expand(word)? {
            Val::Repo(p) => found(normalize(&p)),
            Val::Text(t) if t.is_empty() || t.starts_with('/') => None,
            Val::Text(t) => {
                // The working directory is unknown: try where `cd` went, the repository root
                // (scripts run from `make`), then the script's own directory.
                let script_dir = self.r.script.parent().unwrap_or_default();
                let mut bases: Vec<String> = self.cwd.iter().cloned().collect();
                bases.push(String::new());
                bases.push(script_dir.as_str().to_string());
                bases
                    .iter()
                    .find_map(|base| found(normalize(&format!("{base}/{t}"))))
            }
        }
    }

    fn lookup(&self, name: &str) -> Option<Val> {
        match name {
            "0" | "BASH_SOURCE" => Some(Val::Repo(self.r.script.as_str().to_string())),
            _ => match self.env.get(name) {
                Some(val) => val.clone(),
                None if self.r.root_vars.iter().any(|v| v == name) => {
                    Some(Val::Repo(String::new()))
                }
                None => None,
            },
        }
    }

    /// Expands one word; `None` when any part of it is unknown.
    fn expand(&self, word: &str) -> Option<Val> {
        let chars: Vec<char> = word.chars().collect();
        let mut acc = Acc(Val::Text(String::new()));
        let mut double = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '"' => double = !double,
                '\'' if !double => {
                    let end = find(&chars, i + 1, '\'')?;
                    acc.text(&chars[i + 1..end].iter().collect::<String>())?;
                    i = end;
                }
                '\\' => {
                    acc.text(&chars.get(i + 1)?.to_string())?;
                    i += 1;
                }
                '`' => {
                    let end = find(&chars, i + 1, '`')?;
                    acc.val(self.command(&chars[i + 1..end].iter().collect::<String>())?)?;
                    i = end;
                }
                '$' => {
                    let next = *chars.get(i + 1)?;
                    if next == '(' || next == '{' {
                        let end = matching(&chars, i + 1)?;
                        let inner: String = chars[i + 2..end].iter().collect();
                        let val = if next == '(' {
                            self.command(&inner)?
                        } else {
                            self.parameter(&inner)?
                        };
                        acc.val(val)?;
                        i = end;
                    } else if next == '0' {
                        acc.val(self.lookup("0")?)?;
                        i += 1;
                    } else if next.is_ascii_alphabetic() || next == '_' {
                        let len = chars[i + 1..]
                            .iter()
                            .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                            .count();
                        let name: String = chars[i + 1..i + 1 + len].iter().collect();
                        acc.val(self.lookup(&name)?)?;
                        i += len;
                    } else {
                        return None;
                    }
                }
                '~' if i == 0 => return None,
                _ => acc.text(&c.to_string())?,
            }
            i += 1;
        }
        Some(acc.0)
    }

    /// `${NAME}`, `${NAME[0]}`, `${NAME%/*}`, `${NAME:-default}` and friends.
    fn parameter(&self, inner: &str) -> Option<Val> {
        let name_len = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .count();
        let name = &inner[..name_len];
        let mut rest = &inner[name_len..];
        if name.is_empty() {
            return None;
        }
        if let Some(after) = rest
            .strip_prefix("[0]")
            .or_else(|| rest.strip_prefix("[@]"))
        {
            rest = after;
        }
        let value = self.lookup(name);
        match rest {
            "" => value,
            "%/*" => dirname(value?),
            _ => {
                let default = [":-", ":=", "-", "="]
                    .iter()
                    .find_map(|op| rest.strip_prefix(op))?;
                value.or_else(|| self.expand(default))
            }
        }
    }

    /// The few commands whose output is a path we can know.
    fn command(&self, inner: &str) -> Option<Val> {
        let cmds: Vec<Vec<String>> = commands(inner)
            .iter()
            .map(|c| without_redirections(words(c)))
            .collect();
        let is_pwd = |c: &Vec<String>| c.first().is_some_and(|w| w == "pwd");
        match cmds.as_slice() {
            // `cd DIR && pwd` prints DIR.
            [cd, pwd] if cd.first().is_some_and(|w| w == "cd") && is_pwd(pwd) => {
                let dir = cd[1..].iter().find(|w| !w.starts_with('-'))?;
                self.expand(dir)
            }
            [one] => {
                let args: Vec<&str> = one[1..]
                    .iter()
                    .map(String::as_str)
                    .filter(|w| !w.starts_with('-'))
                    .collect();
                match (one.first()?.as_str(), args.as_slice()) {
                    ("dirname", [path]) => dirname(self.expand(path)?),
                    ("readlink" | "realpath", [path]) => self.expand(path),
                    ("git", _) if one.iter().any(|w| w == "--show-toplevel") => {
                        Some(Val::Repo(String::new()))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// Builds a value from parts: an anchored value may only come first.
struct Acc(Val);

impl Acc {
    fn text(&mut self, text: &str) -> Option<()> {
        match &mut self.0 {
            Val::Repo(p) | Val::Text(p) => p.push_str(text),
        }
        Some(())
    }

    fn val(&mut self, val: Val) -> Option<()> {
        match (&self.0, val) {
            (Val::Text(t), val) if t.is_empty() => self.0 = val,
            (_, Val::Text(t)) => return self.text(&t),
            // `$A$B` with B anchored: not a path we understand.
            (_, Val::Repo(_)) => return None,
        }
        Some(())
    }
}

fn dirname(val: Val) -> Option<Val> {
    match val {
        Val::Repo(p) => {
            let p = normalize(&p)?;
            Some(Val::Repo(match p.rfind('/') {
                Some(i) => p[..i].to_string(),
                None if p.is_empty() => return None,
                None => String::new(),
            }))
        }
        Val::Text(t) => Some(Val::Text(match t.trim_end_matches('/').rfind('/') {
            Some(i) => t[..i].to_string(),
            None => ".".to_string(),
        })),
    }
}

/// A repo-relative path with `.` and `..` resolved; `None` when it climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn without_redirections(ws: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip_next = false;
    for w in ws {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        let bare = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '&');
        if bare.starts_with(['>', '<']) {
            // `> /dev/null` takes the next word; `>/dev/null` and `2>&1` do not.
            skip_next = bare.trim_start_matches(['>', '<', '&']).is_empty() && !w.ends_with('&');
            continue;
        }
        out.push(w);
    }
    out
}

/// Index of the next `close` at or after `from`.
fn find(chars: &[char], from: usize, close: char) -> Option<usize> {
    chars[from..]
        .iter()
        .position(|c| *c == close)
        .map(|p| p + from)
}

/// Index of the bracket closing the one at `open` (`(` or `{`), skipping quotes.
fn matching(chars: &[char], open: usize) -> Option<usize> {
    let (o, c) = match chars.get(open)? {
        '(' => ('(', ')'),
        _ => ('{', '}'),
    };
    let mut depth = 0usize;
    let mut single = false;
    let mut i = open;
    while i < chars.len() {
        let ch = chars[i];
        if single {
            single = ch != '\'';
        } else if ch == '\\' {
            i += 1;
        } else if ch == '\'' && o == '(' {
            single = true;
        } else if ch == o {
            depth += 1;
        } else if ch == c {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(script: &str, text: &str, files: &[&str]) -> Vec<(u32, String)> {
        let script = RepoPath::new(script);
        let root_vars = vec!["REPO_ROOT".to_string()];
        let exists = |p: &RepoPath| files.contains(&p.as_str());
        let r = Resolver {
            script: &script,
            root_vars: &root_vars,
            exists: &exists,
        };
        sourced_files(text, &r)
            .into_iter()
            .map(|s| (s.line, s.target.as_str().to_string()))
            .collect()
    }

    const LIB: &str = "ops/_lib/common.sh";

    #[test]
    fn dirname_idioms() {
        for line in [
            "source \"$(dirname \"$0\")/../../_lib/common.sh\"",
            ". \"$(dirname \"${BASH_SOURCE[0]}\")/../../_lib/common.sh\"",
            "source \"${BASH_SOURCE%/*}/../../_lib/common.sh\"",
            ". ${0%/*}/../../_lib/common.sh",
            "source `dirname $0`/../../_lib/common.sh",
            "source \"$(cd \"$(dirname \"$0\")/../..\" >/dev/null 2>&1 && pwd)/_lib/common.sh\"",
            "source -- \"$(dirname -- \"$(readlink -f -- \"$0\")\")/../../_lib/common.sh\"",
        ] {
            assert_eq!(
                run("ops/k8s/scripts/a.sh", line, &[LIB]),
                [(1, LIB.to_string())],
                "{line}"
            );
        }
    }

    #[test]
    fn variables_and_root_vars() {
        let text = "#!/usr/bin/env bash\nSCRIPT_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\nreadonly ROOT=\"$(cd \"$SCRIPT_DIR/../..\" && pwd)\"\nsource \"$ROOT/_lib/common.sh\"\nsource \"$REPO_ROOT/ops/_lib/common.sh\"\nsource \"${TOP:-$(git rev-parse --show-toplevel)}/ops/_lib/common.sh\"\n";
        assert_eq!(
            run("ops/k8s/scripts/a.sh", text, &[LIB]),
            [
                (4, LIB.to_string()),
                (5, LIB.to_string()),
                (6, LIB.to_string())
            ]
        );
        // A root variable the script assigns from something unknown is unknown.
        let text = "REPO_ROOT=$1\nsource \"$REPO_ROOT/ops/_lib/common.sh\"\n";
        assert!(run("ops/k8s/scripts/a.sh", text, &[LIB]).is_empty());
    }

    #[test]
    fn relative_paths() {
        let files = [LIB, "ops/k8s/scripts/lib.sh"];
        assert_eq!(
            run("ops/k8s/scripts/a.sh", "source ops/_lib/common.sh", &files),
            [(1, LIB.to_string())]
        );
        assert_eq!(
            run(
                "ops/k8s/scripts/a.sh",
                "if true; then . ./lib.sh; fi",
                &files
            ),
            [(1, "ops/k8s/scripts/lib.sh".to_string())]
        );
        assert_eq!(
            run(
                "ops/k8s/scripts/a.sh",
                "cd \"$(dirname \"$0\")/../../_lib\"\nsource common.sh",
                &files
            ),
            [(2, LIB.to_string())]
        );
    }

    #[test]
    fn unknowns_and_noise_are_not_edges() {
        let files = [LIB];
        for text in [
            "source \"$1\"",
            "source \"$(mktemp)\"",
            "source /etc/profile",
            "source ~/.bashrc",
            "# source ops/_lib/common.sh",
            "echo source ops/_lib/common.sh",
            "cat <<EOF\nsource ops/_lib/common.sh\nEOF",
            "source \"$(dirname \"$0\")/../../../../../_lib/common.sh\"",
            "source ops/_lib/missing.sh",
        ] {
            assert!(
                run("ops/k8s/scripts/a.sh", text, &files).is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn redirections_are_dropped() {
        let ws = |t: &str| without_redirections(words(t));
        assert_eq!(ws("cd x > /dev/null 2>&1"), ["cd", "x"]);
        assert_eq!(ws("cd x >/dev/null"), ["cd", "x"]);
    }
}
