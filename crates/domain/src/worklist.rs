//! What waits on a unit's worklist and how it is handled: an alert (a yellow or red
//! result, a form not answered, a measurement missing) is acknowledged, a request for an
//! appointment is handled, each by a person with a short note of what they did.

/// The fewest and most characters of a handling note.
pub const NOTE_CHARS: std::ops::RangeInclusive<usize> = 3..=500;

/// The note as kept: trimmed, at least [`NOTE_CHARS`]'s start, cut at its end; `None`
/// when it is too short to say what was done.
pub fn note(text: &str) -> Option<String> {
    let note = text.trim();
    (note.chars().count() >= *NOTE_CHARS.start())
        .then(|| note.chars().take(*NOTE_CHARS.end()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_says_something_and_is_kept_within_its_length() {
        assert_eq!(note("  ok "), None, "two characters say nothing");
        assert_eq!(note("   "), None);
        assert_eq!(note(" Ringt "), Some("Ringt".into()));
        assert_eq!(note("abc"), Some("abc".into()), "three is enough");
        let long = "æ".repeat(600);
        assert_eq!(note(&long).map(|n| n.chars().count()), Some(500));
        let exact = "ø".repeat(500);
        assert_eq!(note(&exact), Some(exact.clone()));
    }
}
