//! Issue 10 ("One syntax layer"), inputs 1 and 2 under SUR005: a makefile written with
//! `.RECIPEPREFIX = >` or a grouped target renders the same surface page as before.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use ops_gen::GeneratedDocsDrift;
use ops_model::testing::TestRepo;

fn conforming() -> TestRepo {
    TestRepo::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ops-fixtures/conforming"))
}

fn edit_ops_mk(repo: &TestRepo, edit: impl FnOnce(String) -> String) {
    let path = repo.path().join("makefiles/ops.mk");
    let text = fs::read_to_string(&path).unwrap();
    let edited = edit(text.clone());
    assert_ne!(
        text, edited,
        "the fixture's ops.mk changed; update this test"
    );
    fs::write(&path, edited).unwrap();
}

#[test]
fn the_conforming_fixture_is_up_to_date() {
    assert_eq!(
        conforming().context().run_lines(&GeneratedDocsDrift),
        Vec::<String>::new()
    );
}

/// Input 1: `.RECIPEPREFIX = >`.
#[test]
fn recipe_prefix_renders_the_same_page() {
    let repo = conforming();
    edit_ops_mk(&repo, |t| {
        format!(".RECIPEPREFIX = >\n{}", t.replace("\n\t", "\n>"))
    });
    assert_eq!(
        repo.context().run_lines(&GeneratedDocsDrift),
        Vec::<String>::new()
    );
}

/// Input 2: `ops-down&:`.
#[test]
fn grouped_target_renders_the_same_page() {
    let repo = conforming();
    edit_ops_mk(&repo, |t| t.replace("ops-down:\n", "ops-down&:\n"));
    assert_eq!(
        repo.context().run_lines(&GeneratedDocsDrift),
        Vec::<String>::new()
    );
}
