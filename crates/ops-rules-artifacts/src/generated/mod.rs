//! Generated outputs: their headers, their homes, the committed-generated directories, and
//! what makes content run-scoped.

pub mod committed_dirs;
pub mod header;
pub mod run_scoped;

use ops_model::{CheckContext, RepoPath};

pub use header::generated_marker;

/// Where generated files may live under `ops/`: the deterministic and static generated
/// directories, the committed-generated directories (`ops/_examples/`) and the runtime
/// artifacts root (runtime outputs are often generated, and are ephemeral anyway).
pub fn generated_homes(cx: &CheckContext<'_>) -> Vec<RepoPath> {
    let a = &cx.contract.artifacts;
    let mut homes = vec![
        RepoPath::new(&a.generated_committed_dir),
        RepoPath::new(&a.generated_static_dir),
        RepoPath::new(&a.artifacts_root),
    ];
    homes.extend(a.committed_generated_dirs.iter().map(|d| d.dir.clone()));
    homes.retain(|h| !h.is_root());
    homes
}
