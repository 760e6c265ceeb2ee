//! `%` patterns (GNU make manual 8.2 `patsubst`, 10.5.4 "How Patterns Match").

/// A pattern split at its first unescaped `%`: the text before and after it (with `\%`
/// unescaped), or the whole pattern when it has no `%`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Pattern {
    Literal(String),
    Percent(String, String),
}

impl Pattern {
    pub fn new(text: &str) -> Pattern {
        let mut before = String::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' if matches!(chars.peek(), Some((_, '%'))) => {
                    before.push('%');
                    chars.next();
                }
                '%' => return Pattern::Percent(before, text[i + 1..].to_string()),
                c => before.push(c),
            }
        }
        Pattern::Literal(before)
    }

    /// The stem when `word` matches (`""` for a literal match).
    pub fn stem<'w>(&self, word: &'w str) -> Option<&'w str> {
        match self {
            Pattern::Literal(l) => (l == word).then_some(""),
            Pattern::Percent(pre, suf) => {
                if word.len() >= pre.len() + suf.len()
                    && word.starts_with(pre.as_str())
                    && word.ends_with(suf.as_str())
                {
                    word.get(pre.len()..word.len() - suf.len())
                } else {
                    None
                }
            }
        }
    }

    /// The replacement text with `%` (its first) replaced by `stem`.
    pub fn fill(&self, stem: &str) -> String {
        match self {
            Pattern::Literal(l) => l.clone(),
            Pattern::Percent(pre, suf) => format!("{pre}{stem}{suf}"),
        }
    }

    /// True when the pattern has a `%`.
    pub fn has_percent(&self) -> bool {
        matches!(self, Pattern::Percent(..))
    }
}

/// `$(patsubst pattern,replacement,word)` for one word.
pub(crate) fn patsubst_word(pattern: &Pattern, replacement: &Pattern, word: &str) -> String {
    match pattern.stem(word) {
        Some(stem) if pattern.has_percent() => replacement.fill(stem),
        Some(_) => replacement.fill(""),
        None => word.to_string(),
    }
}

/// Matches a target against a pattern-rule target the way make does for implicit rules
/// (10.5.4): `%` matches a nonempty stem; a pattern without `/` matches the file-name part,
/// and the directory goes in front of the stem. Returns the stem.
pub(crate) fn rule_stem(pattern: &Pattern, target: &str) -> Option<String> {
    let Pattern::Percent(pre, suf) = pattern else {
        return None;
    };
    let nonempty = |s: &&str| !s.is_empty();
    if pre.contains('/') || suf.contains('/') {
        return pattern.stem(target).filter(nonempty).map(str::to_string);
    }
    match target.rfind('/') {
        Some(i) => pattern
            .stem(&target[i + 1..])
            .filter(nonempty)
            .map(|s| format!("{}{s}", &target[..=i])),
        None => pattern.stem(target).filter(nonempty).map(str::to_string),
    }
}

/// The prerequisite of an implicit rule for `stem`: `%` replaced, and a stem's directory
/// put in front when the prerequisite pattern has no `/` (10.5.4).
pub(crate) fn rule_prerequisite(pattern: &Pattern, stem: &str) -> String {
    match (pattern, stem.rfind('/')) {
        (Pattern::Percent(pre, suf), Some(i)) if !pre.contains('/') && !suf.contains('/') => {
            format!("{}{}", &stem[..=i], pattern.fill(&stem[i + 1..]))
        }
        _ => pattern.fill(stem),
    }
}

/// Patterns by the text before their `%`, so that finding the patterns that may match a
/// name costs one map lookup per prefix length in use, not one match per pattern.
#[derive(Clone, Debug, Default)]
pub(crate) struct PatternIndex {
    by_prefix: std::collections::BTreeMap<String, Vec<usize>>,
    /// The byte lengths of the prefixes, ascending: only prefixes of the name this long can
    /// be found (a name was looked up at each of its characters, 30 lookups for a
    /// 14-character target, for every target of a large makefile).
    lengths: Vec<usize>,
}

impl PatternIndex {
    /// Files pattern number `id`, a pattern whose text before `%` is `prefix`.
    pub fn insert(&mut self, prefix: &str, id: usize) {
        self.by_prefix
            .entry(prefix.to_string())
            .or_default()
            .push(id);
        if let Err(at) = self.lengths.binary_search(&prefix.len()) {
            self.lengths.insert(at, prefix.len());
        }
    }

    /// The ids of the patterns whose prefix starts `name`, ascending, each once.
    pub fn candidates(&self, name: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let ends = self
            .lengths
            .iter()
            .copied()
            .take_while(|&end| end <= name.len())
            .filter(|&end| name.is_char_boundary(end));
        for end in ends {
            if let Some(ids) = self.by_prefix.get(&name[..end]) {
                out.extend_from_slice(ids);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Pattern rules indexed for [`rule_stem`] matching: patterns with a `/` match the whole
/// target, the others its file-name part.
#[derive(Clone, Debug, Default)]
pub(crate) struct RuleIndex {
    whole: PatternIndex,
    file_name: PatternIndex,
}

impl RuleIndex {
    /// Files rule number `id` under its target pattern `pattern`.
    pub fn insert(&mut self, pattern: &Pattern, id: usize) {
        if let Pattern::Percent(pre, suf) = pattern {
            if pre.contains('/') || suf.contains('/') {
                self.whole.insert(pre, id);
            } else {
                self.file_name.insert(pre, id);
            }
        }
    }

    /// The ids of the rules that may match `target`, ascending.
    pub fn candidates(&self, target: &str) -> Vec<usize> {
        let name = &target[target.rfind('/').map_or(0, |i| i + 1)..];
        let mut out = self.whole.candidates(target);
        out.extend(self.file_name.candidates(name));
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Looking up only the prefix lengths in use finds what a lookup at every character
        /// of the name found.
        #[test]
        fn candidates_are_those_of_every_prefix(
            prefixes in proptest::collection::vec("[ab/é]{0,3}", 0..6),
            name in "[ab/é]{0,6}",
        ) {
            let mut index = PatternIndex::default();
            for (id, prefix) in prefixes.iter().enumerate() {
                index.insert(prefix, id);
            }
            let mut want = Vec::new();
            let ends = name.char_indices().map(|(i, _)| i).chain([name.len()]);
            for end in ends {
                if let Some(ids) = index.by_prefix.get(&name[..end]) {
                    want.extend_from_slice(ids);
                }
            }
            want.sort_unstable();
            want.dedup();
            proptest::prop_assert_eq!(index.candidates(&name), want);
        }
    }

    #[test]
    fn stems_and_substitution() {
        let p = Pattern::new("%.c");
        assert_eq!(p.stem("a.c"), Some("a"));
        assert_eq!(p.stem(".c"), Some(""));
        assert_eq!(p.stem("a.h"), None);
        assert_eq!(patsubst_word(&p, &Pattern::new("%.o"), "x.c"), "x.o");
        assert_eq!(
            patsubst_word(&Pattern::new("a"), &Pattern::new("b"), "a"),
            "b"
        );
        assert_eq!(Pattern::new("100\\%"), Pattern::Literal("100%".into()));
        assert_eq!(
            Pattern::new("a%b%"),
            Pattern::Percent("a".into(), "b%".into())
        );
    }

    #[test]
    fn rule_patterns_match_the_file_name_part() {
        let p = Pattern::new("ops-%");
        assert_eq!(rule_stem(&p, "ops-obs-drill").as_deref(), Some("obs-drill"));
        assert_eq!(rule_stem(&p, "dir/ops-x").as_deref(), Some("dir/x"));
        assert_eq!(
            rule_stem(&Pattern::new("dir/%.o"), "dir/a.o").as_deref(),
            Some("a")
        );
        assert_eq!(rule_prerequisite(&Pattern::new("%.c"), "dir/x"), "dir/x.c");
        assert_eq!(rule_stem(&Pattern::new("x"), "x"), None);
        assert_eq!(rule_stem(&p, "ops-"), None, "a rule's stem is never empty");
    }

    #[test]
    fn the_index_finds_patterns_by_prefix() {
        let mut index = RuleIndex::default();
        index.insert(&Pattern::new("ops-%"), 0);
        index.insert(&Pattern::new("%.o"), 1);
        index.insert(&Pattern::new("docs/%.txt"), 2);
        index.insert(&Pattern::new("ops-x%"), 3);
        assert_eq!(index.candidates("ops-x"), [0, 1, 3]);
        assert_eq!(index.candidates("dir/ops-y"), [0, 1]);
        assert_eq!(index.candidates("docs/a.txt"), [1, 2]);
        assert_eq!(index.candidates("é"), [1]);
    }
}
