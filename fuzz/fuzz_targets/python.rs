//! The Python reader: imports and statically known writes, under its budget.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_syntax::python::{Budget, PythonModule, WriteOptions, candidate_paths};

fuzz_target!(|text: &str| {
    let module = PythonModule::parse(text, &Budget::default());
    for import in module.imports() {
        let _ = candidate_paths("ops/pkg/mod.py", import);
    }
    let _ = module.messages();
    let _ = module.main_guard();
    let _ = module.writes(&WriteOptions {
        root_names: vec!["ROOT".into()],
        ..WriteOptions::default()
    });
});
