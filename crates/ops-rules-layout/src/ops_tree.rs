//! Where a path sits in the operations tree: which domain or reserved directory owns it.
//!
//! Several layout rules ask the same questions ("which domain is `ops/k8s/scripts/a.sh` in?"),
//! so the answers live here once.

use ops_model::{Contract, RepoPath};

/// The top-level area of `ops/` a path belongs to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    /// A canonical domain (`stack`, `k8s`, ...).
    Domain(String),
    /// A reserved directory (`_lib`, `_meta`, ...) or any other top-level name.
    Other(String),
    /// A file directly in `ops/` (`ops/CONTRACT.md`).
    Root,
    /// Outside the operations tree.
    Outside,
}

impl Area {
    /// A short label for messages: `k8s`, `_lib`, `ops/`, `outside ops/`.
    pub fn label(&self, contract: &Contract) -> String {
        match self {
            Area::Domain(name) | Area::Other(name) => name.clone(),
            Area::Root => format!("{}/", contract.ops_path("")),
            Area::Outside => format!("outside {}/", contract.ops_path("")),
        }
    }
}

/// The path relative to the operations root, when it lies below it (never the root itself).
pub fn below_ops<'a>(contract: &Contract, path: &'a RepoPath) -> Option<&'a str> {
    path.strip_prefix(contract.ops_dir())
        .filter(|rest| !rest.is_empty())
}

/// The area of `ops/` that owns `path`.
pub fn area_of(contract: &Contract, path: &RepoPath) -> Area {
    let Some(rest) = below_ops(contract, path) else {
        return Area::Outside;
    };
    match rest.split_once('/') {
        None => Area::Root,
        Some((top, _)) if contract.layout.domains.iter().any(|d| d == top) => {
            Area::Domain(top.to_string())
        }
        Some((top, _)) => Area::Other(top.to_string()),
    }
}

/// True when `path` lies in the shared helper directory (`ops/_lib/**`).
pub fn in_lib(contract: &Contract, path: &RepoPath) -> bool {
    contract.below_ops(path.as_str(), &contract.layout.lib_dir)
}

/// Joins names for messages, in the order given: `a, b, c`.
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| n.as_ref())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lists at most `max` items and says how many more there are: `a, b and 3 more`.
pub fn join_capped<S: AsRef<str>>(items: &[S], max: usize) -> String {
    if items.len() <= max {
        return join_names(items);
    }
    format!(
        "{} and {} more",
        join_names(&items[..max]),
        items.len() - max
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas() {
        let c = Contract::default();
        let area = |p: &str| area_of(&c, &RepoPath::new(p));
        assert_eq!(area("ops/k8s/a.sh"), Area::Domain("k8s".into()));
        assert_eq!(area("ops/_lib/a.sh"), Area::Other("_lib".into()));
        assert_eq!(area("ops/CONTRACT.md"), Area::Root);
        assert_eq!(area("opsx/a"), Area::Outside);
        assert_eq!(area("ops"), Area::Outside);
        assert!(in_lib(&c, &RepoPath::new("ops/_lib/x/y.sh")));
        assert!(!in_lib(&c, &RepoPath::new("ops/_libx/y.sh")));
    }

    #[test]
    fn capped_lists() {
        assert_eq!(join_capped(&["a", "b"], 3), "a, b");
        assert_eq!(join_capped(&["a", "b", "c", "d"], 2), "a, b and 2 more");
    }
}
