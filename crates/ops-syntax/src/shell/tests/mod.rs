//! Tests of the shell reader, one file per stage.

mod eval;
mod facts;
mod fuzz_regressions;
mod lexer;
mod parse;
mod props;
mod sources_end;

use super::{Command, Script, SimpleCommand};

/// The simple commands of `text` as `word|word|...` (quotes kept as written).
pub(super) fn commands(text: &str) -> Vec<String> {
    let script = Script::parse(text);
    script
        .program
        .simple_commands()
        .iter()
        .map(|c| show(&script, c))
        .collect()
}

pub(super) fn show(script: &Script<'_>, c: &SimpleCommand) -> String {
    let mut out: Vec<String> = c
        .assignments
        .iter()
        .map(|a| format!("{}={}", a.name, script.slice(a.value.start, a.value.end)))
        .collect();
    out.extend(
        c.words
            .iter()
            .map(|w| script.slice(w.start, w.end).to_string()),
    );
    for r in &c.redirects {
        let fd = r.fd.map(|f| f.to_string()).unwrap_or_default();
        out.push(format!(
            "{fd}{}{}",
            r.op.as_str(),
            script.slice(r.target.start, r.target.end)
        ));
    }
    out.join("|")
}

pub(super) fn first_simple<'p>(script: &'p Script<'_>) -> &'p SimpleCommand {
    match script
        .program
        .items
        .first()
        .and_then(|i| i.and_or.first.commands.first())
    {
        Some(Command::Simple(c)) => c,
        other => panic!("not a simple command: {other:?}"),
    }
}
