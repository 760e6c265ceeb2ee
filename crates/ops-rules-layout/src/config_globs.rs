//! Name globs from `layout.*` settings, and the one way a rule reports a glob that does not
//! parse.

use ops_model::contract::CONFIG_FILE_NAME;
use ops_model::{Finding, GlobList, RuleMeta};

/// The `layout.<key>` patterns compiled as file-name globs. A pattern that does not parse is
/// a finding on `ops-check.toml`; the rule cannot check what needs the globs.
pub fn name_globs(
    meta: &'static RuleMeta,
    key: &str,
    patterns: &[String],
) -> Result<GlobList, Finding> {
    GlobList::names(patterns).map_err(|err| {
        Finding::new(meta, CONFIG_FILE_NAME, format!("`layout.{key}`: {err}"))
            .help("fix the glob in ops-check.toml")
    })
}
