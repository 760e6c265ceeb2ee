use super::*;
use proptest::prelude::*;

proptest! {
    #[test]
    fn never_panics_and_positions_are_in_the_text(
        text in "([ #<!\\-a-z\\[\\],:\u{e9}\n]|ops-check:|ignore|-->){0,80}"
    ) {
        for syntax in [Syntax::Hash, Syntax::Html] {
            let (directives, malformed) = parse(&text, syntax);
            let lines = u32::try_from(text.lines().count()).unwrap_or(u32::MAX);
            for d in &directives {
                prop_assert!(d.line >= 1 && d.line <= lines);
                prop_assert!(!d.reason.is_empty() && !d.selectors.is_empty());
            }
            for m in &malformed {
                prop_assert!(m.line >= 1 && m.line <= lines && m.column >= 1);
            }
        }
    }
}
