//! [`SourceFile`]: one file as a rule reads it, a view over the cache's slot (kept for the
//! run) or over a slot of its own (dropped with the view).

use std::any::{Any, TypeId};
use std::sync::Arc;

use super::{Content, Derived, FileCache, JsonError, ReadError, Slot, content, json_of, text_of};
use crate::contract::Limits;
use crate::kind::FileKind;
use crate::{Entry, RepoPath};

pub(super) enum SlotRef<'a> {
    Kept(&'a Slot),
    Owned(Box<Slot>),
}

/// One file as a rule reads it: its entry, kind, bytes, text, JSON and derived values, each
/// computed at most once for the life of the view (for a kept view, of the run).
pub struct SourceFile<'a> {
    pub(super) cache: &'a FileCache,
    pub(super) position: usize,
    pub(super) slot: SlotRef<'a>,
}

impl<'a> SourceFile<'a> {
    /// The readers' budgets of the run (`[limits]`): parse this file within them.
    pub fn limits(&self) -> &'a Limits {
        &self.cache.limits
    }

    fn slot(&self) -> &Slot {
        match &self.slot {
            SlotRef::Kept(s) => s,
            SlotRef::Owned(s) => s,
        }
    }

    /// The walked entry.
    pub fn entry(&self) -> &'a Entry {
        &self.cache.index.entries()[self.position]
    }

    /// The repository path.
    pub fn path(&self) -> &'a RepoPath {
        &self.entry().path
    }

    /// What the file is.
    pub fn kind(&self) -> FileKind {
        self.cache.kind_at(self.position)
    }

    /// The file's bytes, byte order mark included.
    pub fn bytes(&self) -> Result<&[u8], ReadError> {
        Ok(match content(self.slot(), self.position, self.cache)? {
            Content::Text { text, .. } => text.as_bytes(),
            Content::Binary(bytes) => bytes,
        })
    }

    /// The file as UTF-8 text, without a leading byte order mark: offsets into it are the
    /// offsets rules report positions from.
    pub fn text(&self) -> Result<&str, ReadError> {
        text_of(content(self.slot(), self.position, self.cache)?)
    }

    /// The file parsed as JSON.
    pub fn json(&self) -> Result<&serde_json::Value, JsonError> {
        json_of(self.slot(), self.position, self.cache).map(|doc| &**doc)
    }

    /// A value derived from the file's text by `derive` (a lexed script, a parsed document),
    /// computed once per view and type `T` however many rules ask: the first caller derives,
    /// concurrent callers wait for it.
    pub fn derived<T, F>(&self, derive: F) -> Result<Arc<T>, ReadError>
    where
        T: Any + Send + Sync,
        F: FnOnce(&str) -> T,
    {
        let text = self.text()?;
        let cell = {
            let mut slots = match self.slot().derived.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            let id = TypeId::of::<T>();
            match slots.iter().find(|(t, _)| *t == id) {
                Some((_, cell)) => cell.clone(),
                None => {
                    let cell = Derived::default();
                    slots.push((id, cell.clone()));
                    cell
                }
            }
        };
        let value = cell.get_or_init(|| Arc::new(derive(text)) as Arc<dyn Any + Send + Sync>);
        // The cell is keyed by TypeId::of::<T>(), so the downcast always succeeds.
        Ok(value
            .clone()
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable_type()))
    }
}

#[cold]
fn unreachable_type<T>() -> T {
    unreachable!("a derived slot holds a value of another type")
}
