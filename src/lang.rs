//! The language of messages, headings and explanations.

use serde::{Deserialize, Serialize};

/// Vietnamese (the default for planners) or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Parses `"vi"` or `"en"` (case-insensitive).
    pub fn parse(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Formats a date as planners in this language write it (the catalogue's
    /// `date-format`, a chrono pattern).
    pub fn date(self, date: chrono::NaiveDate) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        // A pattern chrono cannot read would be a bug of the catalogue (its tests
        // format a date in every language); ISO is the safe reading then.
        if write!(
            out,
            "{}",
            date.format(&crate::text::label(self, "date-format"))
        )
        .is_err()
        {
            return date.format("%Y-%m-%d").to_string();
        }
        out
    }
}
