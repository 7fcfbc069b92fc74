//! The catalogue of words: every sentence and label the library writes, keyed, in one
//! Project Fluent file per language (`vi.ftl`, `en.ftl` beside this file).
//!
//! Code asks for a key with its context ([`text`]), never for a sentence: the wording,
//! the word order and the grammar (English "is"/"are") are the file's business. Adding
//! a language is one `.ftl` file and one line in [`SOURCES`] (and a [`Lang`] variant).
//!
//! Fluent wraps every placeable in Unicode isolation marks (U+2068, U+2069) by default;
//! they are turned off so that messages stay the plain text the format and the pinned
//! outputs hold.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::resolver::ResolverError;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::lang::Lang;

/// Each language's catalogue, in the order of [`Lang`]'s variants.
const SOURCES: [(Lang, &str, &str); 2] = [
    (Lang::Vi, "vi", include_str!("vi.ftl")),
    (Lang::En, "en", include_str!("en.ftl")),
];

/// A language's bundle and the keys of its messages, in the file's order.
struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    keys: Vec<String>,
}

/// Parses a catalogue. The files are part of the build and a test parses every one,
/// so a syntax error here is a bug of this crate, reported through the messages
/// (each key then reads as itself) rather than a panic.
fn build(tag: &str, source: &str) -> Catalogue {
    let locale: LanguageIdentifier = tag.parse().unwrap_or_default();
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    let keys = resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect();
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    bundle.set_use_isolating(false);
    // A duplicate key keeps its first definition; the tests refuse duplicates.
    let _ = bundle.add_resource(resource);
    Catalogue { bundle, keys }
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static ALL: OnceLock<Vec<Catalogue>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(_, tag, src)| build(tag, src))
            .collect()
    });
    let position = SOURCES.iter().position(|(l, _, _)| *l == lang).unwrap_or(0);
    &all[position]
}

/// One value of a message's context: text shown as written, or a number used to
/// choose a plural form (shown as its digits).
pub type Arg<'a> = FluentValue<'a>;

/// Formats message `key` of `lang` with `args`, and the errors Fluent met.
fn format(lang: Lang, key: &str, args: &FluentArgs<'_>) -> (String, Vec<FluentError>) {
    let bundle = &catalogue(lang).bundle;
    let mut errors = Vec::new();
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return (key.to_owned(), vec![]);
    };
    let text = bundle.format_pattern(pattern, Some(args), &mut errors);
    (text.into_owned(), errors)
}

/// The message `key` in `lang`, its variables filled from `args` (name, value). A key
/// the catalogue lacks reads as itself.
pub fn text(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, value.clone());
    }
    format(lang, key, &fluent).0
}

/// The message `key` in `lang`, for messages without variables.
pub fn label(lang: Lang, key: &str) -> String {
    text(lang, key, &[])
}

/// Every message of `lang`, key → text, with each variable written `{name}` as
/// Python's `str.format` reads it: the views and figures of the Python package take
/// their words from here.
pub fn labels(lang: Lang) -> BTreeMap<String, String> {
    catalogue(lang)
        .keys
        .iter()
        .map(|key| (key.clone(), template(lang, key)))
        .collect()
}

/// Message `key` with each variable left as `{name}`: formatted once without
/// arguments, then again with every variable Fluent reported missing bound to its
/// placeholder (a selector then takes its default variant).
fn template(lang: Lang, key: &str) -> String {
    let mut args = FluentArgs::new();
    let mut bound = 0;
    loop {
        let (text, errors) = format(lang, key, &args);
        let missing: Vec<String> = errors
            .iter()
            .filter_map(|e| match e {
                FluentError::ResolverError(ResolverError::Reference(
                    fluent_bundle::resolver::errors::ReferenceKind::Variable { id },
                )) => Some(id.clone()),
                _ => None,
            })
            .collect();
        if missing.is_empty() || bound > 8 {
            return text;
        }
        for id in missing {
            let placeholder = format!("{{{id}}}");
            args.set(id, placeholder);
        }
        bound += 1;
    }
}

/// The keys of `lang`'s catalogue, in its file's order.
pub fn keys(lang: Lang) -> &'static [String] {
    &catalogue(lang).keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_parses_and_has_the_same_keys_once() {
        for (lang, tag, source) in SOURCES {
            assert!(
                FluentResource::try_new(source.to_owned()).is_ok(),
                "{tag}.ftl has a syntax error"
            );
            let mut sorted = keys(lang).to_vec();
            sorted.sort();
            let count = sorted.len();
            sorted.dedup();
            assert_eq!(sorted.len(), count, "{tag}.ftl repeats a key");
            let mut vi = keys(Lang::Vi).to_vec();
            vi.sort();
            assert_eq!(sorted, vi, "{tag}.ftl and vi.ftl define different keys");
        }
    }

    #[test]
    fn placeables_are_not_isolated_and_plurals_follow_the_language() {
        let one = text(
            Lang::En,
            "breach-person",
            &[
                ("names", "An".into()),
                ("count", 1.into()),
                ("a", "A".into()),
                ("b", "B".into()),
                ("date", "2024-03-04".into()),
            ],
        );
        assert_eq!(one, "An is booked in both A and B on 2024-03-04.");
        let two = text(
            Lang::En,
            "breach-person",
            &[
                ("names", "An, Bình".into()),
                ("count", 2.into()),
                ("a", "A".into()),
                ("b", "B".into()),
                ("date", "2024-03-04".into()),
            ],
        );
        assert_eq!(two, "An, Bình are booked in both A and B on 2024-03-04.");
        assert_eq!(label(Lang::En, "no-such-key"), "no-such-key");
    }

    #[test]
    fn labels_leave_variables_as_python_placeholders() {
        let en = labels(Lang::En);
        assert_eq!(en["view-infeasible"], "Infeasible: {n} hard violation(s)");
        assert_eq!(labels(Lang::Vi)["form-survey"], "Khảo sát");
    }
}
