//! A fast reader for response files in the shape the app writes them. Opening a workshop of
//! thousands of participants is mostly parsing their files, and the general RON parser spends
//! most of its time on things these files never contain (comments, raw strings, fields in any
//! order, unusual whitespace). This reader accepts only the app's own layout and gives up at the
//! first thing it does not expect; the caller then parses the file with `ron`, which decides what
//! the file means and reports any error with its line and column. So the fast path can make
//! loading faster but never different: where it returns a response, `ron` reads the same one
//! (the tests check this on generated and deliberately damaged files).

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::IntoDeserializer;

use crate::model::questionnaire::FORMAT_VERSION;
use crate::model::response::{Answer, Answers, Response, Section};
use crate::model::symbol::Symbol;

/// The response in `text`, if it is laid out the way the app writes responses; `None` means
/// "ask `ron`", not "invalid".
pub fn read(text: &str) -> Option<Response> {
    let mut reader = Reader { text, at: 0 };
    let response = reader.response()?;
    reader.blank();
    (reader.at == text.len()).then_some(response)
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    /// Skips ASCII whitespace. Anything else `ron` treats as blank (comments, other Unicode
    /// spaces) is left in place, so the next token fails to match and `ron` takes over.
    fn blank(&mut self) {
        let skipped = self
            .rest()
            .bytes()
            .take_while(|byte| matches!(byte, b' ' | b'\n' | b'\r' | b'\t'))
            .count();
        self.at += skipped;
    }

    /// Consumes `token` after any blank. Every token the grammar below expects after an
    /// identifier is punctuation, so matching a prefix of a longer identifier fails right after.
    fn token(&mut self, token: &str) -> Option<()> {
        self.blank();
        self.rest()
            .starts_with(token)
            .then(|| self.at += token.len())
    }

    fn is_next(&mut self, token: &str) -> bool {
        self.blank();
        self.rest().starts_with(token)
    }

    /// `name: ` before a field's value.
    fn field(&mut self, name: &str) -> Option<()> {
        self.token(name)?;
        self.token(":")
    }

    /// After a field or element: a comma, or straight to `close` (which is not consumed).
    fn separator(&mut self, close: &str) -> Option<()> {
        if self.token(",").is_some() || self.is_next(close) {
            Some(())
        } else {
            None
        }
    }

    /// `Name(` or a bare `(`, as `ron` accepts both for a struct.
    fn open_struct(&mut self, name: &str) -> Option<()> {
        if self.token(name).is_none() {
            self.blank();
        }
        self.token("(")
    }

    fn response(&mut self) -> Option<Response> {
        self.open_struct("Response")?;
        self.field("format_version")?;
        let format_version = self.unsigned()?;
        // A newer file goes to `ron`'s path, which explains what is wrong.
        if format_version > FORMAT_VERSION {
            return None;
        }
        self.separator(")")?;
        self.field("id")?;
        let id = self.string()?;
        self.separator(")")?;
        self.field("label")?;
        let label = self.optional(Self::string)?;
        self.separator(")")?;
        self.field("group")?;
        let group = self.optional(Self::string)?;
        self.separator(")")?;
        self.field("started_at")?;
        let started_at = self.time()?;
        self.separator(")")?;
        self.field("completed_at")?;
        let completed_at = self.optional(Self::time)?;
        self.separator(")")?;
        self.field("from_tally")?;
        let from_tally = self.boolean()?;
        self.separator(")")?;
        self.field("sections")?;
        let sections = self.list(Self::section)?;
        self.separator(")")?;
        self.token(")")?;
        Some(Response {
            format_version,
            id,
            label,
            group,
            started_at,
            completed_at,
            from_tally,
            sections,
        })
    }

    fn section(&mut self) -> Option<Section> {
        self.open_struct("Section")?;
        self.field("questionnaire")?;
        let questionnaire = self.symbol()?;
        self.separator(")")?;
        self.field("version")?;
        let version = self.unsigned()?;
        self.separator(")")?;
        self.field("hash")?;
        let hash = self.symbol()?;
        self.separator(")")?;
        self.field("project")?;
        let project = self.optional(Self::string)?;
        self.separator(")")?;
        self.field("answers")?;
        self.token("{")?;
        let mut entries = Vec::new();
        while !self.is_next("}") {
            let id = self.symbol()?;
            self.token(":")?;
            entries.push((id, self.answer()?));
            self.separator("}")?;
        }
        self.token("}")?;
        self.separator(")")?;
        self.token(")")?;
        Some(Section {
            questionnaire,
            version,
            hash,
            project,
            answers: entries.into_iter().collect::<Answers>(),
        })
    }

    fn answer(&mut self) -> Option<Answer> {
        if self.token("Declined").is_some() {
            return Some(Answer::Declined);
        }
        let answer = if self.token("Value").is_some() {
            self.token("(")?;
            Answer::Value(self.integer()?)
        } else if self.token("Choices").is_some() {
            self.token("(")?;
            Answer::Choices(self.list(Self::string)?)
        } else if self.token("Choice").is_some() {
            self.token("(")?;
            Answer::Choice(self.string()?)
        } else if self.token("Text").is_some() {
            self.token("(")?;
            Answer::Text(self.string()?)
        } else {
            return None;
        };
        self.token(")")?;
        Some(answer)
    }

    /// `[a, b, …]`, with or without a trailing comma.
    fn list<T>(&mut self, element: fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.token("[")?;
        let mut elements = Vec::new();
        while !self.is_next("]") {
            elements.push(element(self)?);
            self.separator("]")?;
        }
        self.token("]")?;
        Some(elements)
    }

    /// `None`, `Some(x)` or a bare `x` (the implicit-`Some` extension the app writes with).
    fn optional<T>(&mut self, value: fn(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.token("None").is_some() {
            return Some(None);
        }
        if self.token("Some").is_some() {
            self.token("(")?;
            let inner = value(self)?;
            self.token(")")?;
            return Some(Some(inner));
        }
        value(self).map(Some)
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.token("true").is_some() {
            Some(true)
        } else if self.token("false").is_some() {
            Some(false)
        } else {
            None
        }
    }

    /// Plain decimal digits right here; underscores, other bases and overflow go to `ron`.
    fn digits(&mut self) -> &'a str {
        let rest = self.rest();
        let length = rest.bytes().take_while(u8::is_ascii_digit).count();
        self.at += length;
        &rest[..length]
    }

    fn unsigned(&mut self) -> Option<u32> {
        self.blank();
        let digits = self.digits();
        // `ron` reads a leading zero as the start of another base or an error; let it decide.
        if digits.len() > 1 && digits.starts_with('0') {
            return None;
        }
        digits.parse().ok()
    }

    fn integer(&mut self) -> Option<i64> {
        self.blank();
        // The sign must touch the digits.
        let negative = self.rest().starts_with('-');
        self.at += usize::from(negative);
        let digits = self.digits();
        if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        let magnitude: i64 = digits.parse().ok()?;
        Some(if negative { -magnitude } else { magnitude })
    }

    /// A `"…"` string with the escapes `ron` writes (those of `char::escape_debug`). Raw strings
    /// and byte escapes go to `ron`.
    fn string(&mut self) -> Option<String> {
        self.token("\"")?;
        let mut value = String::new();
        loop {
            let rest = self.rest();
            let stop = rest.find(['"', '\\'])?;
            value.push_str(&rest[..stop]);
            self.at += stop + 1;
            if rest.as_bytes()[stop] == b'"' {
                return Some(value);
            }
            let escaped = self.rest().chars().next()?;
            self.at += escaped.len_utf8();
            value.push(match escaped {
                '"' => '"',
                '\'' => '\'',
                '\\' => '\\',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                '0' => '\0',
                'u' => self.unicode_escape()?,
                _ => return None,
            });
        }
    }

    /// A string that repeats across responses (an id, a hash), interned. Most have no escapes, so
    /// they are looked up straight from the file's text without building a `String` first.
    fn symbol(&mut self) -> Option<Symbol> {
        self.blank();
        let plain = self.rest().strip_prefix('"').and_then(|rest| {
            let stop = rest.find(['"', '\\'])?;
            (rest.as_bytes()[stop] == b'"').then(|| &rest[..stop])
        });
        match plain {
            Some(text) => {
                self.at += text.len() + 2;
                Some(Symbol::new(text))
            }
            None => self.string().map(Symbol::from),
        }
    }

    /// The `{hex}` of a `\u{…}` escape: one to six digits naming a Unicode scalar value.
    fn unicode_escape(&mut self) -> Option<char> {
        let rest = self.rest().strip_prefix('{')?;
        let end = rest.find('}')?;
        let hex = &rest[..end];
        if hex.is_empty() || hex.len() > 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 1 + end + 1;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    /// A timestamp string, read by the type's own `Deserialize` so it means exactly what it
    /// means to `ron`.
    fn time(&mut self) -> Option<DateTime<Utc>> {
        let text = self.string()?;
        let deserializer: serde::de::value::StrDeserializer<serde::de::value::Error> =
            text.as_str().into_deserializer();
        DateTime::<Utc>::deserialize(deserializer).ok()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    use super::*;
    use crate::storage;

    fn ron(text: &str) -> Result<Response, storage::Problem> {
        storage::parse_ron(Path::new("r.ron"), text)
    }

    /// Characters that stress strings: quotes, escapes, comment starters, structure, non-ASCII,
    /// control and zero-width characters.
    const PALETTE: &[&str] = &[
        "a", "Z", " ", "\"", "\\", "'", "\n", "\r", "\t", "\0", "#", "r#\"", "//", "/*", "{", "}",
        "(", ")", "[", "]", ",", ":", "é", "ß", "😀", "\u{200b}", "\u{7f}", "\u{1b}", "\u{2028}",
        "\u{301}", "None", "Some(", "Value(1)", "\\u{41}",
    ];

    fn text(rng: &mut ChaCha8Rng) -> String {
        (0..rng.random_range(0..12))
            .map(|_| PALETTE[rng.random_range(0..PALETTE.len())])
            .collect()
    }

    fn answer(rng: &mut ChaCha8Rng) -> Answer {
        match rng.random_range(0..5) {
            0 => Answer::Value(rng.random_range(-20..2000)),
            1 => Answer::Choice(text(rng)),
            2 => Answer::Choices((0..rng.random_range(0..4)).map(|_| text(rng)).collect()),
            3 => Answer::Text(text(rng)),
            _ => Answer::Declined,
        }
    }

    fn response(rng: &mut ChaCha8Rng) -> Response {
        let maybe = |rng: &mut ChaCha8Rng| rng.random_bool(0.7).then(|| text(rng));
        let mut response = Response::new(text(rng), maybe(rng), maybe(rng));
        response.started_at =
            DateTime::from_timestamp(rng.random_range(0..4_000_000_000), 0).expect("in range");
        response.completed_at = rng
            .random_bool(0.5)
            .then(|| response.started_at + chrono::Duration::milliseconds(1234));
        response.from_tally = rng.random_bool(0.2);
        for _ in 0..rng.random_range(0..4) {
            response.sections.push(Section {
                questionnaire: text(rng).into(),
                version: rng.random_range(0..5),
                hash: text(rng).into(),
                project: maybe(rng),
                answers: (0..rng.random_range(0..8))
                    .map(|_| (text(rng), answer(rng)))
                    .collect(),
            });
        }
        response
    }

    #[test]
    fn reads_what_the_app_writes_exactly_as_ron_does() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        for _ in 0..400 {
            let written = response(&mut rng);
            let text = storage::to_ron(&written).unwrap();
            assert_eq!(read(&text).as_ref(), Some(&written), "{text}");
            assert_eq!(ron(&text).unwrap(), written);
        }
    }

    #[test]
    fn reads_the_demo_workshop_files() {
        let temp = tempfile::tempdir().unwrap();
        crate::inputs::demo::write_demo(temp.path(), 30, 3).unwrap();
        let files = crate::storage::catalog::ron_files(
            &temp.path().join(crate::storage::folder::RESPONSES_DIR),
        );
        assert_eq!(files.len(), 30);
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(read(&text), Some(ron(&text).unwrap()), "{}", path.display());
        }
    }

    /// Damaged and hand-edited files: whatever the fast path accepts, `ron` must read the same.
    #[test]
    fn never_accepts_what_ron_reads_differently_or_rejects() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let mut accepted = 0;
        for _ in 0..60 {
            let text = storage::to_ron(&response(&mut rng)).unwrap();
            let chars: Vec<char> = text.chars().collect();
            for _ in 0..150 {
                let mut edited = chars.clone();
                let at = rng.random_range(0..edited.len());
                match rng.random_range(0..4) {
                    0 => {
                        edited.remove(at);
                    }
                    1 => edited.insert(
                        at,
                        PALETTE[rng.random_range(0..PALETTE.len())]
                            .chars()
                            .next()
                            .unwrap(),
                    ),
                    2 => {
                        edited[at] = ['"', ',', ')', '(', ' ', '0', '-', '\\', 'x', '}', ']']
                            [rng.random_range(0..11)]
                    }
                    _ => edited.truncate(at),
                }
                let edited: String = edited.into_iter().collect();
                if let Some(fast) = read(&edited) {
                    accepted += 1;
                    assert_eq!(ron(&edited).ok(), Some(fast), "{edited}");
                }
            }
        }
        // Harmless edits (a space, a removed trailing comma) are still taken by the fast path.
        assert!(accepted > 100, "only {accepted} edited files were read");
    }

    #[test]
    fn leaves_other_valid_layouts_to_ron() {
        let written = {
            let mut response = Response::new("x1".into(), Some("Ann".into()), None);
            response.completed_at = Some(response.started_at);
            response
        };
        let text = storage::to_ron(&written).unwrap();
        let variants = [
            // A comment.
            text.replacen("Response(", "// hand-edited\nResponse(", 1),
            // Fields in another order.
            text.replacen("    from_tally: false,\n", "", 1).replacen(
                "    id:",
                "    from_tally: false,\n    id:",
                1,
            ),
            // A field left to its default.
            text.replacen("    from_tally: false,\n", "", 1),
            // A raw string.
            text.replacen("\"Ann\"", "r#\"Ann\"#", 1),
            // A number written with an underscore.
            text.replacen("format_version: 1", "format_version: 0_1", 1),
        ];
        for variant in &variants {
            assert_eq!(read(variant), None, "{variant}");
            assert_eq!(ron(variant).unwrap(), written, "{variant}");
        }
        // `Some(…)` and a bare struct are plain RON the fast path knows too.
        let explicit = text
            .replacen("label: \"Ann\"", "label: Some(\"Ann\")", 1)
            .replacen("Response(", "(", 1);
        assert_eq!(read(&explicit), Some(written.clone()));
        assert_eq!(ron(&explicit).unwrap(), written);
    }

    #[test]
    fn a_newer_format_is_left_to_ron_to_explain() {
        let text = storage::to_ron(&Response::new("x".into(), None, None))
            .unwrap()
            .replacen("format_version: 1", "format_version: 99", 1);
        assert_eq!(read(&text), None);
        assert!(ron(&text).unwrap_err().message.contains("newer"));
    }
}
