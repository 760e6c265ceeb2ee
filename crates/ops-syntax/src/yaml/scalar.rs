//! What a scalar resolves to: the YAML 1.2 core schema
//! (<https://yaml.org/spec/1.2.2/#103-core-schema>) for untagged plain scalars, the tag for
//! tagged ones.

use super::node::{ScalarStyle, ScalarValue};

/// The tag prefix of the core schema (`!!` expands to it).
pub(super) const CORE: &str = "tag:yaml.org,2002:";

/// Resolves a scalar. `tag` is the resolved tag (`tag:yaml.org,2002:int`, `!x`), `None`
/// when untagged. Returns the value and whether an explicit core tag could not be honoured
/// (`!!int abc`), in which case the scalar is read as a string.
pub(super) fn resolve(text: &str, style: ScalarStyle, tag: Option<&str>) -> (ScalarValue, bool) {
    match tag.and_then(|t| t.strip_prefix(CORE)) {
        Some("str" | "binary" | "timestamp") => (ScalarValue::Str, false),
        Some("null") => typed(null(text)),
        Some("bool") => typed(boolean(text)),
        Some("int") => typed(int(text)),
        Some("float") => typed(float(text).or_else(|| int(text).map(as_float))),
        // Other core tags (`!!seq` on a scalar, `!!merge` as a value) and local tags
        // (`!Ref x`, `!`) keep the text: PyYAML refuses unknown tags, which would make a
        // whole manifest unreadable for one custom tag.
        Some(_) => (ScalarValue::Str, false),
        None if tag.is_some() || style != ScalarStyle::Plain => (ScalarValue::Str, false),
        None => (
            null(text)
                .or_else(|| boolean(text))
                .or_else(|| int(text))
                .or_else(|| float(text))
                .unwrap_or(ScalarValue::Str),
            false,
        ),
    }
}

fn typed(value: Option<ScalarValue>) -> (ScalarValue, bool) {
    match value {
        Some(v) => (v, false),
        None => (ScalarValue::Str, true),
    }
}

fn as_float(v: ScalarValue) -> ScalarValue {
    match v {
        ScalarValue::Int(i) => ScalarValue::Float(i as f64),
        other => other,
    }
}

fn null(text: &str) -> Option<ScalarValue> {
    matches!(text, "" | "~" | "null" | "Null" | "NULL").then_some(ScalarValue::Null)
}

fn boolean(text: &str) -> Option<ScalarValue> {
    match text {
        "true" | "True" | "TRUE" => Some(ScalarValue::Bool(true)),
        "false" | "False" | "FALSE" => Some(ScalarValue::Bool(false)),
        _ => None,
    }
}

/// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`; a decimal too large for `i64` is a float.
fn int(text: &str) -> Option<ScalarValue> {
    if let Some(oct) = text.strip_prefix("0o") {
        return radix(oct, 8);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return radix(hex, 16);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match text.parse::<i64>() {
        Ok(i) => Some(ScalarValue::Int(i)),
        Err(_) => text.parse::<f64>().ok().map(ScalarValue::Float),
    }
}

fn radix(digits: &str, radix: u32) -> Option<ScalarValue> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    match i64::from_str_radix(digits, radix) {
        Ok(i) => Some(ScalarValue::Int(i)),
        // Too large for i64: the value as a float, as a JSON reader would hold it.
        Err(_) => Some(ScalarValue::Float(
            digits
                .chars()
                .filter_map(|c| c.to_digit(radix))
                .fold(0.0, |acc, d| acc * f64::from(radix) + f64::from(d)),
        )),
    }
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.inf` and `\.nan` (three
/// cases each).
fn float(text: &str) -> Option<ScalarValue> {
    let (sign, body) = match text.as_bytes().first() {
        Some(b'-') => (-1.0, &text[1..]),
        Some(b'+') => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    if matches!(body, ".inf" | ".Inf" | ".INF") {
        return Some(ScalarValue::Float(sign * f64::INFINITY));
    }
    if matches!(text, ".nan" | ".NaN" | ".NAN") {
        return Some(ScalarValue::Float(f64::NAN));
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        Some(f) => digits(whole) && digits(f) && !(whole.is_empty() && f.is_empty()),
        None => !whole.is_empty() && digits(whole),
    } && (!whole.is_empty() || fraction.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if !(mantissa_ok && exponent_ok) {
        return None;
    }
    text.parse::<f64>().ok().map(ScalarValue::Float)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ScalarValue::*;

    fn plain(text: &str) -> ScalarValue {
        resolve(text, ScalarStyle::Plain, None).0
    }

    #[test]
    fn core_schema() {
        for t in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(plain(t), Null, "{t}");
        }
        assert_eq!(plain("True"), Bool(true));
        assert_eq!(plain("FALSE"), Bool(false));
        for t in ["yes", "no", "on", "off", "y", "n", "nULL", "tRUE"] {
            assert_eq!(plain(t), Str, "{t}");
        }
        assert_eq!(plain("12"), Int(12));
        assert_eq!(plain("-012"), Int(-12));
        assert_eq!(plain("+7"), Int(7));
        assert_eq!(plain("0o17"), Int(15));
        assert_eq!(plain("0x1F"), Int(31));
        assert_eq!(plain("0x"), Str);
        assert_eq!(plain("1_000"), Str);
        assert_eq!(plain("99999999999999999999"), Float(1e20));
        assert_eq!(plain("1.5"), Float(1.5));
        assert_eq!(plain(".5"), Float(0.5));
        assert_eq!(plain("5."), Float(5.0));
        assert_eq!(plain("1e3"), Float(1000.0));
        assert_eq!(plain("-1.5E-2"), Float(-0.015));
        assert_eq!(plain("-.inf"), Float(f64::NEG_INFINITY));
        assert!(matches!(plain(".NaN"), Float(f) if f.is_nan()));
        for t in [
            ".", "e3", "1e", "1.2.3", "v1.2", "3.14.4", "inf", "nan", "-.nan", "1,5",
        ] {
            assert_eq!(plain(t), Str, "{t}");
        }
    }

    #[test]
    fn styles_and_tags() {
        assert_eq!(resolve("12", ScalarStyle::DoubleQuoted, None), (Str, false));
        assert_eq!(resolve("true", ScalarStyle::Literal, None), (Str, false));
        let int = format!("{CORE}int");
        assert_eq!(
            resolve("12", ScalarStyle::DoubleQuoted, Some(&int)),
            (Int(12), false)
        );
        assert_eq!(resolve("abc", ScalarStyle::Plain, Some(&int)), (Str, true));
        let float = format!("{CORE}float");
        assert_eq!(
            resolve("3", ScalarStyle::Plain, Some(&float)),
            (Float(3.0), false)
        );
        let s = format!("{CORE}str");
        assert_eq!(resolve("12", ScalarStyle::Plain, Some(&s)), (Str, false));
        assert_eq!(
            resolve("12", ScalarStyle::Plain, Some("!Ref")),
            (Str, false)
        );
        assert_eq!(resolve("null", ScalarStyle::Plain, Some("!")), (Str, false));
    }
}
