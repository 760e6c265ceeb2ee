//! Everything the surface rules read by name, built once per run and shared by them (and by
//! `ops-check gen`).

use std::borrow::Cow;
use std::sync::Arc;

use hashbrown::HashMap;

use ops_model::{CheckContext, RepoPath};
use ops_syntax::make::Rule as MakeRule;

use crate::index_md::{Listing, index_listing};
use crate::makefiles::Makefiles;
use crate::problem::FileProblem;
use crate::surface_file::{self, SurfaceDecl};

/// The surface declaration, the index's listings and the makefiles.
pub struct SurfaceModel {
    /// The declaration, or why it cannot be read. SCH008 reports what is wrong inside the
    /// file, SUR001 a file that is not there; the other rules skip quietly so one broken file
    /// gives one finding. Entries of the wrong shape are skipped (SCH008 reports them).
    pub decl: Result<SurfaceDecl, FileProblem>,
    /// The makefiles of `[surface] makefile`, as make reads them.
    pub make: Makefiles,
    /// Declared or deprecated target for which make searches a pattern rule -> that rule,
    /// instantiated once per run (its recipe expanded for the target, the costly part of a
    /// large surface served by `ops-%:`) and shared by SUR002, SUR003, SUR004, DEP001 and the
    /// surface page. Targets with a recipe of their own are not here: their rules are the
    /// database's, borrowed.
    implicit: HashMap<String, Option<MakeRule>>,
}

/// The rules make uses for one target: its explicit rules, then the pattern rule that
/// provides its recipe, if any (GNU make manual 10.8).
pub struct TargetRules<'a> {
    explicit: &'a [MakeRule],
    implicit: Option<Cow<'a, MakeRule>>,
}

impl<'a> TargetRules<'a> {
    /// The rules, explicit ones first, in reading order.
    pub fn iter(&self) -> impl Iterator<Item = &MakeRule> {
        self.explicit.iter().chain(self.implicit.as_deref())
    }

    /// The pattern rule that provides the recipe, instantiated for the target, if any.
    pub fn implicit(&self) -> Option<&MakeRule> {
        self.implicit.as_deref()
    }

    /// The first rule, if any.
    pub fn first(&self) -> Option<&MakeRule> {
        self.iter().next()
    }

    /// True when make has no rule for the target.
    pub fn is_empty(&self) -> bool {
        self.explicit.is_empty() && self.implicit.is_none()
    }
}

impl SurfaceModel {
    fn load(cx: &CheckContext<'_>) -> SurfaceModel {
        // The declaration and the makefiles are read at the same time when the run has
        // more than one thread: every surface rule waits for this model, and on a large
        // surface the two reads are most of the run's critical path. A plain scoped thread,
        // not rayon (see `SharedState`).
        let read_decl = || surface_file::read(cx).map(|(decl, _skipped)| decl);
        let (decl, make) = if rayon::current_num_threads() > 1 {
            std::thread::scope(|s| {
                let make = s.spawn(|| Makefiles::read(cx));
                let decl = read_decl();
                let make = make
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (decl, make)
            })
        } else {
            (read_decl(), Makefiles::read(cx))
        };
        let mut implicit = HashMap::new();
        if let Ok(d) = &decl {
            let db = &make.db;
            let names = d.entrypoints.iter().map(|e| &e.name);
            for name in names.chain(d.deprecated.iter().map(|d| &d.target)) {
                if db.searches_implicit(name, db.rules_for(name)) && !implicit.contains_key(name) {
                    implicit.insert(name.clone(), db.implicit_rule(name));
                }
            }
        }
        SurfaceModel {
            decl,
            make,
            implicit,
        }
    }

    /// The rules make uses for `target` (as [`Database::resolve`](ops_syntax::make::Database::resolve)
    /// gives them), the pattern rule from the per-run cache for a declared or deprecated
    /// target.
    pub fn rules_for(&self, target: &str) -> TargetRules<'_> {
        let db = &self.make.db;
        let explicit = db.rules_for(target);
        let implicit = if !db.searches_implicit(target, explicit) {
            None
        } else if let Some(cached) = self.implicit.get(target) {
            cached.as_ref().map(Cow::Borrowed)
        } else {
            db.implicit_rule(target).map(Cow::Owned)
        };
        TargetRules { explicit, implicit }
    }

    /// Is `target` made by some rule, explicit or implicit?
    pub fn is_defined(&self, target: &str) -> bool {
        !self.rules_for(target).is_empty()
    }

    /// The declaration, when it could be read.
    pub fn decl(&self) -> Option<&SurfaceDecl> {
        self.decl.as_ref().ok()
    }
}

/// The index file named by the layout config (`ops/INDEX.md`).
pub fn index_path(cx: &CheckContext<'_>) -> RepoPath {
    RepoPath::new(cx.contract.ops_path(&cx.contract.layout.index_file))
}

/// `ops/INDEX.md` and its listings, or why it cannot be read. Not part of the model: the
/// rules ask in their checks, after the scan pass, whose SUR004 already read the page and
/// left its listings (one parse, where reading the page with the model parsed it a second
/// time beside the scan).
pub fn read_index(cx: &CheckContext<'_>) -> Result<(RepoPath, Arc<Listing>), String> {
    let path = index_path(cx);
    if !cx.index.is_file(path.as_str()) {
        return Err(format!("the index `{path}` does not exist"));
    }
    let text = crate::read::text(cx, &path).map_err(|e| crate::read::unreadable(&path, &e))?;
    let listing = index_listing(cx, || {
        Listing::read(text, &cx.contract.surface.target_prefix)
    });
    Ok((path, listing))
}

/// The run's shared model.
pub fn model(cx: &CheckContext<'_>) -> Arc<SurfaceModel> {
    cx.shared.get_or_init(|| SurfaceModel::load(cx))
}

/// Starts building the run's shared model unless it is built or being built (the
/// [`Rule::prepare`](ops_model::Rule::prepare) of every rule that reads it).
pub fn prefetch(cx: &CheckContext<'_>) {
    cx.shared.prefetch(|| SurfaceModel::load(cx));
}
