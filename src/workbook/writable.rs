//! Whether a problem survives the trip through a workbook: what `to_excel` writes,
//! `from_excel` must give back unchanged, or `to_excel` refuses before a byte is
//! written and names every field it cannot carry.
//!
//! Two gates, both in memory:
//! - [`check`], before the workbook is built: the values a spreadsheet cannot hold or
//!   that offices' tools change — empty required text (a blank cell reads as missing),
//!   ids and references with white space at either end (spreadsheets and readers trim
//!   it) or with control characters (a line break splits a list cell), text over
//!   Excel's 32,767 characters a cell, a body id a blocked-bodies cell reads as "every
//!   body". These are refused whatever the reader does with them today.
//! - [`verify`], after it is built: the bytes are read back with the workbook reader
//!   and compared with the problem, so a value the rules above missed is refused too,
//!   at its JSON path, instead of coming back changed.

use std::collections::HashSet;

use serde_json::Value;

use super::layout::is_all_word;
use super::text::{format_precedence, join_list};
use crate::error::{Document, Error, Fault, Result};
use crate::model::document::{index, join, preview};
use crate::model::{Precedence, Problem};

/// Most characters (UTF-16 units, as Excel counts them) one cell holds.
pub(crate) const MAX_CELL_TEXT: usize = 32_767;

/// Refuses a problem holding values a workbook cannot carry, listing every one.
pub(crate) fn check(problem: &Problem) -> Result<()> {
    let mut c = Checker::new(problem);
    c.text("name", &problem.name);
    for (i, b) in problem.bodies.iter().enumerate() {
        let at = index("bodies", i);
        c.id(&join(&at, "id"), &b.id);
        c.text(&join(&at, "name"), &b.name);
    }
    for (i, x) in problem.people.iter().enumerate() {
        let at = index("people", i);
        c.id(&join(&at, "id"), &x.id);
        c.text(&join(&at, "name"), &x.name);
        c.refs(&join(&at, "bodies"), &x.bodies);
    }
    for (i, x) in problem.topics.iter().enumerate() {
        let at = index("topics", i);
        c.id(&join(&at, "id"), &x.id);
        c.text(&join(&at, "name"), &x.name);
        c.refs(&join(&at, "parents"), &x.parents);
    }
    for (i, x) in problem.areas.iter().enumerate() {
        let at = index("areas", i);
        c.id(&join(&at, "id"), &x.id);
        c.text(&join(&at, "name"), &x.name);
    }
    for (i, x) in problem.subjects.iter().enumerate() {
        let at = index("subjects", i);
        c.id(&join(&at, "id"), &x.id);
        c.text(&join(&at, "name"), &x.name);
        if let Some(area) = &x.area {
            c.reference(&join(&at, "area"), area);
        }
    }
    for (i, x) in problem.events.iter().enumerate() {
        let at = index("events", i);
        c.id(&join(&at, "id"), &x.id);
        c.text(&join(&at, "name"), &x.name);
        let blocks = join(&at, "blocks");
        c.refs(&blocks, &x.blocks);
        for (j, body) in x.blocks.iter().enumerate() {
            if body != "*" && is_all_word(body) {
                c.fault(
                    &index(&blocks, j),
                    format!(
                        "a workbook reads \"{body}\" in this cell as every body (\"*\"): \
                         give the body another id"
                    ),
                );
            }
        }
    }
    for (i, a) in problem.activities.iter().enumerate() {
        let at = index("activities", i);
        c.id(&join(&at, "id"), &a.id);
        c.reference(&join(&at, "body"), &a.body);
        c.text(&join(&at, "title"), &a.title);
        c.refs(&join(&at, "topics"), &a.topics);
        c.refs(&join(&at, "subjects"), &a.subjects);
        c.refs(&join(&at, "areas"), &a.areas);
        c.refs(&join(&at, "members"), &a.members);
        c.refs(&join(&at, "invite"), &a.invite);
        c.links(&join(&at, "after"), &a.after);
        c.links(&join(&at, "before"), &a.before);
    }
    for (i, h) in problem.history.iter().enumerate() {
        let at = index("history", i);
        c.id(&join(&at, "id"), &h.id);
        c.reference(&join(&at, "body"), &h.body);
        c.refs(&join(&at, "topics"), &h.topics);
        c.refs(&join(&at, "subjects"), &h.subjects);
    }
    c.finish()
}

/// Reads `bytes` (the workbook written for `problem`) back and refuses it unless it
/// gives back `problem` unchanged. A problem that is not valid itself has nothing to
/// compare with and is let through: the reader would refuse its faults, not the
/// workbook's.
pub(crate) fn verify(problem: &Problem, bytes: &[u8]) -> Result<()> {
    if problem.validate().is_err() {
        return Ok(());
    }
    let faults = match super::read_problem_bytes(bytes) {
        Ok(back) if back == *problem => return Ok(()),
        Ok(back) => {
            let mut faults = Vec::new();
            differences("", &problem.to_value(), &back.to_value(), &mut faults);
            if faults.is_empty() {
                faults.push(Fault::new(
                    "$",
                    "the workbook would not give the problem back unchanged",
                ));
            }
            faults
        }
        Err(Error::Invalid { faults, .. }) => faults.into_iter().map(unreadable).collect(),
        Err(other) => return Err(other),
    };
    Err(refused(faults))
}

fn refused(faults: Vec<Fault>) -> Error {
    Error::Invalid {
        document: Document::Problem,
        faults,
    }
}

/// A fault of the reader (`'dbqh'!C4 (activities[0].title): …`) as a fault of the
/// problem, at its JSON path.
fn unreadable(fault: Fault) -> Fault {
    let (path, cell) = match fault.path.rsplit_once(" (") {
        Some((cell, rest)) if rest.ends_with(')') => {
            (rest.trim_end_matches(')').to_owned(), Some(cell.to_owned()))
        }
        _ => (fault.path.clone(), None),
    };
    let message = match cell {
        Some(cell) => format!(
            "the workbook would not read this back ({cell}: {})",
            fault.message
        ),
        None => format!("the workbook would not read this back: {}", fault.message),
    };
    Fault::new(path, message)
}

/// Every place where `back` (what the workbook gives back) differs from `sent`.
fn differences(path: &str, sent: &Value, back: &Value, faults: &mut Vec<Fault>) {
    if sent == back {
        return;
    }
    let shown = |p: &str| {
        if p.is_empty() {
            "$".to_owned()
        } else {
            p.to_owned()
        }
    };
    match (sent, back) {
        (Value::Object(a), Value::Object(b)) => {
            let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
            for key in keys {
                let (x, y) = (
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                );
                differences(&join(path, key), x, y, faults);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(&index(path, i), x, y, faults);
            }
            if a.len() != b.len() {
                faults.push(Fault::new(
                    shown(path),
                    format!(
                        "the workbook would give back {} items instead of {}",
                        b.len(),
                        a.len()
                    ),
                ));
            }
        }
        _ => faults.push(Fault::new(
            shown(path),
            format!(
                "the workbook would give back {} instead of {}",
                preview(back),
                preview(sent)
            ),
        )),
    }
}

/// Collects the faults of [`check`].
struct Checker<'p> {
    faults: Vec<Fault>,
    /// Every id the problem declares: a reference to one is reported where the id is
    /// declared, not again at each use.
    declared: HashSet<&'p str>,
}

impl<'p> Checker<'p> {
    fn new(p: &'p Problem) -> Self {
        let ids = p
            .bodies
            .iter()
            .map(|x| x.id.as_str())
            .chain(p.people.iter().map(|x| x.id.as_str()))
            .chain(p.topics.iter().map(|x| x.id.as_str()))
            .chain(p.areas.iter().map(|x| x.id.as_str()))
            .chain(p.subjects.iter().map(|x| x.id.as_str()))
            .chain(p.events.iter().map(|x| x.id.as_str()))
            .chain(p.activities.iter().map(|x| x.id.as_str()));
        Checker {
            faults: Vec::new(),
            declared: ids.collect(),
        }
    }

    fn finish(self) -> Result<()> {
        if self.faults.is_empty() {
            Ok(())
        } else {
            Err(refused(self.faults))
        }
    }

    fn fault(&mut self, path: &str, message: String) {
        self.faults.push(Fault::new(path, message));
    }

    /// Required free text (a title, a name): not blank, and short enough for a cell.
    fn text(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            let what = if value.is_empty() {
                "is empty"
            } else {
                "holds only white space"
            };
            self.fault(
                path,
                format!("{what}: a workbook leaves the cell blank, and a blank cell reads back as missing"),
            );
        } else {
            self.length(path, value);
        }
    }

    /// An id where it is declared.
    fn id(&mut self, path: &str, value: &str) {
        if value.is_empty() {
            // Validation names an empty id; it has no cell trouble of its own.
            return;
        }
        let shown = preview(&Value::String(value.to_owned()));
        if let Some(c) = value.chars().find(|c| c.is_control()) {
            self.fault(
                path,
                format!(
                    "the id {shown} holds the control character U+{:04X}: an id in a \
                     workbook must be one line of printable text",
                    u32::from(c)
                ),
            );
        } else if value.trim() != value {
            self.fault(
                path,
                format!(
                    "the id {shown} begins or ends with white space, which spreadsheets and \
                     the workbook reader do not keep: remove it"
                ),
            );
        }
        self.length(path, value);
    }

    /// A reference to an id; one that names a declared id is checked there.
    fn reference(&mut self, path: &str, value: &str) {
        if !self.declared.contains(value) {
            self.id(path, value);
        }
    }

    /// A list of references written into one cell.
    fn refs(&mut self, path: &str, items: &[String]) {
        for (i, item) in items.iter().enumerate() {
            if item != "*" {
                self.reference(&index(path, i), item);
            }
        }
        self.length(path, &join_list(items));
    }

    /// `after`/`before`: `ref+gap` items in one cell.
    fn links(&mut self, path: &str, links: &[Precedence]) {
        for (i, link) in links.iter().enumerate() {
            self.reference(&join(&index(path, i), "ref"), &link.reference);
        }
        let items: Vec<String> = links
            .iter()
            .map(|l| format_precedence(&l.reference, l.gap))
            .collect();
        self.length(path, &join_list(&items));
    }

    fn length(&mut self, path: &str, text: &str) {
        let units = utf16_len(text);
        if units > MAX_CELL_TEXT {
            self.fault(
                path,
                format!(
                    "{units} characters do not fit in a workbook cell: Excel holds at most \
                     {MAX_CELL_TEXT}"
                ),
            );
        }
    }
}

/// The length of `text` as Excel counts it.
pub(crate) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_name_each_changed_field() {
        let mut faults = Vec::new();
        differences(
            "",
            &json!({"a": [{"id": " x"}, {"id": "y"}], "b": 1}),
            &json!({"a": [{"id": "x"}], "b": 1}),
            &mut faults,
        );
        let paths: Vec<&str> = faults.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a[0].id", "a"]);
        assert!(faults[0].message.contains("\"x\" instead of \" x\""));
        assert!(faults[1].message.contains("1 items instead of 2"));
    }

    #[test]
    fn reader_faults_keep_their_cell() {
        let f = unreadable(Fault::new(
            "'dbqh'!C4 (activities[0].title)",
            "missing field `title`",
        ));
        assert_eq!(f.path, "activities[0].title");
        assert!(
            f.message.contains("'dbqh'!C4: missing field"),
            "{}",
            f.message
        );
        let f = unreadable(Fault::new("'General'", "no such sheet"));
        assert_eq!(f.path, "'General'");
    }

    #[test]
    fn excel_counts_utf16_units() {
        assert_eq!(utf16_len("ạ"), 1);
        assert_eq!(utf16_len("😀"), 2);
    }
}
