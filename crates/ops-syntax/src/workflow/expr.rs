//! `${{ ... }}` expressions in workflow text
//! (<https://docs.github.com/en/actions/reference/evaluate-expressions-in-workflows-and-actions>).

use std::ops::Range;

/// The byte ranges of the `${{ ... }}` expressions in a text, delimiters included, in
/// order. An expression ends at the first `}}` after its `${{`; an unclosed `${{` is text.
pub fn expressions(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("${{").map(|i| from + i) {
        let Some(close) = text[open + 3..].find("}}").map(|i| open + 3 + i + 2) else {
            break;
        };
        out.push(open..close);
        from = close;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_expressions() {
        let t = "echo ${{ env.A }}/${{matrix.x}} ${{ unclosed";
        let got: Vec<_> = expressions(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["${{ env.A }}", "${{matrix.x}}"]);
        assert!(expressions("${ {x}} $x").is_empty());
    }
}
