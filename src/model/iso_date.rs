//! Dates as the format writes them: exactly `YYYY-MM-DD`.
//!
//! chrono's own parser is lenient: it takes `2024-1-5`, ` 2024-01-05` and
//! `+2024-01-01`, and five-digit years (`+10000-01-01`) that then fail much later, in
//! an export, without a path. Every date of a problem or a plan is read here instead,
//! so such a date is refused where it is written, with its JSON path. (Whether the
//! calendar covers the year is the calendar's check, one layer up.)

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serializer};

/// Reads `text` as a date `YYYY-MM-DD`; the error says what was expected in a
/// planner's words.
pub fn parse(text: &str) -> Result<NaiveDate, String> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(format!(
            "expected a date written YYYY-MM-DD, found {}",
            crate::model::document::preview(&serde_json::Value::String(text.to_string()))
        ));
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("expected a date written YYYY-MM-DD; \"{text}\" is no day of the calendar")
    })?;
    Ok(date)
}

/// Serde `with` module for one date.
pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&date.format("%Y-%m-%d"))
}

/// Serde `with` module for one date.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).map_err(serde::de::Error::custom)
}

/// A date read strictly, for places that deserialize a bare value (a plan's `start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub NaiveDate);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize(deserializer).map(IsoDate)
    }
}

/// Serde `with` module for a list of dates.
pub mod list {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::IsoDate;

    pub fn serialize<S: Serializer>(dates: &[NaiveDate], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(dates.iter().map(|d| d.format("%Y-%m-%d").to_string()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<NaiveDate>, D::Error> {
        let dates = Vec::<IsoDate>::deserialize(deserializer)?;
        Ok(dates.into_iter().map(|d| d.0).collect())
    }
}

/// Serde `with` module for an optional date.
pub mod option {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::IsoDate;

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => super::serialize(d, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        Ok(Option::<IsoDate>::deserialize(deserializer)?.map(|d| d.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_iso_shape_is_read() {
        assert_eq!(
            parse("2024-01-05"),
            Ok(NaiveDate::from_ymd_opt(2024, 1, 5).expect("date"))
        );
        for bad in [
            "2024-1-5",
            " 2024-01-05",
            "2024-01-05 ",
            "+2024-01-01",
            "+10000-01-01",
            "20240105",
            "2024/01/05",
            "２０２４-01-05",
            "",
        ] {
            let err = parse(bad).expect_err(bad);
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(parse("2024-02-30")
            .expect_err("no such day")
            .contains("no day of the calendar"));
        assert!(parse("2024-13-01").is_err());
        assert!(parse("9999-12-31").is_ok());
    }
}
