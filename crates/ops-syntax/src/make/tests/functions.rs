//! Make functions (GNU make manual chapter 8) and references (6.3).

use super::{problems, read_files, read_one, value};
use crate::make::ProblemKind;

fn eval(definitions: &str, expr: &str) -> String {
    let db = read_one(&format!("{definitions}\nRESULT := {expr}\n"));
    value(&db, "RESULT").unwrap_or_default()
}

#[test]
fn references() {
    let d = "A = a\nB_a = ba\nSRCS = x.c dir/y.c z.h\nN = A";
    assert_eq!(eval(d, "$(A) ${A} $A $$A"), "a a a $A");
    assert_eq!(eval(d, "$(B_$(A)) $($(N))"), "ba a");
    assert_eq!(eval(d, "$(SRCS:.c=.o)"), "x.o dir/y.o z.h");
    assert_eq!(eval(d, "$(SRCS:%.c=obj/%.o)"), "obj/x.o obj/dir/y.o z.h");
    assert_eq!(eval(d, "$(UNDEFINED)x"), "x");
    assert_eq!(eval(d, "$@"), "…");
}

#[test]
fn conditional_functions() {
    let d = "T = yes\nE =";
    assert_eq!(eval(d, "$(if $(T),then,else)"), "then");
    assert_eq!(eval(d, "$(if $(E),then,else)"), "else");
    assert_eq!(eval(d, "$(if $(E),then)"), "");
    assert_eq!(eval(d, "$(if  $(T) ,a,b,c)"), "a");
    assert_eq!(eval(d, "$(if $(E),a,b,c)"), "b,c");
    assert_eq!(eval(d, "$(or $(E),, second ,third)"), "second");
    assert_eq!(eval(d, "$(or $(E),$(E))"), "");
    assert_eq!(eval(d, "$(and a,$(T),last)"), "last");
    assert_eq!(eval(d, "$(and a,$(E),last)"), "");
    assert_eq!(eval(d, "$(if $(shell x),a,b)"), "…");
    assert_eq!(eval(d, "$(or $(shell x),b)"), "…");
    assert_eq!(eval(d, "$(or a,$(shell x))"), "a");
    assert_eq!(eval(d, "$(and $(shell x),$(E))"), "");
}

#[test]
fn string_functions() {
    let d = "L = b a  c a";
    assert_eq!(eval(d, "$(subst a,X,$(L))"), "b X  c X");
    assert_eq!(eval(d, "$(subst ,X,ab)"), "abX");
    assert_eq!(eval(d, "$(patsubst %.c,%.o,x.c y.h   z.c)"), "x.o y.h z.o");
    assert_eq!(eval(d, "$(patsubst a,b,a aa)"), "b aa");
    assert_eq!(eval(d, "[$(strip   a   b  )]"), "[a b]");
    assert_eq!(eval(d, "$(findstring a,cat)|$(findstring x,cat)"), "a|");
    assert_eq!(eval(d, "$(filter %.c %.h,a.c b.o c.h)"), "a.c c.h");
    assert_eq!(eval(d, "$(filter-out %.c,a.c b.o)"), "b.o");
    assert_eq!(eval(d, "$(sort $(L))"), "a b c");
    assert_eq!(
        eval(d, "$(word 2,$(L)) $(words $(L)) $(wordlist 2,3,$(L))"),
        "a 4 a c"
    );
    assert_eq!(eval(d, "$(wordlist 3,2,$(L))|$(word 9,$(L))"), "|");
    assert_eq!(eval(d, "$(firstword $(L)) $(lastword $(L))"), "b a");
}

#[test]
fn file_name_functions() {
    let d = "F = src/a.c src/b.tar.gz hacks .dot/x";
    assert_eq!(eval(d, "$(dir $(F))"), "src/ src/ ./ .dot/");
    assert_eq!(eval(d, "$(notdir $(F))"), "a.c b.tar.gz hacks x");
    assert_eq!(eval(d, "$(suffix $(F))"), ".c .gz");
    assert_eq!(eval(d, "$(basename $(F))"), "src/a src/b.tar hacks .dot/x");
    assert_eq!(
        eval(d, "$(addsuffix .o,a b) $(addprefix p/,a b)"),
        "a.o b.o p/a p/b"
    );
    assert_eq!(eval(d, "$(join a b c,1 2)"), "a1 b2 c");
    assert_eq!(
        eval(d, "$(abspath ./ops/../ops/x) $(realpath /usr//lib/../bin)"),
        "$ROOT/ops/x /usr/bin"
    );
    assert_eq!(eval(d, "$(abspath ../x)"), "…");
}

#[test]
fn wildcard_goes_through_the_loader() {
    let db = read_files(&[
        (
            "Makefile",
            "MKS := $(wildcard mk/*.mk) $(wildcard none/*.mk mk/a.mk)\nNOTHING := $(wildcard /etc/*)\n",
        ),
        ("mk/b.mk", ""),
        ("mk/a.mk", ""),
    ]);
    assert_eq!(
        value(&db, "MKS").as_deref(),
        Some("mk/a.mk mk/b.mk mk/a.mk")
    );
    assert_eq!(value(&db, "NOTHING").as_deref(), Some("…"));
}

#[test]
fn foreach_call_value_origin_flavor() {
    let d = "LIST = a b\nR = $(1)-$(2)\nS := simple\nREC = $(S)\nnest = $(call R,$(1),x)";
    assert_eq!(eval(d, "$(foreach v,$(LIST),<$(v)>)"), "<a> <b>");
    assert_eq!(eval(d, "$(call R,one,two) $(call R,one)"), "one-two one-");
    assert_eq!(eval(d, "$(call nest,in)"), "in-x");
    // An enclosing call's parameters are hidden inside a nested call (8.7).
    assert_eq!(eval("f = $(1)$(call g)\ng = [$(1)]", "$(call f,a)"), "a[]");
    assert_eq!(eval(d, "$(call strip,  a  b )"), "a b");
    assert_eq!(eval(d, "$(value REC)"), "$(S)");
    assert_eq!(
        eval(d, "$(origin S) $(origin NOPE) $(origin MAKE) $(origin @)"),
        "file undefined default automatic"
    );
    assert_eq!(
        eval(d, "$(flavor S) $(flavor REC) $(flavor NOPE)"),
        "simple recursive undefined"
    );
}

#[test]
fn error_warning_info_shell_eval() {
    let db = read_one(
        "W := $(warning careful)$(info hello)ok\nSH := $(shell date)\nifeq (1,2)\nX := $(error never expanded)\nendif\nE := $(error stop $(W))\n$(eval $(call RULES))\nops-x: ; atlasctl $(shell echo hi)\n",
    );
    assert_eq!(value(&db, "W").as_deref(), Some("ok"));
    assert_eq!(value(&db, "SH").as_deref(), Some("…"));
    assert_eq!(value(&db, "E").as_deref(), Some("…"));
    assert_eq!(super::recipe(&db, "ops-x"), ["atlasctl \u{FFFC}"]);
    let kinds: Vec<_> = db.problems().iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [ProblemKind::Error, ProblemKind::Eval]);
    assert_eq!(problems(&db)[0], "6: `$(error stop ok)`: make stops here");
}

#[test]
fn unknown_and_unterminated_references() {
    assert_eq!(eval("", "$(notafunction x)y"), "y");
    assert_eq!(eval("", "$(file >x,y)"), "…");
    let db = read_one("A := $(B\n");
    assert_eq!(value(&db, "A").as_deref(), Some("…"));
    assert_eq!(problems(&db), ["1: unterminated variable reference"]);
}
