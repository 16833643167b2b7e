//! Plain-text formatting every output shares (the window, the report, charts, tables): a share as
//! a whole percentage, a count with its noun in the right number and a label shortened to a number
//! of characters. One definition each, so the same figure never reads differently in two places.

/// A share (0.0–1.0) as a whole percentage: `0.2941` → `"29%"`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// A count with its noun, singular for exactly one: `count(1, "person", "people")` →
/// `"1 person"`, `count(0, "person", "people")` → `"0 people"`. Both forms are given because
/// English plurals are irregular ("person"/"people", "was"/"were" need no rules engine).
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", noun(n, singular, plural))
}

/// The noun alone, in the number `n` asks for (for sentences where the count stands apart).
pub fn noun<'a>(n: usize, singular: &'a str, plural: &'a str) -> &'a str {
    if n == 1 { singular } else { plural }
}

/// `text` cut to at most `max_chars` characters, the last of them `…` when anything was cut.
/// Counts characters, not bytes, so a multi-byte letter is never split.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(max_chars.saturating_sub(1)).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_to_whole_percent() {
        assert_eq!(percent(0.2941), "29%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn count_is_singular_for_exactly_one() {
        assert_eq!(count(1, "person", "people"), "1 person");
        assert_eq!(count(0, "person", "people"), "0 people");
        assert_eq!(count(2, "respondent", "respondents"), "2 respondents");
        assert_eq!(count(1, "question", "questions"), "1 question");
        assert_eq!(noun(21, "note", "notes"), "notes");
    }

    #[test]
    fn shorten_counts_characters_and_marks_the_cut() {
        assert_eq!(shorten("Kiosk", 5), "Kiosk");
        assert_eq!(shorten("Kiosk mode", 6), "Kiosk…");
        assert_eq!(shorten("Überblick", 3), "Üb…");
    }
}
