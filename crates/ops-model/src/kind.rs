//! What a file is, decided once: by its name where the name tells, else by its shebang.
//!
//! Every rule asks the same question ("is this a shell script?") and must get the same
//! answer, so the answer lives here, next to the file cache that computes it once per file
//! ([`crate::FileCache::kind`]). The readers of `ops-syntax` re-export it.

use crate::RepoPath;

/// The language of a file, as far as ops-check reads languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// POSIX shell, bash, zsh, ksh, dash or bats: by extension (`.sh`, `.bash`, `.zsh`,
    /// `.ksh`, `.bats`) or, for a name without one, a shebang naming a shell.
    Shell,
    /// Python: `.py`, `.pyi`, or a shebang naming python.
    Python,
    /// GNU make: `Makefile`, `makefile`, `GNUmakefile`, `*.mk`, `*.make`.
    Make,
    /// CommonMark / GitHub Markdown: `.md`, `.markdown`.
    Markdown,
    /// JSON: `.json`.
    Json,
    /// YAML outside `.github/workflows/`: `.yaml`, `.yml`.
    Yaml,
    /// A GitHub Actions workflow: YAML directly under `.github/workflows/`.
    Workflow,
    /// TOML: `.toml`.
    Toml,
    /// Anything else, including files that could not be read to look for a shebang.
    Other,
}

impl FileKind {
    /// The kind the name alone tells, or `None` when it must be decided from the content
    /// (a name without an extension, such as `bin/deploy`, may be a shell or Python script).
    pub fn from_name(path: &RepoPath) -> Option<FileKind> {
        let name = path.file_name();
        match name {
            "Makefile" | "makefile" | "GNUmakefile" => return Some(FileKind::Make),
            _ => {}
        }
        let ext = path.extension()?;
        Some(match ext.to_ascii_lowercase().as_str() {
            "sh" | "bash" | "zsh" | "ksh" | "dash" | "bats" => FileKind::Shell,
            "py" | "pyi" => FileKind::Python,
            "mk" | "make" => FileKind::Make,
            "md" | "markdown" => FileKind::Markdown,
            "json" => FileKind::Json,
            "yaml" | "yml" if is_workflow_dir(path) => FileKind::Workflow,
            "yaml" | "yml" => FileKind::Yaml,
            "toml" => FileKind::Toml,
            _ => FileKind::Other,
        })
    }

    /// The kind of a file whose name does not tell, from the first bytes of its content:
    /// a shebang (`#!/bin/bash`, `#!/usr/bin/env -S python3 -u`) names the interpreter.
    pub fn from_head(head: &[u8]) -> FileKind {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let Some(rest) = head.strip_prefix(b"#!") else {
            return FileKind::Other;
        };
        let line_end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let line = String::from_utf8_lossy(&rest[..line_end]);
        match shebang_interpreter(&line) {
            Some(i) if is_shell_name(i) => FileKind::Shell,
            Some(i) if i.starts_with("python") => FileKind::Python,
            Some("make") => FileKind::Make,
            _ => FileKind::Other,
        }
    }

    /// The kind from the name, falling back to `head` for names that do not tell.
    pub fn detect(path: &RepoPath, head: &[u8]) -> FileKind {
        FileKind::from_name(path).unwrap_or_else(|| FileKind::from_head(head))
    }

    /// YAML in either form (workflows are YAML too).
    pub fn is_yaml(self) -> bool {
        matches!(self, FileKind::Yaml | FileKind::Workflow)
    }
}

/// How many leading bytes [`FileKind::from_head`] needs at most.
pub const HEAD_LEN: usize = 256;

/// The interpreter a shebang line (without `#!`) runs: the program's base name, or for
/// `env`, the first operand that is not an option or an assignment.
pub fn shebang_interpreter(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace();
    let program = words.next()?;
    let base = program.rsplit('/').next().unwrap_or(program);
    if base != "env" {
        return Some(base);
    }
    words
        .find(|w| !w.starts_with('-') && !w.contains('='))
        .map(|w| w.rsplit('/').next().unwrap_or(w))
}

/// Whether a program name is a POSIX-family shell.
fn is_shell_name(name: &str) -> bool {
    matches!(
        name,
        "sh" | "bash" | "zsh" | "ksh" | "dash" | "ash" | "mksh" | "bats"
    )
}

fn is_workflow_dir(path: &RepoPath) -> bool {
    path.parent().is_some_and(|p| {
        p.as_str() == ".github/workflows" || p.as_str().ends_with("/.github/workflows")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str, head: &str) -> FileKind {
        FileKind::detect(&RepoPath::new(path), head.as_bytes())
    }

    #[test]
    fn names_decide_when_they_can() {
        assert_eq!(kind("ops/x.sh", "#!/usr/bin/env python3"), FileKind::Shell);
        assert_eq!(kind("ops/x.BASH", ""), FileKind::Shell);
        assert_eq!(kind("Makefile", ""), FileKind::Make);
        assert_eq!(kind("makefiles/ops.mk", ""), FileKind::Make);
        assert_eq!(kind(".github/workflows/ci.yml", ""), FileKind::Workflow);
        assert_eq!(
            kind("ops/.github/workflows/ci.yaml", ""),
            FileKind::Workflow
        );
        assert_eq!(kind(".github/workflows/sub/ci.yaml", ""), FileKind::Yaml);
        assert_eq!(kind("ops/k8s/values.yaml", ""), FileKind::Yaml);
        assert_eq!(kind("docs/a.md", ""), FileKind::Markdown);
        assert_eq!(kind("notes.txt", "#!/bin/sh"), FileKind::Other);
    }

    #[test]
    fn shebangs_decide_for_bare_names() {
        assert_eq!(kind("bin/deploy", "#!/bin/bash\necho"), FileKind::Shell);
        assert_eq!(kind("bin/deploy", "\u{feff}#!/bin/sh"), FileKind::Shell);
        assert_eq!(
            kind("bin/x", "#!/usr/bin/env -S python3 -u\n"),
            FileKind::Python
        );
        assert_eq!(kind("bin/x", "#!/usr/bin/env FOO=1 bash"), FileKind::Shell);
        assert_eq!(kind("bin/x", "#!/usr/bin/make -f"), FileKind::Make);
        assert_eq!(kind("bin/x", "#!/usr/bin/env node"), FileKind::Other);
        assert_eq!(kind("bin/x", "echo hi"), FileKind::Other);
        assert_eq!(kind("bin/x", ""), FileKind::Other);
    }
}
