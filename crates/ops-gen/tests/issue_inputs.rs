//! Issue 10 ("One syntax layer"), inputs 1 and 2 under SUR005: a makefile written with
//! `.RECIPEPREFIX = >` or a grouped target renders the same surface page as before.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use ops_gen::GeneratedDocsDrift;
use ops_model::testing::TestRepo;

fn conforming() -> TestRepo {
    TestRepo::fixture("conforming")
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
    repo.edit("makefiles/ops.mk", |t| {
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
    repo.edit("makefiles/ops.mk", |t| {
        t.replace("ops-down:\n", "ops-down&:\n")
    });
    assert_eq!(
        repo.context().run_lines(&GeneratedDocsDrift),
        Vec::<String>::new()
    );
}
