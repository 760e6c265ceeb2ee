//! Container image references (`[registry/]repository[:tag][@digest]`, as the OCI
//! distribution spec and `docker pull` read them).

/// An image reference's repository and tag.
#[derive(Debug, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// The repository without registry host and without Docker Hub's `library/`:
    /// `grafana/k6`, `python`, `kindest/node`.
    pub repository: &'a str,
    /// The tag (`0.50.0`), if any.
    pub tag: &'a str,
    /// Byte offset of the tag in the text read.
    pub tag_offset: usize,
}

/// Reads `text` as an image reference with a tag; `None` when it has no tag or does not
/// look like one (a path, a URL, text with blanks).
pub fn parse(text: &str) -> Option<ImageRef<'_>> {
    if text.is_empty()
        || text.contains(char::is_whitespace)
        || text.contains("://")
        || text.starts_with(['.', '/', '~', '$'])
    {
        return None;
    }
    let name = text.split('@').next().unwrap_or(text);
    let (path, tag_at) = match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => (&name[..i], i + 1),
        _ => return None,
    };
    let tag = &name[tag_at..];
    if tag.is_empty() || path.is_empty() {
        return None;
    }
    let mut repository = path;
    if let Some((first, rest)) = path.split_once('/')
        && (first.contains(['.', ':']) || first == "localhost")
    {
        repository = rest;
    }
    let repository = repository.strip_prefix("library/").unwrap_or(repository);
    let valid = repository.split('/').all(|part| {
        !part.is_empty()
            && part.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')
            })
    });
    valid.then_some(ImageRef {
        repository,
        tag,
        tag_offset: tag_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        let r = parse("grafana/k6:0.50.0").unwrap();
        assert_eq!(
            (r.repository, r.tag, r.tag_offset),
            ("grafana/k6", "0.50.0", 11)
        );
        let r = parse("docker.io/library/python:3.12-slim@sha256:abc").unwrap();
        assert_eq!((r.repository, r.tag), ("python", "3.12-slim"));
        let r = parse("localhost:5000/tools/helm:v3.14.4").unwrap();
        assert_eq!((r.repository, r.tag), ("tools/helm", "v3.14.4"));
        assert_eq!(
            parse("kindest/node:v1.29.2").unwrap().repository,
            "kindest/node"
        );
        for text in [
            "./k6:/scripts:ro",
            "../../load/k6:/scripts/suites:ro",
            "grafana/k6",
            "https://get.helm.sh/x:1",
            "a b:1",
            "Grafana/K6:1.0.0",
            "host:5000/x",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
