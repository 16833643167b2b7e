//! Interned strings for what thousands of responses repeat: item ids, questionnaire ids and
//! version hashes. A workshop of 100,000 responses holds the same few hundred item ids millions of
//! times; as `String`s each copy is its own heap allocation, as [`Symbol`]s they are one shared
//! allocation each and a 16-byte handle. A symbol reads, compares, orders, hashes and serialises
//! exactly as the string it holds, so files and output do not change.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// An immutable, cheaply cloned string; equal strings read on the same thread share one allocation.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Symbol(Arc<str>);

/// How many distinct strings a thread keeps for sharing. Ids repeat; anything beyond this (a file
/// full of unusual ids) is still stored, only not shared, so the table cannot grow without bound.
const TABLE_LIMIT: usize = 4096;

thread_local! {
    // Per thread, so parallel loading never waits on a lock; a symbol made on one thread is
    // still an ordinary `Arc` everywhere else.
    static TABLE: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
}

impl Symbol {
    pub fn new(text: &str) -> Self {
        TABLE.with_borrow_mut(|table| {
            if let Some(shared) = table.get(text) {
                return Symbol(shared.clone());
            }
            let shared: Arc<str> = Arc::from(text);
            if table.len() < TABLE_LIMIT {
                table.insert(shared.clone());
            }
            Symbol(shared)
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where the shared text lives: equal addresses mean equal symbols (the converse holds only
    /// for symbols interned on one thread), so lists of symbols can be compared and hashed by it.
    pub(crate) fn address(&self) -> usize {
        Arc::as_ptr(&self.0).cast::<u8>() as usize
    }
}

impl Deref for Symbol {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Symbol {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Symbol {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Symbol {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, formatter)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(&*self.0, formatter)
    }
}

impl From<&str> for Symbol {
    fn from(text: &str) -> Self {
        Symbol::new(text)
    }
}

impl From<&String> for Symbol {
    fn from(text: &String) -> Self {
        Symbol::new(text)
    }
}

impl From<String> for Symbol {
    fn from(text: String) -> Self {
        Symbol::new(&text)
    }
}

impl From<&Symbol> for Symbol {
    fn from(symbol: &Symbol) -> Self {
        symbol.clone()
    }
}

impl From<Symbol> for String {
    fn from(symbol: Symbol) -> Self {
        symbol.0.to_string()
    }
}

impl PartialEq<str> for Symbol {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Symbol {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Symbol {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Symbol> for String {
    fn eq(&self, other: &Symbol) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Symbol> for str {
    fn eq(&self, other: &Symbol) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Symbol> for &str {
    fn eq(&self, other: &Symbol) -> bool {
        **self == *other.0
    }
}

impl Serialize for Symbol {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Symbol {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Symbol;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Symbol, E> {
                Ok(Symbol::new(text))
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_one_allocation_and_read_as_the_string() {
        let a = Symbol::new("lead_time");
        let b = Symbol::from("lead_time".to_owned());
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "lead_time");
        assert_eq!("lead_time".to_owned(), b);
        assert_eq!(format!("{a:?} {a}"), "\"lead_time\" lead_time");
        assert!(Symbol::new("a") < Symbol::new("b"));
    }

    #[test]
    fn written_and_read_as_a_plain_string() {
        let symbol = Symbol::new("quote \" and é");
        let text = ron::to_string(&symbol).unwrap();
        assert_eq!(text, ron::to_string("quote \" and é").unwrap());
        assert_eq!(ron::from_str::<Symbol>(&text).unwrap(), symbol);
    }
}
