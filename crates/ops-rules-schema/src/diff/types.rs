//! Sets of JSON Schema instance types (2020-12 Validation 6.1.1). `integer` is a subset of
//! `number`: numbers are split into integers and the rest, so that `number` is the union of
//! the two and `integer -> number` is a widening.

use serde_json::Value;

/// A set of instance types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeSet(u8);

const NULL: u8 = 1;
const BOOLEAN: u8 = 2;
const OBJECT: u8 = 4;
const ARRAY: u8 = 8;
const STRING: u8 = 16;
const INTEGER: u8 = 32;
/// Numbers that are not integers.
const FRACTION: u8 = 64;

impl TypeSet {
    pub const ALL: TypeSet = TypeSet(127);
    pub const EMPTY: TypeSet = TypeSet(0);
    pub const NULL: TypeSet = TypeSet(NULL);
    pub const BOOLEAN: TypeSet = TypeSet(BOOLEAN);
    pub const OBJECT: TypeSet = TypeSet(OBJECT);
    pub const ARRAY: TypeSet = TypeSet(ARRAY);
    pub const STRING: TypeSet = TypeSet(STRING);
    pub const INTEGER: TypeSet = TypeSet(INTEGER);
    pub const NUMBER: TypeSet = TypeSet(INTEGER | FRACTION);

    /// The set a type name stands for; `None` for an unknown name.
    pub fn of_name(name: &str) -> Option<TypeSet> {
        Some(match name {
            "null" => TypeSet::NULL,
            "boolean" => TypeSet::BOOLEAN,
            "object" => TypeSet::OBJECT,
            "array" => TypeSet::ARRAY,
            "string" => TypeSet::STRING,
            "integer" => TypeSet::INTEGER,
            "number" => TypeSet::NUMBER,
            _ => return None,
        })
    }

    /// The set a `type` keyword value allows (a name or a list of names); `None` when it
    /// is malformed.
    pub fn of_keyword(value: &Value) -> Option<TypeSet> {
        match value {
            Value::String(name) => TypeSet::of_name(name),
            Value::Array(names) => names.iter().try_fold(TypeSet::EMPTY, |acc, n| {
                Some(acc.union(TypeSet::of_name(n.as_str()?)?))
            }),
            _ => None,
        }
    }

    /// The type of a value (an integer-valued number such as `1.0` is an integer, as the
    /// 2020-12 draft says).
    pub fn of_value(value: &Value) -> TypeSet {
        match value {
            Value::Null => TypeSet::NULL,
            Value::Bool(_) => TypeSet::BOOLEAN,
            Value::Object(_) => TypeSet::OBJECT,
            Value::Array(_) => TypeSet::ARRAY,
            Value::String(_) => TypeSet::STRING,
            Value::Number(n) => {
                if n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0) {
                    TypeSet::INTEGER
                } else {
                    TypeSet(FRACTION)
                }
            }
        }
    }

    pub fn union(self, other: TypeSet) -> TypeSet {
        TypeSet(self.0 | other.0)
    }

    pub fn intersect(self, other: TypeSet) -> TypeSet {
        TypeSet(self.0 & other.0)
    }

    pub fn minus(self, other: TypeSet) -> TypeSet {
        TypeSet(self.0 & !other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, other: TypeSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any of `other` is in the set.
    pub fn meets(self, other: TypeSet) -> bool {
        self.0 & other.0 != 0
    }

    /// Type names, `number` for both number bits, `integer` for the integer bit alone; a
    /// lone fraction bit (numbers that are not integers) reads `number`.
    pub fn names(self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (bit, name) in [
            (NULL, "null"),
            (BOOLEAN, "boolean"),
            (OBJECT, "object"),
            (ARRAY, "array"),
            (STRING, "string"),
        ] {
            if self.0 & bit != 0 {
                out.push(name);
            }
        }
        match (self.0 & INTEGER != 0, self.0 & FRACTION != 0) {
            (true, true) | (false, true) => out.push("number"),
            (true, false) => out.push("integer"),
            (false, false) => {}
        }
        out
    }

    /// `string`, `[integer, string]` or `any type`.
    pub fn describe(self) -> String {
        if self == TypeSet::ALL {
            return "any type".to_string();
        }
        if self.is_empty() {
            return "no type".to_string();
        }
        let names = self.names();
        if names.len() == 1 {
            names[0].to_string()
        } else {
            format!("[{}]", names.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integer_is_inside_number() {
        let int = TypeSet::of_keyword(&json!("integer")).unwrap();
        let num = TypeSet::of_keyword(&json!("number")).unwrap();
        assert!(num.contains(int));
        assert!(!int.contains(num));
        assert_eq!(TypeSet::of_value(&json!(1.0)), TypeSet::INTEGER);
        assert_eq!(
            TypeSet::of_keyword(&json!(["string", "null"]))
                .unwrap()
                .describe(),
            "[null, string]"
        );
        assert_eq!(TypeSet::of_keyword(&json!(["strin"])), None);
    }
}
