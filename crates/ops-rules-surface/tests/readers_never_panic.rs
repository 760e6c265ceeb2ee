//! The readers take whatever text a repository holds: none of them may panic on it.

use ops_model::RepoPath;
use ops_rules_surface::{guidance, index_md, instructions, surface_file};
use ops_syntax::markdown::read_markdown;
use ops_syntax::workflow::read_workflow;
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
        let _ = index_md::Listing::read(&text, "ops-");
        let md = read_markdown(&text);
        let _ = instructions::markdown(&md, &["Runner".to_string()], &|_| true);
        let wf = read_workflow(&text);
        let _ = instructions::workflow(&wf);
        let _ = guidance::shell(&text, 1);
        let module = ops_syntax::python::PythonModule::parse(&text, &Default::default());
        let _ = guidance::python(&module);
        let _ = guidance::header_marker(&text, ops_model::FileKind::Shell, "DEPRECATED");
        let value = serde_json::json!({"entrypoints": [text.clone(), {"name": text.clone()}]});
        let _ = surface_file::parse(&RepoPath::new("s.json"), &text, &value);
    }
}
