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
    fn same_release() {
        assert!(same("0.50.0", "v0.50.0"));
        assert!(same("3.11.4-slim", "3.11.4"));
        assert!(!same("3.11", "3.11.4"));
        assert!(!same("1.29.2", "v1.29.4"));
        assert!(!same("1.2.3", "1.2.3-rc.1"));
    }
}
