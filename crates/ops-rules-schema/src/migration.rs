//! Migration notes in `ops/CONTRACT.md`: the sections under a heading that contains
//! "Migration" (any case). Headings are CommonMark ATX headings (`## Migrations`) and setext
//! headings (a line underlined with `===` or `---`); lines inside fenced code blocks are
//! not headings. A section runs to the next heading of the same or a higher level.

use regex::Regex;

/// The text of every migration section, heading included.
pub fn sections(markdown: &str) -> Vec<String> {
    let lines: Vec<&str> = markdown.lines().collect();
    // (line index, level) of every heading.
    let mut headings: Vec<(usize, usize)> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 3 {
            let ch = trimmed.chars().next().unwrap_or(' ');
            if ch == '`' || ch == '~' {
                let run = trimmed.chars().take_while(|c| *c == ch).count();
                if run >= 3 {
                    match fence {
                        None => fence = Some((ch, run)),
                        Some((open, len)) if open == ch && run >= len => fence = None,
                        Some(_) => {}
                    }
                    continue;
                }
            }
        }
        if fence.is_some() || indent > 3 {
            continue;
        }
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes)
            && trimmed[hashes..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
        {
            headings.push((i, hashes));
            continue;
        }
        let underline = trimmed.trim_end();
        if i > 0
            && !underline.is_empty()
            && !lines[i - 1].trim().is_empty()
            && (underline.chars().all(|c| c == '=') || underline.chars().all(|c| c == '-'))
            && !headings.iter().any(|(h, _)| *h == i - 1)
        {
            let level = if underline.starts_with('=') { 1 } else { 2 };
            headings.push((i - 1, level));
        }
    }
    let mut out = Vec::new();
    for (n, &(start, level)) in headings.iter().enumerate() {
        if !lines[start].to_lowercase().contains("migration") {
            continue;
        }
        let end = headings[n + 1..]
            .iter()
            .find(|(_, l)| *l <= level)
            .map_or(lines.len(), |(i, _)| *i);
        out.push(lines[start..end].join("\n"));
    }
    out
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
