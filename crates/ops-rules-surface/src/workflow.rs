//! Reader for CI workflows: the shell lines of `run:` steps, with line numbers.
//!
//! Line-based on purpose: a YAML parser would lose the line of each command inside a block
//! scalar, and findings must point at the line to edit.

/// One shell line of a `run:` step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunLine {
    pub line: u32,
    /// 1-based column of the command text.
    pub column: u32,
    pub text: String,
}

/// Every shell line of every `run:` step (`run: cmd`, `- run: cmd`, `run: |` blocks).
pub fn run_lines(text: &str) -> Vec<RunLine> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let Some((key_indent, value_at)) = run_key(raw) else {
            i += 1;
            continue;
        };
        let value = raw[value_at..].trim_end();
        let header = value.split(" #").next().unwrap_or("").trim();
        if header.starts_with('|') || header.starts_with('>') {
            // A block scalar: every following line indented deeper than the key, plus blank
            // lines inside it.
            let mut j = i + 1;
            while j < lines.len() {
                let l = lines[j];
                let indent = l.len() - l.trim_start().len();
                if l.trim().is_empty() {
                    j += 1;
                    continue;
                }
                if indent <= key_indent {
                    break;
                }
                out.push(RunLine {
                    line: ops_model::text::to_u32(j + 1),
                    column: ops_model::text::to_u32(indent + 1),
                    text: l.trim().to_string(),
                });
                j += 1;
            }
            i = j;
            continue;
        }
        let text = unquote(value);
        if !text.is_empty() {
            out.push(RunLine {
                line: ops_model::text::to_u32(i + 1),
                column: ops_model::text::to_u32(raw[..value_at].chars().count() + 1),
                text,
            });
        }
        i += 1;
    }
    out
}

/// Finds `run:` as a mapping key (optionally after `- `). Returns the key's indentation and
/// the byte offset of its value.
fn run_key(line: &str) -> Option<(usize, usize)> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let (key_at, rest) = match trimmed.strip_prefix("- ") {
        Some(r) => {
            let r2 = r.trim_start();
            (indent + 2 + (r.len() - r2.len()), r2)
        }
        None => (indent, trimmed),
    };
    let after = rest.strip_prefix("run:")?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let value_at = key_at + 4 + (after.len() - after.trim_start().len());
    Some((key_at, value_at))
}

/// Removes YAML quotes from a one-line scalar and a trailing comment from a plain one.
fn unquote(value: &str) -> String {
    let v = value.trim();
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        return v[1..v.len() - 1].replace("\\\"", "\"");
    }
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return v[1..v.len() - 1].replace("''", "'");
    }
    v.split(" #").next().unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_block_and_quoted_steps() {
        let text = "jobs:\n  a:\n    steps:\n      - run: make ops-up\n      - name: x\n        run: |\n          echo hi\n\n          bash ops/k8s/scripts/x.sh\n        env: {}\n      - run: \"bash ops/a.sh\" \n      - uses: x\n        with:\n          rerun: no\n";
        let got: Vec<_> = run_lines(text)
            .into_iter()
            .map(|r| (r.line, r.column, r.text))
            .collect();
        assert_eq!(
            got,
            [
                (4, 14, "make ops-up".to_string()),
                (7, 11, "echo hi".to_string()),
                (9, 11, "bash ops/k8s/scripts/x.sh".to_string()),
                (11, 14, "bash ops/a.sh".to_string()),
            ]
        );
    }
}
