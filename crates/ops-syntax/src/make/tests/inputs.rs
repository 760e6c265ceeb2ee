//! The four inputs that the two former readers got wrong.

use super::{read_one, recipe};
use crate::UNKNOWN_MARK;

/// `.RECIPEPREFIX = >` (GNU make manual 6.14): recipes written `>cmd`.
#[test]
fn recipe_prefix_recipes_are_seen_and_expanded() {
    let db = read_one(
        ".RECIPEPREFIX = >\nATLASCTL = atlasctl\n\nops-up:\n>$(ATLASCTL) ops stack up\n>@echo done\n\nops-x: ; $(ATLASCTL) x\n",
    );
    assert_eq!(
        recipe(&db, "ops-up"),
        ["atlasctl ops stack up", "@echo done"]
    );
    let rule = &db.rules_for("ops-up")[0];
    assert_eq!(&*rule.recipe[0].raw, "$(ATLASCTL) ops stack up");
    assert_eq!(rule.recipe[0].position.line, 5);
    assert_eq!(rule.recipe[1].command(), "echo done");
    assert_eq!(recipe(&db, "ops-x"), ["atlasctl x"]);
    assert!(db.problems().is_empty(), "{:?}", db.problems());
}

/// A tab is an ordinary blank once the prefix is `>`.
#[test]
fn with_another_prefix_a_tab_line_is_not_a_recipe() {
    let db = read_one(".RECIPEPREFIX := >\na:\n\tX = 1\n>echo $(X)\n");
    assert_eq!(recipe(&db, "a"), Vec::<String>::new());
    assert_eq!(super::value(&db, "X").as_deref(), Some("1"));
}

/// `ops-down&:` is a grouped-target rule of one target (GNU make 4.3, manual 4.10).
#[test]
fn grouped_target_rules_name_their_targets() {
    let db = read_one(
        "ATLASCTL = atlasctl\nops-down&:\n\t$(ATLASCTL) ops stack down\nops-up ops-restart &: dep\n\t$(ATLASCTL) ops stack $@\n",
    );
    assert!(db.is_defined("ops-down"));
    assert!(!db.is_defined("ops-down&"));
    assert_eq!(recipe(&db, "ops-down"), ["atlasctl ops stack down"]);
    assert_eq!(
        db.rules_for("ops-down")[0].kind,
        crate::make::RuleKind::Grouped
    );
    assert_eq!(
        db.targets().collect::<Vec<_>>(),
        ["ops-down", "ops-restart", "ops-up"]
    );
    assert_eq!(recipe(&db, "ops-up"), ["atlasctl ops stack ops-up"]);
    assert_eq!(
        *db.rules_for("ops-restart")[0].targets,
        ["ops-up", "ops-restart"]
    );
    assert_eq!(*db.rules_for("ops-restart")[0].prerequisites, ["dep"]);
}

/// `$(if ...)` and `$(or ...)` in recipes are evaluated, one command each.
#[test]
fn if_and_or_in_recipes_give_one_command() {
    let text = "ATLASCTL = atlasctl\nops-deploy:\n\t$(ATLASCTL) ops k8s deploy $(if $(PROFILE),--profile $(PROFILE),--profile local)\nops-test:\n\t$(ATLASCTL) ops test $(or $(SUITE),smoke)\n";
    let db = read_one(text);
    assert_eq!(
        recipe(&db, "ops-deploy"),
        ["atlasctl ops k8s deploy --profile local"]
    );
    assert_eq!(recipe(&db, "ops-test"), ["atlasctl ops test smoke"]);
    let db = read_one(&format!("PROFILE = ci\nSUITE = full\n{text}"));
    assert_eq!(
        recipe(&db, "ops-deploy"),
        ["atlasctl ops k8s deploy --profile ci"]
    );
    assert_eq!(recipe(&db, "ops-test"), ["atlasctl ops test full"]);
    // Unknown: one unknown stretch, never the text of the call.
    let db = read_one(&format!("PROFILE != cat profile\n{text}"));
    assert_eq!(
        recipe(&db, "ops-deploy"),
        [format!("atlasctl ops k8s deploy {UNKNOWN_MARK}")]
    );
}

/// `ops-%:` provides `ops-obs-drill` unless it is `.PHONY` (GNU make 4.3 skips implicit
/// rule search for phony targets, manual 4.6).
#[test]
fn pattern_rules_provide_targets_that_are_not_phony() {
    let text = "ATLASCTL = atlasctl\nops-%:\n\t$(ATLASCTL) ops $(subst -, ,$*)\n";
    let db = read_one(text);
    assert!(db.is_defined("ops-obs-drill"));
    assert_eq!(recipe(&db, "ops-obs-drill"), ["atlasctl ops obs drill"]);
    let implicit = db
        .resolve("ops-obs-drill")
        .implicit
        .expect("a pattern rule");
    assert_eq!(implicit.stem.as_deref(), Some("obs-drill"));
    assert_eq!(*implicit.targets, ["ops-obs-drill"]);
    assert_eq!(implicit.position.line, 2);
    assert!(!db.is_defined("other"));
    assert_eq!(db.targets().count(), 0);

    let db = read_one(&format!(".PHONY: ops-obs-drill\n{text}"));
    assert!(!db.is_defined("ops-obs-drill"));
    assert_eq!(db.phony("ops-obs-drill").map(|p| p[0].line), Some(1));
    assert!(db.is_defined("ops-other"));
}
