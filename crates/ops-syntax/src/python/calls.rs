//! The library functions whose result is a known path or text: `pathlib.Path(...)`,
//! `os.path.join/dirname/abspath/realpath/normpath/expanduser`, `str`, `os.fspath`,
//! `os.environ.get` / `os.getenv` / `os.environ.setdefault`, `os.getcwd`, `Path.cwd`, and
//! `git rev-parse --show-toplevel` through `subprocess`.

use tree_sitter::Node;

use super::analyzer::{Analyzer, Val};
use super::eval::{Args, path_parent};
use super::pathtext::{join, tidy};
use crate::value::{Anchor, StaticValue};

impl Analyzer<'_, '_> {
    /// Calls a library function by its qualified name (`os.path.join`); unknown for any
    /// other function.
    pub(super) fn call_function(
        &mut self,
        name: &str,
        call: Node<'_>,
        args: &Args<'_>,
        depth: usize,
    ) -> Val {
        let name = name.strip_prefix("pathlib.").unwrap_or(name);
        match name {
            "Path" | "PurePath" | "PosixPath" | "PurePosixPath" => {
                if args.splat {
                    return Val::Unknown;
                }
                if let [only] = args.positional.as_slice() {
                    let v = self.eval(*only, depth);
                    return match v {
                        Val::ThisFile => Val::ThisFile,
                        Val::Known(v) => Val::Known(tidy(v)),
                        _ => Val::Unknown,
                    };
                }
                self.join_all(&args.positional, depth, ".")
            }
            "os.path.join" if !args.splat => self.join_all(&args.positional, depth, ""),
            "str" | "os.fspath" | "os.path.abspath" | "os.path.realpath" | "os.path.normpath"
            | "Path.resolve" => match args.get(0, "path") {
                Some(a) => self.eval(a, depth),
                None => Val::Unknown,
            },
            "os.path.expanduser" => match args.get(0, "path") {
                Some(a) => match self.eval(a, depth) {
                    Val::Known(v) if v.known_prefix().starts_with('~') => Val::Unknown,
                    other => other,
                },
                None => Val::Unknown,
            },
            "os.path.dirname" => match args.get(0, "p") {
                Some(a) => path_parent(self.eval(a, depth)),
                None => Val::Unknown,
            },
            "os.environ.get" | "os.getenv" | "os.environ.setdefault" => {
                self.env_value(args.get(0, "key"), args.get(1, "default"), depth)
            }
            "os.getcwd" | "Path.cwd" => Val::Known(StaticValue::text(".")),
            "subprocess.check_output" | "subprocess.run" | "subprocess.getoutput" => {
                let command = self.text_of(call);
                if command.contains("rev-parse") && command.contains("--show-toplevel") {
                    Val::Known(StaticValue::anchored(Anchor::Root, ""))
                } else {
                    Val::Unknown
                }
            }
            _ => Val::Unknown,
        }
    }

    fn join_all(&mut self, parts: &[Node<'_>], depth: usize, empty: &str) -> Val {
        let mut v = StaticValue::text(empty);
        for (i, p) in parts.iter().enumerate() {
            let next = self.eval(*p, depth).into_static();
            v = if i == 0 { next } else { join(&v, next) };
        }
        Val::Known(tidy(v))
    }

    /// An environment variable: a configured root name is the repository root; otherwise the
    /// default when there is one ([`Val::EnvUnset`] when there is none).
    pub(super) fn env_value(
        &mut self,
        key: Option<Node<'_>>,
        default: Option<Node<'_>>,
        depth: usize,
    ) -> Val {
        let key = key.map(|k| self.eval(k, depth).into_static().as_known());
        if let Some(Some(k)) = &key
            && self.roots.contains(k)
        {
            return Val::Known(StaticValue::anchored(Anchor::Root, ""));
        }
        match default {
            Some(d) => self.eval(d, depth),
            None => Val::EnvUnset,
        }
    }
}
