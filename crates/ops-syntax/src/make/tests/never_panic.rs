//! The reader takes whatever text a repository holds: it never panics on it.

use proptest::prelude::*;

use crate::make::{MemoryLoader, Options, read};

/// Text biased towards what make splits on and expands.
fn makeish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\t".to_string()),
            Just("\n".to_string()),
            Just("\\\n".to_string()),
            Just("\\".to_string()),
            Just("$(".to_string()),
            Just("${".to_string()),
            Just(")".to_string()),
            Just("}".to_string()),
            Just("$$".to_string()),
            Just("$".to_string()),
            Just(":".to_string()),
            Just("::".to_string()),
            Just("&:".to_string()),
            Just("=".to_string()),
            Just(":=".to_string()),
            Just("+=".to_string()),
            Just("?=".to_string()),
            Just("!=".to_string()),
            Just("#".to_string()),
            Just(",".to_string()),
            Just("%".to_string()),
            Just(";".to_string()),
            Just("|".to_string()),
            Just("'".to_string()),
            Just("\"".to_string()),
            Just(">".to_string()),
            Just("\u{FFFC}".to_string()),
            Just("\u{E000}".to_string()),
            Just("é".to_string()),
            Just("ifeq (a,a)\n".to_string()),
            Just("ifdef X\n".to_string()),
            Just("else\n".to_string()),
            Just("endif\n".to_string()),
            Just("define X\n".to_string()),
            Just("endef\n".to_string()),
            Just("include a.mk\n".to_string()),
            Just("-include *.mk\n".to_string()),
            Just(".RECIPEPREFIX = >\n".to_string()),
            Just(".PHONY: ".to_string()),
            Just("ops-%: ".to_string()),
            Just("X = $(X)$(X)\n".to_string()),
            Just("$(call X,".to_string()),
            Just("$(foreach v,a b,".to_string()),
            Just("$(if ".to_string()),
            Just("$(or ".to_string()),
            Just("$(subst -, ,".to_string()),
            Just("$(patsubst %,".to_string()),
            Just("$(wildcard ".to_string()),
            Just("$(abspath ../".to_string()),
            Just("$(word ".to_string()),
            Just("$(eval ".to_string()),
            Just("$(shell ".to_string()),
            Just("$@".to_string()),
            Just("$(@D)".to_string()),
            Just("X".to_string()),
            "[a-z ]{0,6}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

fn exercise(text: &str) {
    let loader = MemoryLoader::new()
        .file("Makefile", text)
        .file("a.mk", text)
        .file("b.mk", "include Makefile\n");
    let db = read("Makefile", &loader, &Options::default());
    let targets: Vec<String> = db.targets().map(str::to_string).collect();
    for t in targets
        .iter()
        .chain(["ops-x".to_string(), "a".to_string()].iter())
    {
        let r = db.resolve(t);
        for rule in r.explicit.iter().chain(r.implicit.iter()) {
            for line in &rule.recipe {
                let _ = line.command();
                let _ = line.is_comment();
            }
        }
        let _ = db.is_defined(t);
    }
    for (_, v) in db.variables() {
        let _ = v.value.to_string();
    }
    let _ = db.expand(text);
}

proptest! {
    #[test]
    fn any_text_reads_without_panic(text in any::<String>()) {
        exercise(&text);
    }

    #[test]
    fn makeish_text_reads_without_panic(text in makeish()) {
        exercise(&text);
    }
}
