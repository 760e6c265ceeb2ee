//! The GNU make reader: one makefile read on its own, then the queries rules make.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_syntax::make;

fuzz_target!(|text: &str| {
    let db = make::read_text("Makefile", text);
    let targets: Vec<String> = db.targets().map(str::to_string).collect();
    for target in targets.iter().take(64) {
        let _ = db.is_defined(target);
        for rule in db.rules_for(target) {
            for line in &rule.recipe {
                let _ = line.command();
                let _ = line.is_comment();
            }
        }
    }
    let _ = db.is_defined("ops-undeclared");
    let _ = db.expand("$(ATLASCTL) ops $(subst -, ,$*)");
    let _ = db.problems().len();
});
