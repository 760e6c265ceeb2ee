//! Migration notes in `ops/CONTRACT.md`: the sections under a heading that contains
//! "Migration" (any case). Headings are CommonMark headings as [`ops_syntax::markdown`] reads
//! them (ATX `## Migrations` and setext; a `#` line inside a code block is not a heading). A
//! section runs to the next heading of the same or a higher level.

use ops_syntax::markdown::read_markdown;
use regex::Regex;

/// The text of every migration section, heading included.
pub fn sections(markdown: &str) -> Vec<String> {
    let md = read_markdown(markdown);
    md.headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.text.to_lowercase().contains("migration"))
        .filter_map(|(i, _)| md.section_lines(i))
        .map(|lines| {
            lines
                .map(|n| md.line(n).unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// Whether a migration section names the schema (its file name, or its stem as a word)
/// and the version (`v2` or `version 2` as words, or the file name, which holds it).
pub fn names(sections: &[String], file_name: &str, stem: &str, version: &str) -> bool {
    let word = |text: &str| {
        Regex::new(&format!(
            r"(?i)(^|[^A-Za-z0-9_]){}($|[^A-Za-z0-9_])",
            regex::escape(text)
        ))
        .ok()
    };
    let (stem_re, version_re) = (
        word(stem),
        Regex::new(&format!(
            r"(?i)(^|[^A-Za-z0-9_])(v{v}|version\s+{v})($|[^A-Za-z0-9_])",
            v = regex::escape(version)
        ))
        .ok(),
    );
    let file = file_name.to_lowercase();
    sections.iter().any(|s| {
        let lower = s.to_lowercase();
        lower.contains(&file)
            || (!stem.is_empty()
                && stem_re.as_ref().is_some_and(|r| r.is_match(s))
                && version_re.as_ref().is_some_and(|r| r.is_match(s)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_sections_and_names() {
        let md = "# Contract\n\n## Schema migrations\n\n- suite v2: `duration` is required now.\n\n### Details\nmore\n\n## Other\n```\n## Migration in code\nsuite v3\n```\n\nLater\n-----\n";
        let found = sections(md);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("### Details"));
        assert!(!found[0].contains("## Other"));
        assert!(names(&found, "suite.v2.schema.json", "suite", "2"));
        assert!(!names(&found, "suite.v3.schema.json", "suite", "3"));
        assert!(!names(&found, "baseline.v2.schema.json", "baseline", "2"));
        assert!(!names(&found, "suite.v2.schema.json", "suite", "20"));
    }

    #[test]
    fn setext_headings_and_file_names() {
        let md = "Migration notes\n===============\n\nShip `load/suite.v2.schema.json`.\n";
        let found = sections(md);
        assert!(names(&found, "suite.v2.schema.json", "suite", "2"));
    }
}
