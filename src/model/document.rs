//! Reading a document (JSON, YAML or TOML) into a tree, writing one back, and decoding that tree into typed
//! values while collecting every fault with its JSON path.
//!
//! Decoding goes element by element rather than in one serde pass: serde stops at the
//! first error, while a planner fixing a file wants all of them at once. Each list
//! element is decoded on its own with `serde_path_to_error`, so one bad activity does
//! not hide the faults of the next.

use std::collections::HashSet;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::Fault;

/// The path that names the whole document.
pub const ROOT: &str = "$";

/// Documents larger than this are refused before parsing, so that memory stays
/// bounded whatever is fed in. A province's year is well under 1 MB.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// The text syntax of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
    Toml,
    /// JSON when the text starts with `{` or `[`, YAML otherwise.
    Auto,
}

impl Syntax {
    /// The syntax a file name implies: `.yaml`/`.yml` are YAML, `.toml` TOML, `.json`
    /// JSON, anything else is sniffed (and written as JSON).
    pub fn for_path(path: &Path) -> Syntax {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => Syntax::Json,
            Some("yaml" | "yml") => Syntax::Yaml,
            Some("toml") => Syntax::Toml,
            _ => Syntax::Auto,
        }
    }
}

/// Parses raw bytes into a JSON tree. A UTF-8 byte-order mark is accepted (editors on
/// Windows write one); any other non-UTF-8 input is a fault at `$`.
pub fn parse_bytes(bytes: &[u8], syntax: Syntax) -> Result<Value, Fault> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Fault::new(
            ROOT,
            format!(
                "the document is {} bytes, more than the {} bytes this library reads",
                bytes.len(),
                MAX_DOCUMENT_BYTES
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Fault::new(
            ROOT,
            format!(
                "the document is not valid UTF-8 text (bad byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    parse_str(text, syntax)
}

/// Parses text into a JSON tree.
pub fn parse_str(text: &str, syntax: Syntax) -> Result<Value, Fault> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Fault::new(ROOT, "the document is empty"));
    }
    let syntax = match syntax {
        Syntax::Auto if text.trim_start().starts_with(['{', '[']) => Syntax::Json,
        Syntax::Auto => Syntax::Yaml,
        other => other,
    };
    match syntax {
        Syntax::Json => parse_json(text),
        Syntax::Toml => parse_toml(text),
        _ => serde_saphyr::from_str::<Value>(text)
            .map_err(|e| Fault::new(ROOT, format!("not valid YAML: {e}"))),
    }
}

/// Writes `document` in `syntax` (JSON for [`Syntax::Auto`]), ending with a newline.
pub fn render<T: serde::Serialize>(document: &T, syntax: Syntax) -> Result<String, Fault> {
    let cannot = |what: &str, e: &dyn std::fmt::Display| {
        Fault::new(ROOT, format!("cannot write {what}: {e}"))
    };
    match syntax {
        Syntax::Yaml => serde_saphyr::to_string(document).map_err(|e| cannot("YAML", &e)),
        Syntax::Toml => toml::to_string_pretty(document).map_err(|e| cannot("TOML", &e)),
        Syntax::Json | Syntax::Auto => serde_json::to_string_pretty(document)
            .map(|text| text + "\n")
            .map_err(|e| cannot("JSON", &e)),
    }
}

/// Parses TOML into the same tree a JSON file gives: TOML's dates (`start =
/// 2024-03-04`, unquoted) become the ISO strings the format reads.
fn parse_toml(text: &str) -> Result<Value, Fault> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| Fault::new(ROOT, format!("not valid TOML: {e}")))?;
    toml_to_json(toml::Value::Table(table), ROOT)
}

fn toml_to_json(value: toml::Value, path: &str) -> Result<Value, Fault> {
    Ok(match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => match serde_json::Number::from_f64(f) {
            Some(n) => Value::Number(n),
            None => return Err(Fault::new(path, format!("{f} is not a finite number"))),
        },
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| toml_to_json(item, &index(path, i)))
                .collect::<Result<_, _>>()?,
        ),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| {
                    let at = join(path, &k);
                    toml_to_json(v, &at).map(|v| (k, v))
                })
                .collect::<Result<_, _>>()?,
        ),
    })
}

/// Parses JSON, rejecting an object that repeats a key: the last value would silently
/// win, and the format wants no typo ignored.
fn parse_json(text: &str) -> Result<Value, Fault> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed =
        serde_path_to_error::deserialize::<_, StrictValue>(&mut deserializer).map_err(|err| {
            let path = err.path().to_string();
            // The path of a too-deep document is only "[0][0]…": say where it is by
            // line and column instead.
            let too_deep = err.inner().to_string().contains("recursion limit");
            let path = if path == "." || too_deep {
                ROOT.to_string()
            } else {
                path
            };
            Fault::new(path, format!("not valid JSON: {}", err.inner()))
        })?;
    deserializer
        .end()
        .map_err(|e| Fault::new(ROOT, format!("not valid JSON: {e}")))?;
    Ok(parsed.0)
}

/// A JSON tree read with repeated object keys rejected.
struct StrictValue(Value);

impl<'de> serde::Deserialize<'de> for StrictValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "the key `{key}` appears twice in one object"
                )));
            }
            let StrictValue(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Joins a parent path and a child key the way the faults print them.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() || parent == ROOT {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// The path of element `index` of the list at `parent`.
pub fn index(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// A short rendering of a JSON value for messages, cut to keep a 50 MB string from
/// landing in an error message.
pub fn preview(value: &Value) -> String {
    const MAX: usize = 60;
    let text = value.to_string();
    if text.chars().count() <= MAX {
        text
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// Decodes one value into `T`, turning the first serde error into a fault whose path
/// is `path` joined with where serde stopped.
pub fn decode<T: DeserializeOwned>(value: &Value, path: &str) -> Result<T, Fault> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|err| {
        let inner = err.path().to_string();
        let full = if inner == "." || inner.is_empty() {
            path.to_string()
        } else if inner.starts_with('[') {
            format!("{path}{inner}")
        } else {
            join(path, &inner)
        };
        let raw = err.inner().to_string();
        let message = explain_serde_message(&raw, lookup(value, &inner));
        // serde reports a missing field at its parent object; name the field itself, as
        // for the top-level fields.
        let full = match raw
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
        {
            Some(field) => join(&full, field),
            None => full,
        };
        Fault::new(full, message)
    })
}

/// Finds the value at a `serde_path_to_error` path (`a.b[2].c`) below `value`.
fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    if path == "." || path.is_empty() {
        return Some(value);
    }
    let mut current = value;
    for segment in path.split('.') {
        let (key, indices) = match segment.find('[') {
            Some(at) => (&segment[..at], &segment[at..]),
            None => (segment, ""),
        };
        if !key.is_empty() {
            current = current.get(key)?;
        }
        for part in indices.split('[').filter(|p| !p.is_empty()) {
            let idx: usize = part.trim_end_matches(']').parse().ok()?;
            current = current.get(idx)?;
        }
    }
    Some(current)
}

/// Serde's messages are precise but terse; dates in particular come out as chrono's
/// "input contains invalid characters". Say what was expected and what was found.
fn explain_serde_message(message: &str, found: Option<&Value>) -> String {
    const CHRONO: [&str; 6] = [
        "input contains invalid characters",
        "input is out of range",
        "premature end of input",
        "trailing input",
        "input is not enough for unique date and time",
        "no possible date and time matching input",
    ];
    // "invalid value: integer `-2`, expected u32" is jargon for a planner.
    if let Some(rest) = message.strip_prefix("invalid value: integer `") {
        if let Some((number, expected)) = rest.split_once("`, expected ") {
            if expected.starts_with('u') {
                return format!("expected a whole number, 0 or more, found {number}");
            }
        }
    }
    if CHRONO.iter().any(|c| message.starts_with(c)) {
        let shown = found.map(preview).unwrap_or_else(|| "this value".into());
        return format!("expected a date written YYYY-MM-DD, found {shown} ({message})");
    }
    message.to_string()
}

/// Collects faults while decoding the fields of one JSON object.
pub struct ObjectDecoder<'a> {
    object: &'a Map<String, Value>,
    path: String,
    faults: &'a mut Vec<Fault>,
}

impl<'a> ObjectDecoder<'a> {
    /// Starts decoding `value` at `path`; a non-object is a fault and yields `None`.
    pub fn new(value: &'a Value, path: &str, faults: &'a mut Vec<Fault>) -> Option<Self> {
        match value.as_object() {
            Some(object) => Some(ObjectDecoder {
                object,
                path: path.to_string(),
                faults,
            }),
            None => {
                faults.push(Fault::new(
                    path,
                    format!("expected an object, found {}", kind_of(value)),
                ));
                None
            }
        }
    }

    /// Reports every key not in `known`.
    pub fn reject_unknown(&mut self, known: &[&str]) {
        for key in self.object.keys() {
            if !known.contains(&key.as_str()) {
                let expected = known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.faults.push(Fault::new(
                    join(&self.path, key),
                    format!("unknown field `{key}`, expected one of {expected}"),
                ));
            }
        }
    }

    /// Records a fault on field `key` of this object.
    pub fn push_fault(&mut self, key: &str, message: impl Into<String>) {
        self.faults.push(Fault::new(join(&self.path, key), message));
    }

    /// The raw value of `key`, if present.
    pub fn raw(&self, key: &str) -> Option<&'a Value> {
        self.object.get(key)
    }

    /// A required field.
    pub fn required<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        let path = join(&self.path, key);
        match self.object.get(key) {
            None => {
                self.faults
                    .push(Fault::new(path, format!("missing field `{key}`")));
                None
            }
            Some(value) => self.record(decode(value, &path)),
        }
    }

    /// An optional field; `None` both when absent and when faulty (the fault is kept).
    pub fn optional<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        let path = join(&self.path, key);
        let value = self.object.get(key)?;
        self.record(decode(value, &path))
    }

    /// A list field decoded element by element. Elements that fail are left out and
    /// their faults kept; `failed_ids` receives the `id` of each such element, when it
    /// has one, so that later reference checks do not report it as missing too.
    pub fn list<T: DeserializeOwned>(
        &mut self,
        key: &str,
        failed_ids: &mut HashSet<String>,
    ) -> Vec<T> {
        let path = join(&self.path, key);
        let Some(value) = self.object.get(key) else {
            return Vec::new();
        };
        let Some(items) = value.as_array() else {
            self.faults.push(Fault::new(
                path,
                format!("expected a list, found {}", kind_of(value)),
            ));
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match decode::<T>(item, &index(&path, i)) {
                Ok(v) => out.push(v),
                Err(fault) => {
                    if let Some(id) = item.get("id").and_then(Value::as_str) {
                        failed_ids.insert(id.to_string());
                    }
                    self.faults.push(fault);
                }
            }
        }
        out
    }

    fn record<T>(&mut self, result: Result<T, Fault>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(fault) => {
                self.faults.push(fault);
                None
            }
        }
    }
}

/// "a string", "a number", … for messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_follows_keys_and_indices() {
        let v: Value = serde_json::json!({"a": {"b": [1, {"c": 5}]}});
        assert_eq!(lookup(&v, "a.b[1].c"), Some(&serde_json::json!(5)));
        assert_eq!(lookup(&v, "."), Some(&v));
        assert_eq!(lookup(&v, "a.x"), None);
    }

    #[test]
    fn bom_is_accepted_and_bad_utf8_is_a_fault() {
        let v = parse_bytes(b"\xEF\xBB\xBF{\"a\": 1}", Syntax::Auto).expect("bom");
        assert_eq!(v["a"], 1);
        let err = parse_bytes(b"{\"a\": \"\xFF\"}", Syntax::Json).expect_err("utf8");
        assert_eq!(err.path, ROOT);
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn preview_cuts_long_values() {
        let long = Value::String("x".repeat(1000));
        assert!(preview(&long).chars().count() <= 61);
    }
}
