//! What a version looks like, and when two versions are the same pin.

/// A version-shaped value: an optional `v`, numbers joined by dots (at least two of them),
/// then an optional pre-release, build or variant suffix after `-` or `+`: `v0.50.0`, `1.29`,
/// `3.12.1`, `1.2.3-rc.1`, `16.2-alpine`. A bare number (`4`, a major-only action ref), a
/// path (`/scripts:ro`) or a word (`release_metadata`, `latest`) is not a version.
pub fn is_version(text: &str) -> bool {
    let body = text.strip_prefix(['v', 'V']).unwrap_or(text);
    let core_len = core(body).len();
    let core_text = &body[..core_len];
    let parts: Vec<&str> = core_text.split('.').collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return false;
    }
    let rest = &body[core_len..];
    rest.is_empty()
        || (rest.starts_with(['-', '+'])
            && rest.len() > 1
            && rest[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+')))
}

/// Whether a shell text may hold a version-shaped literal word ([`is_version`] needs two
/// numbers joined by a dot): some `.` whose nearest bytes on both sides, past quotes,
/// backslashes, newlines and `$`, are digits. A literal word is its parts' text with
/// only those removed (`"1".2`, `1\.2`, a line continuation, `$"..."`), so a text without
/// such a dot holds no version and no pin, and need not be walked. ANSI-C quoting
/// (`$'\x2e'`) can spell any byte: a text that uses it may hold one.
pub(super) fn may_be_in_shell(text: &str) -> bool {
    let bytes = text.as_bytes();
    let transparent = |b: &&u8| matches!(**b, b'"' | b'\'' | b'\\' | b'\n' | b'$');
    memchr::memmem::find(bytes, b"$'").is_some()
        || memchr::memchr_iter(b'.', bytes).any(|dot| {
            let before = bytes[..dot].iter().rev().find(|b| !transparent(b));
            let after = bytes[dot + 1..].iter().find(|b| !transparent(b));
            before.is_some_and(u8::is_ascii_digit) && after.is_some_and(u8::is_ascii_digit)
        })
}

/// The leading numbers and dots of a version without its `v`: `1.29.4` in `v1.29.4-rc.1`.
fn core(body: &str) -> &str {
    let end = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(body.len());
    body[..end].trim_end_matches('.')
}

/// The version without a leading `v` and surrounding blanks.
pub fn normalize(version: &str) -> &str {
    let v = version.trim();
    v.strip_prefix(['v', 'V']).unwrap_or(v)
}

/// Whether `pin` pins the same release as the canonical `version`: equal once the leading
/// `v` is dropped, or `version` followed by a variant suffix (`3.11.4-slim` for `3.11.4`,
/// an image flavour of the same release).
pub fn same(pin: &str, version: &str) -> bool {
    let (pin, version) = (normalize(pin), normalize(version));
    pin == version
        || pin
            .strip_prefix(version)
            .is_some_and(|rest| rest.starts_with('-') && core(version) == version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_shapes() {
        for v in [
            "v0.50.0",
            "1.29",
            "3.12.1",
            "1.2.3-rc.1",
            "16.2-alpine",
            "V1.0",
            "1.2.3+b.4",
        ] {
            assert!(is_version(v), "{v}");
        }
        for v in [
            "4",
            "v4",
            "/scripts:ro",
            "release_metadata",
            "latest",
            "",
            "1.",
            ".1",
            "1..2",
            "1.2-",
            "1.2 3",
            "${K6_VERSION}",
            "1.2/x",
        ] {
            assert!(!is_version(v), "{v}");
        }
    }

    #[test]
    fn shell_texts_that_may_hold_one() {
        for text in [
            "V=1.2",
            "V=\"1\".2",
            "V='1'.\"2\"",
            "V=1\\.2",
            "V=1\\\n.2",
            "V=1$\".2\"",
            "V=$'\\x31\\x2e2'",
        ] {
            assert!(may_be_in_shell(text), "{text}");
        }
        for text in [
            "",
            "jq -r '.spec[0].path'",
            "x=1 y=.2",
            "a.b 1. .2",
            "v1 . 2x",
        ] {
            assert!(!may_be_in_shell(text), "{text}");
        }
    }

    #[test]
    fn same_release() {
        assert!(same("0.50.0", "v0.50.0"));
        assert!(same("3.11.4-slim", "3.11.4"));
        assert!(!same("3.11", "3.11.4"));
        assert!(!same("1.29.2", "v1.29.4"));
        assert!(!same("1.2.3", "1.2.3-rc.1"));
    }
}
