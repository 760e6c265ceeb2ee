//! Properties of the model's parsers and paths: arbitrary input never panics, and paths
//! normalize once and for all.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::path::Path;

use ops_model::text::line_column;
use ops_model::{Contract, RepoPath};
use proptest::prelude::*;

proptest! {
    #[test]
    fn repo_path_normalizes_idempotently(text in "[a-z./\\\\_-]{0,40}") {
        let once = RepoPath::new(&text);
        let twice = RepoPath::new(once.as_str());
        prop_assert_eq!(&once, &twice);
        prop_assert!(!once.as_str().starts_with('/'));
        prop_assert!(!once.as_str().ends_with('/'));
        prop_assert!(!once.as_str().contains("//"));
    }

    #[test]
    fn strip_prefix_agrees_with_starts_with(a in "[ab/]{0,12}", b in "[ab/]{0,12}") {
        let p = RepoPath::new(&a);
        let dir = RepoPath::new(&b);
        prop_assert_eq!(p.starts_with(dir.as_str()), p.strip_prefix(dir.as_str()).is_some());
        if let Some(rest) = p.strip_prefix(dir.as_str()) {
            prop_assert_eq!(dir.join(rest), p);
        }
    }

    #[test]
    fn json_parser_never_panics(text in any::<String>()) {
        let _ = ops_model::cache::parse_json(&text);
    }

    #[test]
    fn config_parser_never_panics(text in any::<String>()) {
        let _ = Contract::from_toml(&text, Path::new("ops-check.toml"));
    }

    #[test]
    fn positions_are_within_the_text(text in any::<String>(), at in 0usize..200) {
        let (line, column) = line_column(&text, at);
        prop_assert!(line >= 1 && column >= 1);
        prop_assert!(line as usize <= text.lines().count().max(1) + 1);
    }
}
