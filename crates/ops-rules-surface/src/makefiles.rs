//! The root makefile and everything it includes, read once per run with
//! [`ops_syntax::make`], and what the surface rules ask of it.

use ops_model::{CheckContext, RepoPath};
use ops_syntax::make::{self, Database, IncludeStatus, Options, ProblemKind, RepoLoader};

use crate::commands::ROOT_VAR;

/// The makefiles as make reads them from `[surface] makefile`.
pub struct Makefiles {
    /// The database of the read.
    pub db: Database,
    /// The root makefile, repository-relative.
    pub root: RepoPath,
}

impl Makefiles {
    /// Reads `[surface] makefile` the way `make -f <name>` run in its directory reads it.
    ///
    /// Variables defined nowhere are unknown, not empty (`undefined_unknown`): the
    /// environment make runs in may set them, so `ifdef CI` reads both branches and what
    /// they define counts as defined, and `$(if $(PROFILE),...)` is one unknown argument
    /// rather than a guess. The repository root is written `$ROOT` in expanded recipes.
    pub fn read(cx: &CheckContext<'_>) -> Makefiles {
        let root = RepoPath::new(&cx.contract.surface.makefile);
        let directory = root.parent().unwrap_or_default();
        let options = Options {
            directory: directory.as_str().to_string(),
            undefined_unknown: true,
            root_text: format!("${ROOT_VAR}"),
            limits: cx.contract.limits.make,
            ..Options::default()
        };
        let db = make::read(root.file_name(), &RepoLoader::from_context(cx), &options);
        Makefiles { db, root }
    }

    /// True when the root makefile is not there at all.
    pub fn root_missing(&self) -> bool {
        self.db
            .problems()
            .iter()
            .any(|p| p.kind == ProblemKind::RootMissing)
    }

    /// The makefiles that exist but could not be read, with why: what they define is unknown.
    pub fn unreadable(&self) -> impl Iterator<Item = (&RepoPath, &str)> {
        self.db.files().iter().filter_map(|f| match &f.status {
            IncludeStatus::Unreadable(why) => Some((&f.path, why.as_str())),
            _ => None,
        })
    }

    /// What the read could not see, each a short sentence: while any is there, a target
    /// without a rule may still be defined (in an unreadable file, an include whose path is
    /// unknown, an `$(eval)`, a rule whose target name is unknown, past a budget).
    pub fn unseen(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .unreadable()
            .map(|(path, why)| format!("`{path}` cannot be read ({why})"))
            .collect();
        for p in self.db.problems() {
            let hides = matches!(
                p.kind,
                ProblemKind::IncludeUnresolved
                    | ProblemKind::Eval
                    | ProblemKind::UnknownTarget
                    | ProblemKind::Budget(_)
            );
            if hides {
                let at = p
                    .position
                    .as_ref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default();
                out.push(format!("{}{at}", p.message));
            }
        }
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn reads_includes_patterns_and_unseen_parts() {
        let repo = TestRepo::new()
            .file(
                "Makefile",
                "include makefiles/*.mk\ninclude $(OPS_MK)\nA ?= ./bin/atlasctl\n",
            )
            .file("makefiles/ops.mk", ".PHONY: ops-x\nops-%:\n\t$(A) ops $*\n")
            .bytes("makefiles/bad.mk", &[0xff]);
        let run = repo.context();
        let m = Makefiles::read(&run.cx());
        assert!(!m.root_missing());
        assert!(m.db.is_defined("ops-up") && !m.db.is_defined("ops-x"));
        let r = m.db.resolve("ops-up");
        assert!(r.explicit.is_empty());
        let rule = r.implicit.expect("the pattern rule");
        assert_eq!(rule.recipe[0].command(), "./bin/atlasctl ops up");
        let unseen = m.unseen();
        assert_eq!(unseen.len(), 2, "{unseen:?}");
        assert!(
            unseen[0].starts_with("`makefiles/bad.mk` cannot be read ("),
            "{unseen:?}"
        );
        assert!(unseen[1].contains("Makefile:2"), "{unseen:?}");
    }
}
