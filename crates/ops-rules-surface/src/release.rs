//! The current release: the `Contract version:` declared in `[surface] release_file`.

use ops_model::text::numbered_lines;
use ops_model::{CheckContext, RepoPath};
use semver::Version;

/// The release the working tree is heading for, and where it is declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    /// The semantic version (`1.2.0`; a leading `v` is dropped).
    pub version: Version,
    /// The file that declares it (`[surface] release_file`).
    pub path: RepoPath,
    /// 1-based line of its `Contract version:` line.
    pub line: u32,
}

/// Reads the release from the configured file. The error says why it cannot be known.
pub fn current(cx: &CheckContext<'_>) -> Result<Release, String> {
    let path = RepoPath::new(&cx.contract.surface.release_file);
    let text = crate::read::text(cx, &path)
        .map_err(|e| format!("cannot read `{path}` for the current release: {e}"))?;
    let (version, line) = find_version(text).ok_or_else(|| {
        format!("`{path}` has no `Contract version:` line with a semantic version (X.Y.Z)")
    })?;
    Ok(Release {
        version,
        path,
        line,
    })
}

/// The first `... Contract version ... X.Y.Z` line, the version possibly in backticks.
pub fn find_version(text: &str) -> Option<(Version, u32)> {
    numbered_lines(text).find_map(|(n, line)| {
        let lower = line.to_ascii_lowercase();
        let at = lower.find("contract version")?;
        line[at + "contract version".len()..]
            .split(|c: char| c.is_whitespace() || matches!(c, '`' | ':' | '*' | '"'))
            .find_map(|w| parse(w.trim_start_matches('v')))
            .map(|v| (v, n))
    })
}

/// Parses a release name (`1.2.0`, `v1.2.0`).
pub fn parse(text: &str) -> Option<Version> {
    Version::parse(text.trim().trim_start_matches('v')).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_contract_version() {
        let text = "# Ops\n\n- Owner: `x`\n- Contract version: `1.2.0`\n";
        assert_eq!(find_version(text), Some((Version::new(1, 2, 0), 4)));
        assert_eq!(
            find_version("**Contract version**: v2.0.0-rc.1"),
            Some((Version::parse("2.0.0-rc.1").unwrap(), 1))
        );
        assert_eq!(find_version("no version here"), None);
    }
}
