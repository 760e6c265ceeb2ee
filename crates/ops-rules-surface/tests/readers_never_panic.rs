//! The readers take whatever text a repository holds: none of them may panic on it.

use ops_model::RepoPath;
use ops_rules_surface::{index_md, makefile, markdown, shell, workflow};
use proptest::prelude::*;

/// Text biased towards the characters the readers split on.
fn tricky() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\t".to_string()),
            Just("\n".to_string()),
            Just("\\".to_string()),
            Just("`".to_string()),
            Just("$(".to_string()),
            Just(")".to_string()),
            Just(":".to_string()),
            Just("=".to_string()),
            Just("#".to_string()),
            Just("'".to_string()),
            Just("\"".to_string()),
            Just("run: ".to_string()),
            Just("make ops-".to_string()),
            Just("bash ops/".to_string()),
            Just("é".to_string()),
            "[a-z ;&|<>-]{0,6}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn readers_survive_any_text(text in tricky()) {
        let mk = makefile::parse_text(&RepoPath::new("Makefile"), &text);
        for rule in &mk.rules {
            for line in &rule.recipe {
                let _ = mk.expand(line.command());
            }
        }
        let _ = index_md::listed_targets(&text, "ops-");
        let _ = markdown::lines(&text);
        let _ = markdown::code_spans(&text);
        let _ = workflow::run_lines(&text);
        for simple in shell::simple_commands(&text) {
            let _ = shell::script_call(simple.text, "ops", &["bash".to_string()], true);
            let _ = shell::calls_operator_cli(simple.text, &["atlasctl ops".to_string()]);
            let _ = shell::make_targets(simple.text);
        }
    }
}
