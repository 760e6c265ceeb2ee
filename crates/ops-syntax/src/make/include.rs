//! Includes (GNU make manual 3.3 "Including Other Makefiles"): read where the directive
//! stands, names expanded and globbed through the loader, with cycle detection and the
//! include count, depth and input size budgets.

use ops_model::RepoPath;

use crate::UNKNOWN_MARK;

use super::DIR_MARK;
use super::database::{IncludeStatus, IncludedFile, Position, ProblemKind};
use super::limits::BudgetKind;
use super::lines::words;
use super::loader::{Loaded, Refused, has_glob, resolve};
use super::reader::Reader;

impl Reader<'_> {
    /// Reads the makefile at `path` (normalised), included from `from` (`None`: the root).
    pub fn include_file(&mut self, path: String, optional: bool, from: Option<&Position>) {
        let record = |status| IncludedFile {
            path: RepoPath::new(&path),
            from: from.cloned(),
            status,
        };
        let limits = self.tables.limits;
        let over = if self.stack.contains(&path) {
            self.problem(
                ProblemKind::IncludeCycle,
                from,
                format!("`{path}` includes itself (an include cycle); it is not read again"),
            );
            self.files.push(record(IncludeStatus::Cyclic));
            return;
        } else if self.stack.len() > limits.max_include_depth {
            Some(BudgetKind::IncludeDepth)
        } else if from.is_some() && self.includes >= limits.max_includes {
            Some(BudgetKind::IncludeCount)
        } else {
            None
        };
        if let Some(kind) = over {
            self.over_budget(kind, &path, from);
            self.files.push(record(IncludeStatus::OverBudget(kind)));
            return;
        }
        if from.is_some() {
            self.includes += 1;
        }
        let loaded = self.loader.load(&path);
        match loaded {
            Loaded::Missing => {
                if from.is_none() {
                    self.problem(
                        ProblemKind::RootMissing,
                        None,
                        format!("the root makefile `{path}` does not exist"),
                    );
                } else if !optional {
                    self.problem(
                        ProblemKind::IncludeMissing,
                        from,
                        format!("included makefile `{path}` does not exist (make stops here)"),
                    );
                }
                self.files.push(record(IncludeStatus::Missing { optional }));
            }
            Loaded::Unreadable(why) => {
                self.problem(
                    ProblemKind::Unreadable,
                    from,
                    format!("makefile `{path}` {why}; what it defines is not seen"),
                );
                self.files.push(record(IncludeStatus::Unreadable(why)));
            }
            Loaded::Text(text) => {
                if text.len() > limits.max_file_bytes
                    || self.bytes.saturating_add(text.len()) > limits.max_total_bytes
                {
                    self.over_budget(BudgetKind::InputSize, &path, from);
                    self.files
                        .push(record(IncludeStatus::OverBudget(BudgetKind::InputSize)));
                    return;
                }
                self.bytes += text.len();
                self.files.push(record(IncludeStatus::Read));
                self.read_file(path, &text);
            }
        }
    }

    fn over_budget(&mut self, kind: BudgetKind, path: &str, from: Option<&Position>) {
        // Past the count every further include is over it too: say it once.
        if kind == BudgetKind::IncludeCount
            && !self.budget.reported.insert("include count".to_string())
        {
            return;
        }
        self.problem(
            ProblemKind::Budget(kind),
            from,
            format!("makefile `{path}` is not read: past the {kind}; what it defines is not seen"),
        );
    }

    /// `include` words: expanded, globbed through the loader, read in order.
    pub(crate) fn include_line(&mut self, rest: &str, optional: bool, position: &Position) {
        let expanded = self.expand(rest, "an include line", position);
        let names: Vec<String> = words(&expanded).map(str::to_string).collect();
        for word in names {
            if word.contains([UNKNOWN_MARK, DIR_MARK]) {
                self.unresolved(&word, "is not known statically", position);
                continue;
            }
            let path = match resolve(&self.tables.base, &word) {
                Ok(p) => p,
                Err(Refused::Absolute) => {
                    self.unresolved(&word, "is outside the repository", position);
                    continue;
                }
                Err(Refused::LeavesRoot) => {
                    self.unresolved(&word, "leaves the repository", position);
                    continue;
                }
            };
            if has_glob(&word) {
                // make expands the glob; no match includes nothing.
                for found in self.loader.glob(&path) {
                    self.include_file(found, optional, Some(position));
                }
            } else {
                self.include_file(path, optional, Some(position));
            }
        }
    }

    fn unresolved(&mut self, word: &str, why: &str, position: &Position) {
        let shown = self.tables.render(word);
        self.problem(
            ProblemKind::IncludeUnresolved,
            Some(position),
            format!("include path `{shown}` {why}; what it defines is not seen"),
        );
    }
}
