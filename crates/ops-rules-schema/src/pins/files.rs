//! Pins in version files, whose name says which tool they pin:
//!
//! - `.tool-versions` (asdf, mise): one `tool version...` per line, `#` comments;
//! - `.<tool>-version` (`.python-version`, `.terraform-version`, `.node-version`) and
//!   `.nvmrc` (node): the first line that is not blank or a comment;
//! - `<tool>-toolchain` (the first line) and `<tool>-toolchain.toml` (`channel` in
//!   `[toolchain]`, or at the top), rustup's toolchain files.

use ops_model::text::numbered_lines;

use super::table::ToolTable;
use super::version::is_version;

/// A pin in a version file: the tool, the version, its line and byte offset in the line.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub tool: usize,
    pub value: String,
    pub line: u32,
    pub offset: usize,
}

/// The kind of version file a name is, with the tool its name gives.
pub(super) enum VersionFile<'n> {
    Asdf,
    /// The first line, for the tool named.
    FirstLine(&'n str),
    /// `channel` of a rustup-style TOML toolchain file, for the tool named.
    Toolchain(&'n str),
}

/// What version file `name` is, if any.
pub(super) fn version_file(name: &str) -> Option<VersionFile<'_>> {
    if name == ".tool-versions" {
        return Some(VersionFile::Asdf);
    }
    if name == ".nvmrc" {
        return Some(VersionFile::FirstLine("node"));
    }
    if let Some(tool) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix("-version"))
        .filter(|t| !t.is_empty())
    {
        return Some(VersionFile::FirstLine(tool));
    }
    if let Some(tool) = name.strip_suffix("-toolchain.toml") {
        return Some(VersionFile::Toolchain(tool));
    }
    name.strip_suffix("-toolchain")
        .filter(|t| !t.is_empty())
        .map(VersionFile::FirstLine)
}

/// The pins of `.tool-versions`.
pub(super) fn asdf(table: &ToolTable, text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for (line, raw) in numbered_lines(text) {
        let body = raw.split('#').next().unwrap_or("");
        let mut words = body.split_whitespace();
        let (Some(name), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        if let Some(tool) = table.tool(name)
            && is_version(version)
        {
            let after_name = body.find(name).map_or(0, |i| i + name.len());
            out.push(Found {
                tool,
                value: version.to_string(),
                line,
                offset: after_name + body[after_name..].find(version).unwrap_or(0),
            });
        }
    }
    out
}

/// The pin of a file holding one version on its first meaningful line.
pub(super) fn first_line(table: &ToolTable, tool: &str, text: &str) -> Vec<Found> {
    let Some(tool) = table.tool(tool) else {
        return Vec::new();
    };
    let Some((line, raw)) = numbered_lines(text).find(|(_, l)| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    }) else {
        return Vec::new();
    };
    let value = raw.trim();
    if !is_version(value) {
        return Vec::new();
    }
    vec![Found {
        tool,
        value: value.to_string(),
        line,
        offset: raw.find(value).unwrap_or(0),
    }]
}

/// The pin of a TOML toolchain file: `[toolchain] channel = "..."` (or a top-level
/// `channel`), read with the `toml` crate.
pub(super) fn toolchain(table: &ToolTable, tool: &str, text: &str) -> Vec<Found> {
    use toml::de::{DeTable, DeValue};
    let Some(tool) = table.tool(tool) else {
        return Vec::new();
    };
    let Ok(root) = DeTable::parse(text) else {
        return Vec::new();
    };
    let root = root.get_ref();
    fn channel_of<'t>(t: &DeTable<'t>) -> Option<toml::Spanned<DeValue<'t>>> {
        t.iter()
            .find(|(k, _)| k.get_ref() == "channel")
            .map(|(_, v)| v.clone())
    }
    let nested = root
        .iter()
        .find(|(k, _)| k.get_ref() == "toolchain")
        .map(|(_, v)| v.get_ref());
    let channel = match nested {
        Some(DeValue::Table(t)) => channel_of(t),
        _ => channel_of(root),
    };
    let Some(channel) = channel else {
        return Vec::new();
    };
    let DeValue::String(value) = channel.get_ref() else {
        return Vec::new();
    };
    if !is_version(value) {
        return Vec::new();
    }
    let start = channel.span().start;
    let start = start + usize::from(matches!(text.as_bytes().get(start), Some(b'"' | b'\'')));
    let line = ops_model::text::line_column(text, start).0;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    vec![Found {
        tool,
        value: value.to_string(),
        line,
        offset: start - line_start,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    fn table() -> std::sync::Arc<ToolTable> {
        let repo = TestRepo::new().file(
            "configs/ops/tool-versions.json",
            r#"{"kubectl": "v1.29.4", "python": "3.11.4", "rust": "1.95.0", "node": "20.11.0"}"#,
        );
        ToolTable::of(&repo.context().cx())
    }

    #[test]
    fn version_files() {
        let t = table();
        let show = |found: Vec<Found>| -> Vec<(String, String, u32, usize)> {
            found
                .into_iter()
                .map(|f| (t.tools[f.tool].name.clone(), f.value, f.line, f.offset))
                .collect()
        };
        assert_eq!(
            show(asdf(
                &t,
                "# tools\nkubectl 1.29.4\npython   3.12.1 3.11.4\nhelm 3.14.4\n"
            )),
            [
                ("kubectl".into(), "1.29.4".into(), 2, 8),
                ("python".into(), "3.12.1".into(), 3, 9)
            ]
        );
        assert_eq!(
            show(first_line(&t, "python3", "\n# pinned\n3.12.1\n")),
            [("python".into(), "3.12.1".into(), 3, 0)]
        );
        assert_eq!(show(first_line(&t, "node", "lts/iron\n")), []);
        assert_eq!(
            show(toolchain(&t, "rust", "[toolchain]\nchannel = \"1.78.0\"\n")),
            [("rust".into(), "1.78.0".into(), 2, 11)]
        );
        assert_eq!(
            show(toolchain(&t, "rust", "[toolchain]\nchannel = \"stable\"\n")),
            []
        );
        assert!(matches!(
            version_file(".python-version"),
            Some(VersionFile::FirstLine("python"))
        ));
        assert!(matches!(
            version_file("rust-toolchain.toml"),
            Some(VersionFile::Toolchain("rust"))
        ));
        assert!(matches!(
            version_file(".nvmrc"),
            Some(VersionFile::FirstLine("node"))
        ));
        assert!(version_file("versions.env").is_none());
        assert!(version_file(".-version").is_none());
    }
}
