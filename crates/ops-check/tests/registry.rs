//! The registry's invariants: what every rule must carry.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::collections::BTreeSet;

use ops_check::registry::{ENGINE_DIAGNOSTICS, all_metas};

#[test]
fn codes_and_slugs_are_unique_and_well_formed() {
    let mut codes = BTreeSet::new();
    let mut slugs = BTreeSet::new();
    for m in all_metas()
        .into_iter()
        .chain(ENGINE_DIAGNOSTICS.iter().copied())
    {
        assert!(codes.insert(m.code), "duplicate code {}", m.code);
        assert!(slugs.insert(m.slug), "duplicate slug {}", m.slug);
        let (group, number) = m.code.split_at(3);
        assert!(
            group.chars().all(|c| c.is_ascii_uppercase()) && number.len() == 3,
            "{}: code must be three capitals and three digits",
            m.code
        );
        assert!(number.chars().all(|c| c.is_ascii_digit()), "{}", m.code);
        assert!(
            !m.slug.is_empty()
                && m.slug.split('-').all(|w| !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
            "{}: slug `{}` must be kebab-case",
            m.code,
            m.slug
        );
        assert!(!m.summary.is_empty() && !m.clause.is_empty(), "{}", m.code);
        for heading in ["## What", "## Why", "## Fix"] {
            assert!(
                m.explanation.lines().any(|l| l.trim_end() == heading),
                "{}: explanation lacks a `{heading}` section",
                m.code
            );
        }
    }
}

#[test]
fn each_crate_holds_its_own_family() {
    // ops-gen holds SUR005: comparing generated docs needs the renderers, which sit above
    // the rule crates.
    let families: [(&str, &[&dyn ops_model::Rule]); 5] = [
        ("LAY", ops_rules_layout::RULES),
        ("ART", ops_rules_artifacts::RULES),
        ("SCH", ops_rules_schema::RULES),
        ("SUR DEP", ops_rules_surface::RULES),
        ("SUR", ops_gen::RULES),
    ];
    for (allowed, rules) in families {
        for r in rules {
            let group = r.meta().group();
            assert!(
                allowed.split(' ').any(|g| g == group),
                "{} registered in the {allowed} crate",
                r.meta().code
            );
        }
    }
}
