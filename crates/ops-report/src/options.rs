//! What renderers need besides the report: where the checked root sits in the repository,
//! where the rule pages are published, the metadata of the rules that ran, and the terminal
//! extras of the formats people read.

use std::time::Duration;

use ops_model::{RepoPath, RuleMeta};

/// How to render a [`crate::Report`]. `Default` is: no colour, the checked root is the top of
/// the repository, no rule links, no rule metadata, findings listed, no run time.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// ANSI colours in the human report (only on a terminal, never with `NO_COLOR`; the
    /// caller decides).
    pub color: bool,
    /// Where the checked root lies inside the git work tree (`services/api` when PATH is that
    /// subdirectory; the root when it is the top or not in a work tree). The github, sarif,
    /// gitlab and markdown formats put it before every path, so annotations, code-scanning
    /// alerts and MR widgets land on the right file; human, concise, json and junit keep paths
    /// relative to the checked root.
    pub repo_prefix: RepoPath,
    /// Absolute base URL of the rule pages: a rule's page is `{docs_url}/{CODE}.md`, or the
    /// URL with `{code}` replaced when it holds that placeholder. `None`: no links.
    pub docs_url: Option<String>,
    /// Metadata of the rules that ran (SARIF rule descriptors, markdown summaries). A finding
    /// whose rule is missing here is still rendered, with what the finding itself says.
    pub rules: Vec<&'static RuleMeta>,
    /// human and concise: a table of counts per rule instead of the list of findings
    /// (`--statistics`).
    pub statistics: bool,
    /// human and concise: the run time, appended to the summary line. Only for a terminal:
    /// a report that is kept or compared must not carry it (reports are byte-identical
    /// across runs).
    pub elapsed: Option<Duration>,
}

impl RenderOptions {
    /// `path` (relative to the checked root) as seen from the top of the repository. The
    /// checked root itself is the prefix, or `.` at the top.
    pub fn repo_path(&self, path: &RepoPath) -> String {
        match (self.repo_prefix.is_root(), path.is_root()) {
            (true, _) => path.to_string(),
            (false, true) => self.repo_prefix.to_string(),
            (false, false) => format!("{}/{}", self.repo_prefix, path),
        }
    }

    /// The URL of a rule's page, when [`Self::docs_url`] is set.
    pub fn rule_url(&self, code: &str) -> Option<String> {
        let base = self.docs_url.as_deref()?;
        Some(if base.contains("{code}") {
            base.replace("{code}", code)
        } else {
            format!("{}/{code}.md", base.trim_end_matches('/'))
        })
    }

    /// The metadata of the rule with this code, when it ran.
    pub fn rule(&self, code: &str) -> Option<&'static RuleMeta> {
        self.rules.iter().copied().find(|m| m.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_paths() {
        let top = RenderOptions::default();
        assert_eq!(top.repo_path(&RepoPath::new("ops/x")), "ops/x");
        assert_eq!(top.repo_path(&RepoPath::root()), ".");
        let sub = RenderOptions {
            repo_prefix: RepoPath::new("services/api"),
            ..RenderOptions::default()
        };
        assert_eq!(sub.repo_path(&RepoPath::new("ops/x")), "services/api/ops/x");
        assert_eq!(sub.repo_path(&RepoPath::root()), "services/api");
    }

    #[test]
    fn rule_urls() {
        let mut o = RenderOptions::default();
        assert_eq!(o.rule_url("LAY001"), None);
        o.docs_url = Some("https://example.com/docs/rules/".into());
        assert_eq!(
            o.rule_url("LAY001").as_deref(),
            Some("https://example.com/docs/rules/LAY001.md")
        );
        o.docs_url = Some("https://example.com/rules/{code}.html".into());
        assert_eq!(
            o.rule_url("LAY001").as_deref(),
            Some("https://example.com/rules/LAY001.html")
        );
    }
}
