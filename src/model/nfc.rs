//! Ids and references compared as Vietnamese offices type them.
//!
//! Some Vietnamese input methods write decomposed Unicode (NFD: `a` followed by
//! combining marks) where others write precomposed letters (NFC). Both look the same on
//! screen, so an id typed one way and referenced the other way must still match. Ids and
//! every reference are brought to NFC when a document is read; titles and names, which
//! are only shown, keep exactly what the user wrote.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::problem::Problem;

/// `text` in NFC, borrowed when it already is (the common case costs no allocation).
pub fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// Brings `text` to NFC in place.
pub fn to_nfc(text: &mut String) {
    if let Cow::Owned(normal) = nfc(text) {
        *text = normal;
    }
}

fn all_to_nfc(texts: &mut [String]) {
    texts.iter_mut().for_each(to_nfc);
}

/// Brings every id and every reference of `problem` to NFC.
pub fn normalize_ids(problem: &mut Problem) {
    for body in &mut problem.bodies {
        to_nfc(&mut body.id);
    }
    for person in &mut problem.people {
        to_nfc(&mut person.id);
        all_to_nfc(&mut person.bodies);
    }
    for topic in &mut problem.topics {
        to_nfc(&mut topic.id);
        all_to_nfc(&mut topic.parents);
    }
    for area in &mut problem.areas {
        to_nfc(&mut area.id);
    }
    for subject in &mut problem.subjects {
        to_nfc(&mut subject.id);
        if let Some(area) = &mut subject.area {
            to_nfc(area);
        }
    }
    for event in &mut problem.events {
        to_nfc(&mut event.id);
        all_to_nfc(&mut event.blocks);
    }
    for a in &mut problem.activities {
        to_nfc(&mut a.id);
        to_nfc(&mut a.body);
        all_to_nfc(&mut a.topics);
        all_to_nfc(&mut a.subjects);
        all_to_nfc(&mut a.areas);
        all_to_nfc(&mut a.members);
        all_to_nfc(&mut a.invite);
        for link in a.after.iter_mut().chain(a.before.iter_mut()) {
            to_nfc(&mut link.reference);
        }
    }
    for h in &mut problem.history {
        to_nfc(&mut h.id);
        to_nfc(&mut h.body);
        all_to_nfc(&mut h.topics);
        all_to_nfc(&mut h.subjects);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_text_becomes_precomposed_and_nfc_is_borrowed() {
        let decomposed = "Kha\u{309}o sa\u{301}t";
        assert_eq!(nfc(decomposed), "Khảo sát");
        assert!(matches!(nfc("Khảo sát"), Cow::Borrowed(_)));
    }
}
