//! Target name -> values, kept in name order for listing and hashed for lookup.
//!
//! The database answers a lookup per declared entrypoint from several rules, and a large
//! surface declares hundreds of thousands of targets that share long prefixes
//! (`ops-gen-000123`): an ordered tree compares those prefixes at every level of every
//! lookup, a hash map hashes the name once.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// Values grouped by target name: iteration in name order, lookup by hash.
#[derive(Clone, Debug)]
pub(crate) struct TargetMap<V> {
    /// Sorted by name, names unique: each name and the range of its values in `values`.
    names: Vec<(String, std::ops::Range<usize>)>,
    /// Every value, grouped by name in `names` order, each name's in reading order (one
    /// allocation for all, not one per name).
    values: Vec<V>,
    /// Indices into `names`, hashed on the name (a table of indices rather than a map keyed
    /// by a second copy of every name).
    index: HashTable<usize>,
    hasher: DefaultHashBuilder,
}

impl<V> TargetMap<V> {
    /// `items` (name, value) in reading order, grouped by name; each name's values keep
    /// reading order. A stable sort then one pass: a makefile listed in order sorts in one
    /// pass.
    pub(crate) fn grouped(mut items: Vec<(String, V)>) -> TargetMap<V> {
        items.sort_by(|a, b| a.0.cmp(&b.0));
        // At most one name an item: room up front, not doubling copies of a long list.
        let mut names: Vec<(String, std::ops::Range<usize>)> = Vec::with_capacity(items.len());
        let mut values = Vec::with_capacity(items.len());
        for (name, value) in items {
            let i = values.len();
            values.push(value);
            match names.last_mut() {
                Some((last, range)) if *last == name => range.end = i + 1,
                _ => names.push((name, i..i + 1)),
            }
        }
        let hasher = DefaultHashBuilder::default();
        let mut index = HashTable::with_capacity(names.len());
        for (i, (name, _)) in names.iter().enumerate() {
            index.insert_unique(hasher.hash_one(name.as_str()), i, |&j: &usize| {
                hasher.hash_one(names[j].0.as_str())
            });
        }
        TargetMap {
            names,
            values,
            index,
            hasher,
        }
    }

    /// The values of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&[V]> {
        let hash = self.hasher.hash_one(name);
        self.index
            .find(hash, |&i| self.names[i].0 == name)
            .map(|&i| &self.values[self.names[i].1.clone()])
    }

    /// Whether `name` has values.
    pub(crate) fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Every name with its values, in name order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&String, &[V])> {
        self.names
            .iter()
            .map(|(name, range)| (name, &self.values[range.clone()]))
    }

    /// Every name, in name order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &String> {
        self.names.iter().map(|(name, _)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_sorts_and_finds() {
        let map = TargetMap::grouped(vec![
            ("b".to_string(), 1),
            ("a".to_string(), 2),
            ("b".to_string(), 3),
        ]);
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(map.get("b"), Some(&[1, 3][..]));
        assert!(map.contains_key("a") && !map.contains_key("c"));
        let moved = map.clone();
        drop(map);
        assert_eq!(moved.get("a"), Some(&[2][..]));
    }

    proptest::proptest! {
        /// The map is the one inserting each item in turn builds.
        #[test]
        fn grouped_is_inserting_in_turn(items in proptest::collection::vec(("[abc]{0,2}", 0u8..9), 0..20)) {
            let mut want: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
            for (k, v) in &items {
                want.entry(k.clone()).or_default().push(*v);
            }
            let got = TargetMap::grouped(items);
            let listed: std::collections::BTreeMap<String, Vec<u8>> =
                got.iter().map(|(k, v)| (k.clone(), v.to_vec())).collect();
            proptest::prop_assert_eq!(&listed, &want);
            proptest::prop_assert!(got.keys().zip(want.keys()).all(|(a, b)| a == b));
            for (k, v) in &want {
                proptest::prop_assert_eq!(got.get(k), Some(v.as_slice()));
            }
            proptest::prop_assert!(!got.contains_key("d"));
        }
    }
}
