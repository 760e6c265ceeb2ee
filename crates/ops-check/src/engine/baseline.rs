//! Which baseline a run applies, and reading it.

use std::path::{Path, PathBuf};

use ops_model::Contract;
use ops_report::Baseline;

use super::Engine;
use crate::EngineError;

/// Which baseline [`Engine::check`] applies.
#[derive(Clone, Debug, Default)]
pub enum BaselineChoice {
    /// The file the config's `baseline` key names (relative to the checked root), if any:
    /// the default.
    #[default]
    FromConfig,
    /// This file (a relative path is relative to the current directory).
    File(PathBuf),
    /// This baseline.
    Given(Baseline),
    /// None, whatever the config says (what `baseline write` records from).
    Off,
}

impl Engine {
    /// The baseline to apply, read now when it is a file.
    pub(super) fn load_baseline(
        &self,
        root: &Path,
        contract: &Contract,
    ) -> Result<Option<Baseline>, EngineError> {
        Ok(match &self.baseline {
            BaselineChoice::Off => None,
            BaselineChoice::Given(baseline) => Some(baseline.clone()),
            BaselineChoice::File(path) => Some(crate::baseline::read(path)?),
            BaselineChoice::FromConfig if contract.baseline.is_empty() => None,
            BaselineChoice::FromConfig => {
                Some(crate::baseline::read(&root.join(&contract.baseline))?)
            }
        })
    }
}
