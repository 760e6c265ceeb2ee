//! What LAY005 asks of a script in the e2e wrapper directory: does it delegate (hand over to
//! the operator CLI or make), and where does it run assertion logic.
//!
//! Both answers come from the shell reader: delegation from the walk (each command's
//! program after prefix words, its words evaluated, so `"$ROOT/bin/atlasctl" ops` is
//! `atlasctl ops`), assertions from the command structure (which command guards which
//! failure). Quoting, `2>&1`, `|` inside strings and here-documents mean what the shell
//! says they mean.

mod guards;

use std::collections::BTreeSet;

use ops_model::contract::NameGlobs;
use ops_syntax::shell::{EvalOptions, Script, VisitedKind, walk};

/// Names of failure commands that a script may take from a file it sources. A check
/// guarding one of these, when the script does not define it, is inferred assertion logic
/// (a warning): the name says "fail", the definition is out of sight.
pub const FAILURE_NAMES: &[&str] = &["fail", "die", "abort", "fatal", "panic", "error", "err"];

/// One place where a wrapper tests something and fails on the outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assertion {
    /// 1-based line.
    pub line: u32,
    /// What it runs, for the message: `` `grep -q` guarding `fail` ``, `` `assert_eq` ``.
    pub what: String,
    /// False when the failure is recognised only by its name (see [`FAILURE_NAMES`]).
    pub certain: bool,
}

/// What LAY005 keeps of one wrapper script.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WrapperFacts {
    /// Some command starts with one of the configured delegates.
    pub delegates: bool,
    /// Assertion logic, in line order.
    pub assertions: Vec<Assertion>,
}

/// Reads `text` as a wrapper script. `delegates` are command prefixes (`atlasctl ops`,
/// `exec`, `make`): a delegate's first word without a `/` is compared with the command's
/// file name. `exec` with only redirections (`exec >log 2>&1`) runs nothing and hands
/// nothing over. `assertion_names` are command-name globs that are assertions wherever
/// they run (`assert*`); other assertions are tests guarding a failure (see
/// [`guards::guarded_checks`]).
pub fn read(
    script: &Script<'_>,
    delegates: &[String],
    assertion_names: &NameGlobs,
) -> WrapperFacts {
    let mut facts = WrapperFacts::default();
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    walk(script, &EvalOptions::default(), &mut |v| {
        if v.context.in_substitution || !matches!(v.kind, VisitedKind::Simple(_)) {
            return;
        }
        let keys: Vec<String> = v.words.iter().map(|w| w.key()).collect();
        if delegates
            .iter()
            .any(|d| starts_with_delegate(&keys, v.program, d))
        {
            facts.delegates = true;
        }
        if let Some(name) = v.program_name()
            && assertion_names.is_match(&name)
            && seen.insert(v.start)
        {
            facts.assertions.push(Assertion {
                line: v.line,
                what: format!("`{name}`"),
                certain: true,
            });
        }
    });
    facts.assertions.extend(guards::guarded_checks(script));
    facts.assertions.sort_by_key(|a| a.line);
    facts
}

/// True when the words (evaluated, `keys`) start with `delegate`'s words at the program
/// or at one of the prefix words before it (`exec atlasctl ops ...` matches both `exec`
/// and `atlasctl ops`).
fn starts_with_delegate(keys: &[String], program: Option<usize>, delegate: &str) -> bool {
    let want: Vec<&str> = delegate.split_whitespace().collect();
    let (Some((&head, tail)), Some(program)) = (want.split_first(), program) else {
        return false;
    };
    (0..=program).any(|p| {
        let word = keys[p].as_str();
        let head_matches =
            word == head || (!head.contains('/') && word.rsplit('/').next() == Some(head));
        head_matches
            && keys
                .get(p + 1..p + 1 + tail.len())
                .is_some_and(|rest| rest.iter().zip(tail).all(|(a, b)| a == b))
    })
}

#[cfg(test)]
mod tests;
