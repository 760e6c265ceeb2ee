//! Write sites of shell text, from the `ops-syntax` shell walk: output redirections, the
//! written operands of `mkdir`/`tee`/`cp`/... and of tools' output options ([`super::tools`]),
//! and assignments of variables named like output locations.

use std::collections::{BTreeMap, BTreeSet};

use ops_syntax::shell::keywords::is_declaration;
use ops_syntax::shell::{
    Budget, EvalOptions, ParamOp, Script, Visited, VisitedKind, Word, WordPart, walk,
};
use ops_syntax::{Part, StaticValue};

use super::{Certainty, Cwd, Site, Via, Vocabulary, tools};

/// Reads `script` (a whole script or a make recipe line) and returns its write sites in
/// line order. `first_line` is the file line of the script's first line (1 for a file).
pub fn read(
    script: &Script<'_>,
    opts: &EvalOptions,
    vocab: &Vocabulary,
    first_line: u32,
) -> Vec<Site> {
    read_with_budgets(script, opts, vocab, first_line).0
}

/// [`read`], and the evaluation budgets (`[limits.shell]`) the walk ran out of: past one,
/// later writes may be missed.
pub fn read_with_budgets(
    script: &Script<'_>,
    opts: &EvalOptions,
    vocab: &Vocabulary,
    first_line: u32,
) -> (Vec<Site>, Vec<Budget>) {
    let mut state = State {
        script,
        vocab,
        first_line,
        assigned: BTreeMap::new(),
        seen: BTreeSet::new(),
        sites: Vec::new(),
    };
    // Write sites are redirections, assignments and the programs `tools::written` knows:
    // the walk may skip every other command.
    let opts = EvalOptions {
        programs: Some(tools::PROGRAMS),
        ..opts.clone()
    };
    let budgets = walk(script, &opts, &mut |v| state.visit(v));
    let mut sites = state.sites;
    sites.sort_by(|a, b| (a.line, &a.what).cmp(&(b.line, &b.what)));
    (sites, budgets)
}

struct State<'a, 's> {
    script: &'a Script<'s>,
    vocab: &'a Vocabulary,
    first_line: u32,
    /// Variables assigned so far in the walk, with the line of the last assignment.
    assigned: BTreeMap<String, u32>,
    /// (byte offset, what) of sites already recorded: function bodies are walked at every
    /// call.
    seen: BTreeSet<(usize, String)>,
    sites: Vec<Site>,
}

impl State<'_, '_> {
    fn line(&self, offset: usize) -> u32 {
        self.first_line + self.script.line_of(offset) - 1
    }

    fn cwd(v: &Visited<'_>) -> Cwd {
        match (&v.context.cwd, v.context.cwd_changed) {
            (Some(dir), _) => Cwd::Known(dir.clone()),
            (None, false) => Cwd::Start,
            (None, true) => Cwd::Unknown,
        }
    }

    fn visit(&mut self, v: &Visited<'_>) {
        self.assignments(v);
        for r in &v.redirects {
            if r.writes_file() {
                let target = &r.redirect.target;
                self.push(
                    v,
                    target,
                    format!("redirection `{}`", r.op.as_str()),
                    r.target.clone(),
                );
            }
        }
        let VisitedKind::Simple(_) = v.kind else {
            return;
        };
        let Some(program) = v.program_file_name() else {
            return;
        };
        if !tools::PROGRAMS.contains(&&*program) {
            return;
        }
        let args = v.args();
        let texts: Vec<&str> = args.iter().map(|a| a.text.as_ref()).collect();
        for w in tools::written(&program, &texts) {
            let Some(arg) = args.get(w.index) else {
                continue;
            };
            let Some(value) = strip_text(&arg.value, &w.strip) else {
                continue;
            };
            self.push(v, arg.word, w.what, value);
        }
    }

    /// Records plain assignments (`OUT=...`), declarations (`export OUT=...`) and
    /// `${OUT:=...}` defaults; an output-named one is a [`Certainty::Named`] site.
    fn assignments(&mut self, v: &Visited<'_>) {
        if let VisitedKind::Simple(c) = v.kind
            && v.words.is_empty()
        {
            for (a, (name, value)) in c.assignments.iter().zip(&v.assignments) {
                let raw = self.script.slice(a.value.start, a.value.end);
                self.assign(v, name, a.start, raw, value.clone());
            }
        }
        let declares = v
            .program_word()
            .is_some_and(|w| is_declaration(&w.key_str()) && v.program == Some(0));
        for (i, word) in v.words.iter().enumerate() {
            if declares
                && i > 0
                && let Some(a) = ops_syntax::shell::assignment(word.word)
            {
                let value = strip_text(&word.value, &format!("{}=", a.name));
                if let Some(value) = value {
                    let raw = self.script.slice(a.value.start, a.value.end);
                    self.assign(v, &a.name, word.start, raw, value);
                }
            } else if let Some(name) = assigning_param(word.word) {
                let raw = self.script.slice(word.start, word.end);
                self.assign(v, name, word.start, raw, word.value.clone());
            }
        }
    }

    fn assign(
        &mut self,
        v: &Visited<'_>,
        name: &str,
        offset: usize,
        raw: &str,
        value: StaticValue,
    ) {
        if self.vocab.is_root_variable(name) {
            return;
        }
        let line = self.line(offset);
        self.assigned.insert(name.to_string(), line);
        if !self.vocab.is_output_name(name) || !self.seen.insert((offset, name.to_string())) {
            return;
        }
        self.sites.push(Site {
            line,
            what: format!("assignment of `{name}`"),
            raw: raw.to_string(),
            value,
            cwd: Self::cwd(v),
            via: None,
            name: Some(name.to_string()),
            certainty: Certainty::Named,
        });
    }

    fn push(&mut self, v: &Visited<'_>, word: &Word, what: String, value: StaticValue) {
        if !self.seen.insert((word.start, what.clone())) {
            return;
        }
        let via = leading_param(word).and_then(|name| {
            self.assigned.get(name).map(|&line| Via {
                name: name.to_string(),
                line,
            })
        });
        self.sites.push(Site {
            line: self.line(word.start),
            what,
            raw: self.script.slice(word.start, word.end).to_string(),
            value,
            cwd: Self::cwd(v),
            via,
            name: None,
            certainty: Certainty::Writes,
        });
    }
}

/// `value` without the known text `prefix` at its start (`json=` of `json=FILE`), or `None`
/// when it does not start with it.
fn strip_text(value: &StaticValue, prefix: &str) -> Option<StaticValue> {
    if prefix.is_empty() {
        return Some(value.clone());
    }
    if value.anchor != ops_syntax::Anchor::None {
        return None;
    }
    let Some(Part::Text(first)) = value.parts.first() else {
        return None;
    };
    let rest = first.strip_prefix(prefix)?;
    let mut out = StaticValue::text(rest);
    for part in &value.parts[1..] {
        match part {
            Part::Text(t) => out.push_text(t),
            Part::Unknown => out.push_unknown(),
        }
    }
    Some(out)
}

/// The variable a word starts with (`"$OUT/x"`, `${OUT:-d}/x`), when it starts with one.
fn leading_param(word: &Word) -> Option<&str> {
    fn first(parts: &[WordPart]) -> Option<&str> {
        match parts.first()? {
            WordPart::Param(p)
                if !p.indirect
                    && !p.length
                    && p.index.is_none()
                    && matches!(
                        p.op,
                        None | Some(ParamOp::Default { .. } | ParamOp::Assign { .. })
                    ) =>
            {
                Some(p.name.as_str())
            }
            WordPart::DoubleQuoted(inner) => first(inner),
            _ => None,
        }
    }
    first(&word.parts)
}

/// The variable a word assigns when it is one `${NAME:=default}` expansion (`:
/// "${OUT_DIR:=artifacts/x}"`): its value is then the variable's.
fn assigning_param(word: &Word) -> Option<&str> {
    fn only(parts: &[WordPart]) -> Option<&str> {
        match parts {
            [WordPart::Param(p)] if matches!(p.op, Some(ParamOp::Assign { .. })) => {
                Some(p.name.as_str())
            }
            [WordPart::DoubleQuoted(inner)] => only(inner),
            _ => None,
        }
    }
    only(&word.parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::contract::ArtifactsConfig;

    fn sites(text: &str) -> Vec<String> {
        let vocab = Vocabulary::of(&ArtifactsConfig::default());
        let opts = EvalOptions {
            root_vars: vocab.root_variables.as_slice().into(),
            script_name: Some("x.sh".into()),
            ..EvalOptions::default()
        };
        let script = Script::parse(text);
        read(&script, &opts, &vocab, 1)
            .into_iter()
            .map(|s| {
                let via = s.via.map(|v| format!(" via {}@{}", v.name, v.line));
                let cwd = match s.cwd {
                    Cwd::Start => String::new(),
                    Cwd::Known(d) => format!(" in {d}"),
                    Cwd::Unknown => " in ?".to_string(),
                };
                format!(
                    "{} {} {}{}{}",
                    s.line,
                    s.what,
                    s.value,
                    via.unwrap_or_default(),
                    cwd
                )
            })
            .collect()
    }

    #[test]
    fn finds_writers() {
        assert_eq!(
            sites(
                "mkdir -p -m 755 \"${REPO_ROOT}/artifacts/x\" out\necho hi > \"$(dirname \"$0\")/a.json\" 2>&1\nfoo | tee -a log.txt >/dev/null\ncp a b c/\n"
            ),
            [
                "1 `mkdir` $ROOT/artifacts/x",
                "1 `mkdir` out",
                "2 redirection `>` $SCRIPT_DIR/a.json",
                "3 `tee` log.txt",
                "3 redirection `>` /dev/null",
                "4 `cp` c/",
            ]
        );
    }

    #[test]
    fn writes_through_assigned_variables_name_them() {
        assert_eq!(
            sites(
                "OUT_DIR=\"${OUT_DIR:-$REPO_ROOT/artifacts/load}\"\nmkdir -p \"$OUT_DIR\"\nk6 run --summary-export \"$OUT_DIR/s.json\" x.js\n: \"${EVIDENCE_DIR:=artifacts/y}\"\nexport RUN_ID=$(date +%s)\n"
            ),
            [
                "1 assignment of `OUT_DIR` $ROOT/artifacts/load",
                "2 `mkdir` $ROOT/artifacts/load via OUT_DIR@1",
                "3 `k6 run --summary-export` $ROOT/artifacts/load/s.json via OUT_DIR@1",
                "4 assignment of `EVIDENCE_DIR` artifacts/y",
                "5 assignment of `RUN_ID` …",
            ]
        );
    }

    #[test]
    fn relative_paths_after_an_unknown_cd_are_unknown() {
        assert_eq!(
            sites("mkdir -p a/b\ncd \"$REPO_ROOT/ops\"\nmkdir c\ncd \"$(mktemp -d)\"\nmkdir d\n"),
            [
                "1 `mkdir` a/b",
                "3 `mkdir` c in $ROOT/ops",
                "5 `mkdir` d in ?",
            ]
        );
    }

    #[test]
    fn tool_output_options_and_functions() {
        assert_eq!(
            sites(
                "f() { curl -fsSL -o \"artifacts/d/$1.gz\" URL; }\nf a\nf b\nk6 run --out json=artifacts/k6/raw.json s.js\n"
            ),
            [
                "1 `curl -o` artifacts/d/….gz",
                "4 `k6 run --out` artifacts/k6/raw.json",
            ]
        );
    }

    proptest::proptest! {
        /// Text that [`super::super::tools::shell_may_write`] rejects has no write site: the
        /// prefilter that spares the parse of most scripts and make recipe lines loses
        /// nothing. The tokens include every other way to set a variable (`read`, `for`,
        /// `printf -v`, declarations) and programs that run others.
        #[test]
        fn text_the_prefilter_rejects_has_no_site(
            tokens in proptest::collection::vec(proptest::sample::select(vec![
                "echo", "run", "./bin/atlasctl", "ops", "\"$OUT_DIR\"", "${REPORT_DIR:-x}",
                "$(pwd)", "|", ";", "&&", "\n", "cd /tmp", "cd artifacts", "x", "'q'", "--out",
                "-o", "file", "if true; then", "fi", "f() {", "}", "f", "exec", "xargs",
                "read OUT_DIR", "for OUT_DIR in artifacts/a; do", "done", "printf -v OUT_DIR x",
                "export OUT_DIR", "local REPORT_DIR", "declare -g LOG_DIR", "mapfile RESULTS",
                "getopts o OUT", "eval", "bash -c", "sudo", "env", "$@", "${RUN_DIR}",
                "artifacts/out", "<", "< in.txt", "<<EOF\nx\nEOF\n", "2>&1",
                "OUT_DIR=artifacts/x", ": \"${LOG_DIR:=artifacts/y}\"",
            ]), 0..16)
        ) {
            let text = tokens.join(" ");
            if !super::super::tools::shell_may_write(&text) {
                proptest::prop_assert_eq!(sites(&text), Vec::<String>::new(), "{}", text);
            }
        }
    }
}
