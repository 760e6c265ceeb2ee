//! The shell reader: lexing, parsing, the static evaluator and the facts rules ask for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_syntax::shell::{EvalOptions, Script, facts, walk};

fuzz_target!(|text: &str| {
    let opts = EvalOptions {
        root_vars: vec!["ROOT".into(), "REPO_ROOT".into()].into(),
        script_name: Some("x.sh".into()),
        skip_uncalled_functions: false,
        cwd: None,
        programs: None,
    };
    for script in [Script::parse(text), Script::fragment(text)] {
        let mut commands = 0usize;
        walk(&script, &opts, &mut |visited| {
            commands += 1;
            let _ = visited.program_name();
        });
        let _ = facts::sources(&script, &opts);
        let _ = facts::is_function_library(&script);
        let _ = script.line_of(text.len());
    }
});
