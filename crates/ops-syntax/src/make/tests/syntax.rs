//! Lines, assignments, conditionals and rules (GNU make manual chapters 3 to 7).

use super::{problems, read_one, recipe, value};
use crate::make::{AssignOp, Flavor, Origin, ProblemKind, RuleKind};

/// 6.2, 6.5, 6.6: every assignment form and when it is expanded.
#[test]
fn assignment_forms_and_flavors() {
    let db = read_one(
        "A = $(B)\nB = one\nS := $(B)\nB = two\nP ::= $(B)\nI :::= $(B) $$x\nC ?= first\nC ?= second\nD += d1\nD += d2\nS += $(B)\nA += more\nSH != echo hi\nE =\nE ?= not-set\n",
    );
    assert_eq!(value(&db, "A").as_deref(), Some("two more"));
    assert_eq!(value(&db, "S").as_deref(), Some("one two"));
    assert_eq!(value(&db, "P").as_deref(), Some("two"));
    assert_eq!(
        db.variable("I").map(|v| (v.raw.as_str(), v.flavor)),
        Some(("two $$x", Flavor::Recursive))
    );
    assert_eq!(value(&db, "I").as_deref(), Some("two $x"));
    assert_eq!(value(&db, "C").as_deref(), Some("first"));
    assert_eq!(value(&db, "D").as_deref(), Some("d1 d2"));
    assert_eq!(value(&db, "SH").as_deref(), Some("…"));
    assert_eq!(value(&db, "E").as_deref(), Some(""));
    assert_eq!(db.variable("A").map(|v| v.flavor), Some(Flavor::Recursive));
    assert_eq!(
        db.variable("S")
            .map(|v| (v.flavor, v.position.as_ref().map(|p| p.line))),
        Some((Flavor::Simple, Some(11)))
    );
    let ops: Vec<AssignOp> = db.assignments().iter().map(|a| a.op).collect();
    assert_eq!(
        ops[..7],
        [
            AssignOp::Recursive,
            AssignOp::Recursive,
            AssignOp::Simple,
            AssignOp::Recursive,
            AssignOp::Simple,
            AssignOp::Immediate,
            AssignOp::Conditional
        ]
    );
}

/// 6.5: leading blanks of a value go, trailing ones stay; `\#` is a `#`.
#[test]
fn values_keep_trailing_blanks_and_lose_comments() {
    let db = read_one(
        "A =   x y   # comment\nB = a\\#b\nexport C = c\noverride D := d\nprivate E = e\n",
    );
    assert_eq!(db.variable("A").map(|v| v.raw.as_str()), Some("x y   "));
    assert_eq!(value(&db, "B").as_deref(), Some("a#b"));
    assert_eq!(value(&db, "C").as_deref(), Some("c"));
    assert_eq!(db.variable("D").map(|v| v.origin), Some(Origin::Override));
    assert_eq!(value(&db, "E").as_deref(), Some("e"));
}

/// 6.7, 6.9, 9.5: command-line variables beat makefile ones except `override`; `undefine`.
#[test]
fn command_line_override_and_undefine() {
    use crate::make::{MemoryLoader, Options, read};
    use crate::value::{Anchor, StaticValue};
    let mut options = Options::default();
    options
        .command_line
        .insert("X".into(), StaticValue::text("cli"));
    options
        .command_line
        .insert("Y".into(), StaticValue::text("cli"));
    options
        .command_line
        .insert("ROOT".into(), StaticValue::anchored(Anchor::Root, ""));
    options
        .environment
        .insert("ENVV".into(), StaticValue::text("env"));
    let loader = MemoryLoader::new().file(
        "Makefile",
        "X = file\noverride Y = forced\nROOT := $(shell git rev-parse --show-toplevel)\nOUT_DIR ?= $(ROOT)/artifacts/x\nENVV = file\nU = u\nundefine U\na:\n\techo $(OUT_DIR) > $(ROOT)/out\n",
    );
    let db = read("Makefile", &loader, &options);
    assert_eq!(value(&db, "X").as_deref(), Some("cli"));
    assert_eq!(value(&db, "Y").as_deref(), Some("forced"));
    assert_eq!(
        db.variable("OUT_DIR").map(|v| v.value.clone()),
        Some(StaticValue::anchored(Anchor::Root, "/artifacts/x"))
    );
    assert_eq!(value(&db, "ENVV").as_deref(), Some("file"));
    assert!(db.variable("U").is_none());
    assert_eq!(recipe(&db, "a"), ["echo $ROOT/artifacts/x > $ROOT/out"]);
    assert_eq!(
        db.expand("$(CURDIR)/x"),
        StaticValue::anchored(Anchor::Root, "/x")
    );
}

/// 6.8: `define`, with an operator, nested, and a continuation inside kept.
#[test]
fn define_blocks() {
    let db = read_one(
        "define TWO\nline one\n  line two\nendef\ndefine S :=\n$(TWO)\nendef\ndefine OUTER\ndefine INNER\nx\nendef\nendef\nafter: ; echo ok\n",
    );
    assert_eq!(
        db.variable("TWO").map(|v| v.raw.as_str()),
        Some("line one\n  line two")
    );
    assert_eq!(
        db.variable("S").map(|v| (v.raw.as_str(), v.flavor)),
        Some(("line one\n  line two", Flavor::Simple))
    );
    assert_eq!(
        db.variable("OUTER").map(|v| v.raw.as_str()),
        Some("define INNER\nx\nendef")
    );
    assert!(db.is_defined("after"));
    let db = read_one("define X\nnever closed\n");
    assert_eq!(problems(&db), ["1: missing `endef` (make stops here)"]);
}

/// 7.2: both syntaxes of `ifeq`, `ifdef` on the stored value, `else if...`, nesting.
#[test]
fn known_conditionals_choose_a_branch() {
    let db = read_one(
        "MODE = prod\nEMPTY =\nREF = $(EMPTY)\nifeq ($(MODE),prod)\nA = 1\nelse ifeq '$(MODE)' \"dev\"\nA = 2\nelse\nA = 3\nendif\nifneq \"$(MODE)\" 'prod'\nB = x\nendif\nifdef REF\nR = defined\nendif\nifndef EMPTY\n  ifdef MODE\nN = nested\n  else\nN = no\n  endif\nendif\nifeq (,$(NOPE))\nZ = z\nendif\n",
    );
    assert_eq!(value(&db, "A").as_deref(), Some("1"));
    assert!(db.variable("B").is_none());
    assert_eq!(value(&db, "R").as_deref(), Some("defined"));
    assert_eq!(value(&db, "N").as_deref(), Some("nested"));
    assert_eq!(value(&db, "Z").as_deref(), Some("z"));
    assert!(db.problems().is_empty(), "{:?}", db.problems());
}

/// A condition whose value is unknown: both branches are read, what they define is
/// conditional, and variables they assign become unknown.
#[test]
fn unknown_conditions_read_both_branches_as_conditional() {
    let db = read_one(
        "ARCH != uname -m\nX = before\nifeq ($(ARCH),arm64)\nX = arm\nops-arm:\n\techo arm\nelse\nops-other:\n\techo other\nendif\nops-all:\nifdef ARCH\n\techo maybe\nendif\n\techo always\n",
    );
    assert!(db.is_defined("ops-arm") && db.is_defined("ops-other"));
    assert!(db.rules_for("ops-arm")[0].conditional);
    let x = db.variable("X").expect("X");
    assert!(x.conditional && x.value.is_unknown());
    let all = &db.rules_for("ops-all")[0];
    assert!(!all.conditional);
    assert_eq!(
        all.recipe
            .iter()
            .map(|l| (&*l.expanded, l.conditional))
            .collect::<Vec<_>>(),
        [("echo maybe", true), ("echo always", false)]
    );
    let kinds: Vec<_> = db
        .problems()
        .iter()
        .map(|p| (p.kind, p.position.as_ref().map(|p| p.line)))
        .collect();
    assert_eq!(
        kinds,
        [
            (ProblemKind::UnknownCondition, Some(3)),
            (ProblemKind::UnknownCondition, Some(12))
        ]
    );
}

#[test]
fn conditional_syntax_errors_are_problems() {
    let db = read_one("else\nendif\nifeq a b\nendif\nifdef X\n");
    assert_eq!(
        problems(&db),
        [
            "1: `else` without a matching `if`",
            "2: `endif` without a matching `if`",
            "3: invalid syntax in conditional (make stops here)",
            "5: missing `endif` (make stops here)",
        ]
    );
}

/// 3.1.1 and 5.1.1: continuations join differently in recipes; comments.
#[test]
fn continuations_and_comments() {
    let db = read_one(
        "OBJS = a \\\n       b   \\\n  c # objs\nall: x \\\n  y # a comment\n\techo $(OBJS) \\\n\t  more # shell comment kept\n\t# a shell comment\n# a make comment between recipe lines\n\n\techo last\n",
    );
    assert_eq!(value(&db, "OBJS").as_deref(), Some("a b c "));
    let all = &db.rules_for("all")[0];
    assert_eq!(*all.prerequisites, ["x", "y"]);
    let lines: Vec<_> = all
        .recipe
        .iter()
        .map(|l| (l.position.line, &*l.raw, l.is_comment()))
        .collect();
    assert_eq!(
        lines,
        [
            (6, "echo $(OBJS) \\\n  more # shell comment kept", false),
            (8, "# a shell comment", true),
            (11, "echo last", false)
        ]
    );
    assert_eq!(
        &*all.recipe[0].expanded,
        "echo a b c  \\\n  more # shell comment kept"
    );
}

/// 4.2, 4.3, 4.10, 4.13: rule forms, order-only prerequisites, `.PHONY`, default goal.
#[test]
fn rule_forms() {
    let db = read_one(
        ".PHONY: a \\\n  c\nV = v\na b: dep | order ; @echo inline $@\n\techo $(V) $< $^ $| $(@D)\nc::\n\techo c1\nc::\n\techo c2\nd: c\nd: e\n\t@echo d\nout/x.o: src/x.c\n\techo $(@D) $(@F) $* $(<D)\n",
    );
    assert_eq!(
        db.phony_names()
            .map(|(n, p)| (n, p[0].line))
            .collect::<Vec<_>>(),
        [("a", 1), ("c", 1)]
    );
    assert_eq!(db.default_goal(), Some("a"));
    let b = &db.rules_for("b")[0];
    assert_eq!(
        (&b.prerequisites[..], &b.order_only[..], b.kind),
        (
            &["dep".to_string()][..],
            &["order".to_string()][..],
            RuleKind::Explicit
        )
    );
    assert_eq!(
        recipe(&db, "b"),
        ["@echo inline b", "echo v dep dep order ."]
    );
    let c = db.rules_for("c");
    assert_eq!(c.len(), 2);
    assert!(c.iter().all(|r| r.kind == RuleKind::DoubleColon));
    assert_eq!(db.rules_for("d").len(), 2);
    assert_eq!(recipe(&db, "d"), ["@echo d"]);
    assert_eq!(recipe(&db, "out/x.o"), ["echo out x.o out/x src"]);
    assert!(!db.is_defined(".PHONY"));
    assert_eq!(
        db.targets().collect::<Vec<_>>(),
        ["a", "b", "c", "d", "out/x.o"]
    );
}

/// 4.12: static pattern rules; 10.5: pattern rules and the shortest stem.
#[test]
fn static_pattern_and_pattern_rules() {
    let db = read_one(
        "OBJS = a.o b.o\n$(OBJS): %.o: %.c | dir\n\tcc -c $< -o $@ # $*\n%.txt: %.md\n\tconv $< > $@\ndocs/%.txt: docs/%.md\n\tconv --docs $<\n%.none:\n",
    );
    let a = &db.rules_for("a.o")[0];
    assert_eq!(
        (a.kind, &a.prerequisites[..], a.stem.as_deref()),
        (RuleKind::StaticPattern, &["a.c".to_string()][..], Some("a"))
    );
    assert_eq!(recipe(&db, "b.o"), ["cc -c b.c -o b.o # b"]);
    assert_eq!(recipe(&db, "x.txt"), ["conv x.md > x.txt"]);
    assert_eq!(recipe(&db, "docs/x.txt"), ["conv --docs docs/x.md"]);
    assert_eq!(recipe(&db, "sub/y.txt"), ["conv sub/y.md > sub/y.txt"]);
    assert!(
        !db.is_defined("x.none"),
        "a pattern rule without a recipe provides nothing"
    );
    assert_eq!(db.pattern_rules().count(), 3);
    let db = read_one("a %.o: x\n");
    assert_eq!(
        problems(&db),
        ["1: mixed implicit and normal rules (make stops here)"]
    );
}

/// 6.11, 6.12: target- and pattern-specific variables apply to recipes of their targets.
#[test]
fn target_and_pattern_specific_variables() {
    let db = read_one(
        "PROFILE = local\nFLAGS = -a\nops-ci: PROFILE = ci\nops-ci: FLAGS += -b\nops-%: SUITE := smoke\nops-ci ops-local:\n\trun $(PROFILE) $(FLAGS) $(SUITE)\n",
    );
    assert_eq!(recipe(&db, "ops-ci"), ["run ci -a -b smoke"]);
    assert_eq!(recipe(&db, "ops-local"), ["run local -a smoke"]);
    assert_eq!(value(&db, "PROFILE").as_deref(), Some("local"));
    // `:=` is expanded when read, with the target's variables so far (checked with make 4.3).
    let db2 = read_one("V = g\nt: W := $(V)\nt: V = 2\nt: X := $(V)\nt: ; echo $(V) $(W) $(X)\n");
    assert_eq!(recipe(&db2, "t"), ["echo 2 g 2"]);
    let scoped: Vec<_> = db
        .assignments()
        .iter()
        .filter_map(|a| a.target.as_deref())
        .collect();
    assert_eq!(scoped, ["ops-ci", "ops-ci", "ops-%"]);
    assert!(!db.is_defined("x"));
}

#[test]
fn oddities_are_problems() {
    let db = read_one(
        "just words\n\tcmd before rule\nendef\nt: ; a\nt: ; b\nu: ; a\nu:: ; b\n$(shell x): y\n",
    );
    assert_eq!(
        problems(&db),
        [
            "1: missing separator (make stops here)",
            "2: recipe commences before first target (make stops here)",
            "3: `endef` without `define`",
            "8: a target of this rule is not known statically (`\u{FFFC}`); it is not seen under its name",
            "5: overriding the recipe for target `t` (the one at Makefile:4 is ignored)",
            "7: target `u` has both `:` and `::` rules (make stops here)",
        ]
    );
}

/// `MAKEFILE_LIST`, `$(MAKE)`, and a colon that comes from a variable.
#[test]
fn builtins_and_computed_rule_lines() {
    let db = read_one(
        "HERE := $(lastword $(MAKEFILE_LIST))\nRULE = gen:\n$(RULE) src\n\t$(MAKE) -C sub\n",
    );
    assert_eq!(value(&db, "HERE").as_deref(), Some("Makefile"));
    assert_eq!(*db.rules_for("gen")[0].prerequisites, ["src"]);
    assert_eq!(recipe(&db, "gen"), ["make -C sub"]);
    assert_eq!(db.default_goal(), Some("gen"));
    let db = read_one("a: ; x\n.DEFAULT_GOAL := b\nb: ; y\n");
    assert_eq!(db.default_goal(), Some("b"));
}

/// The database is shared between the rules of one run, on several threads.
#[test]
fn the_database_is_send_and_sync() {
    fn shared<T: Send + Sync + 'static>() {}
    shared::<crate::make::Database>();
}

/// With `undefined_unknown`, a variable the environment may set is unknown: targets in an
/// `ifdef CI` branch are seen (conditional), recipes using it are unknown there.
#[test]
fn undefined_variables_may_be_unknown() {
    use crate::make::{MemoryLoader, Options, read};
    let text = "ifdef CI\nops-ci: ; run $(PROFILE)\nendif\nops-all: ; run $(if $(PROFILE),p,local) $(DEFINED)\nDEFINED = d\n";
    let db = read_one(text);
    assert!(!db.is_defined("ops-ci"));
    assert_eq!(recipe(&db, "ops-all"), ["run local d"]);
    let options = Options {
        undefined_unknown: true,
        ..Options::default()
    };
    let db = read(
        "Makefile",
        &MemoryLoader::new().file("Makefile", text),
        &options,
    );
    assert!(db.is_defined("ops-ci") && db.rules_for("ops-ci")[0].conditional);
    assert_eq!(recipe(&db, "ops-ci"), ["run \u{FFFC}"]);
    assert_eq!(recipe(&db, "ops-all"), ["run \u{FFFC} d"]);
}
