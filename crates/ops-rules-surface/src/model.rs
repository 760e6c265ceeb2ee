//! Everything the surface rules read by name, built once per run and shared by them (and by
//! `ops-check gen`).

use std::sync::Arc;

use ops_model::{CheckContext, RepoPath};

use crate::index_md::Listing;
use crate::makefiles::Makefiles;
use crate::problem::FileProblem;
use crate::surface_file::{self, SurfaceDecl};

/// The surface declaration, the index's listings and the makefiles.
pub struct SurfaceModel {
    /// The declaration, or why it cannot be read. SCH008 reports what is wrong inside the
    /// file, SUR001 a file that is not there; the other rules skip quietly so one broken file
    /// gives one finding. Entries of the wrong shape are skipped (SCH008 reports them).
    pub decl: Result<SurfaceDecl, FileProblem>,
    /// `ops/INDEX.md` and its listings, or why it cannot be read.
    pub index: Result<(RepoPath, Listing), String>,
    pub make: Makefiles,
}

impl SurfaceModel {
    fn load(cx: &CheckContext<'_>) -> SurfaceModel {
        SurfaceModel {
            decl: surface_file::read(cx).map(|(decl, _skipped)| decl),
            index: read_index(cx),
            make: Makefiles::read(cx),
        }
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

fn read_index(cx: &CheckContext<'_>) -> Result<(RepoPath, Listing), String> {
    let path = index_path(cx);
    if !cx.index.is_file(path.as_str()) {
        return Err(format!("the index `{path}` does not exist"));
    }
    let text = crate::read::text(cx, &path).map_err(|e| crate::read::unreadable(&path, &e))?;
    let listing = Listing::read(text, &cx.contract.surface.target_prefix);
    Ok((path, listing))
}

/// The run's shared model.
pub fn model(cx: &CheckContext<'_>) -> Arc<SurfaceModel> {
    cx.shared.get_or_init(|| SurfaceModel::load(cx))
}
