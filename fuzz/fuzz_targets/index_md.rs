//! The `ops/INDEX.md` reader: the Make targets the index lists, with line and column.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_rules_surface::index_md::listed_targets;
use ops_syntax::markdown::read_markdown;

fuzz_target!(|text: &str| {
    let lines = text.matches('\n').count() as u32 + 1;
    let md = read_markdown(text);
    for listed in listed_targets(&md, "ops-") {
        assert!(
            listed.line >= 1 && listed.line <= lines,
            "line {}",
            listed.line
        );
        assert!(listed.column >= 1, "column {}", listed.column);
        assert!(listed.name.starts_with("ops-"), "name {:?}", listed.name);
    }
});
