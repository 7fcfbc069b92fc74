//! The state behind `oversight.Problem`: the document being built with the `add_*`
//! calls, and the validated problem it gives, computed once and reused until the next
//! change. A problem loaded from a file starts validated and has no draft until it is
//! changed.

use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{Map, Value};

use crate::error::Result;
use crate::model::Problem;

/// The lists of a problem document, in the order of the format.
pub const COLLECTIONS: [&str; 8] = [
    "bodies",
    "people",
    "topics",
    "areas",
    "subjects",
    "events",
    "activities",
    "history",
];

#[derive(Default)]
struct State {
    /// The document as built; `None` while it is exactly `validated.to_value()`.
    document: Option<Map<String, Value>>,
    /// The problem the document validates to, once asked for.
    validated: Option<Arc<Problem>>,
}

/// A problem under construction or already validated; safe to share between threads.
#[derive(Default)]
pub struct Draft {
    state: Mutex<State>,
}

impl Draft {
    /// A draft holding an already validated problem.
    pub fn validated(problem: Problem) -> Draft {
        Draft {
            state: Mutex::new(State {
                document: None,
                validated: Some(Arc::new(problem)),
            }),
        }
    }

    /// A draft holding a validated problem shared with others (a plan's problem).
    pub fn shared(problem: Arc<Problem>) -> Draft {
        Draft {
            state: Mutex::new(State {
                document: None,
                validated: Some(problem),
            }),
        }
    }

    /// A draft holding a new document (not yet validated).
    pub fn document(document: Map<String, Value>) -> Draft {
        Draft {
            state: Mutex::new(State {
                document: Some(document),
                validated: None,
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while the lock was held cannot leave the state half-written (every
        // change is a single assignment), so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The validated problem if it is already known, else the document to validate.
    pub fn cached_or_document(&self) -> std::result::Result<Arc<Problem>, Value> {
        let state = self.lock();
        match (&state.validated, &state.document) {
            (Some(problem), _) => Ok(Arc::clone(problem)),
            (None, Some(document)) => Err(Value::Object(document.clone())),
            (None, None) => Err(Value::Object(Map::new())),
        }
    }

    /// Validates `document` (taken from `cached_or_document`) and remembers the result
    /// when the draft has not changed meanwhile. Runs without the lock held, so callers
    /// may release the GIL around it.
    pub fn validate_document(&self, document: &Value) -> Result<Arc<Problem>> {
        let problem = Arc::new(Problem::from_value(document)?);
        let mut state = self.lock();
        let unchanged = state.document.is_some() && state.document.as_ref() == document.as_object();
        if unchanged {
            state.validated = Some(Arc::clone(&problem));
        }
        Ok(problem)
    }

    /// Appends `item` to the list `collection` of the document, dropping the validated
    /// problem (the next use validates again).
    pub fn push(&self, collection: &str, item: Value) {
        self.edit(|document| {
            let list = document
                .entry(collection)
                .or_insert_with(|| Value::Array(Vec::new()));
            if !list.is_array() {
                *list = Value::Array(Vec::new());
            }
            if let Value::Array(items) = list {
                items.push(item);
            }
        });
    }

    fn edit(&self, change: impl FnOnce(&mut Map<String, Value>)) {
        let mut state = self.lock();
        let mut document = match state.document.take() {
            Some(document) => document,
            None => match state.validated.as_ref().map(|p| p.to_value()) {
                Some(Value::Object(document)) => document,
                _ => Map::new(),
            },
        };
        change(&mut document);
        state.document = Some(document);
        state.validated = None;
    }

    /// How many entries the list `collection` holds now.
    pub fn len_of(&self, collection: &str) -> usize {
        let state = self.lock();
        match (&state.document, &state.validated) {
            (Some(document), _) => document
                .get(collection)
                .and_then(Value::as_array)
                .map_or(0, Vec::len),
            (None, Some(problem)) => problem
                .to_value()
                .get(collection)
                .and_then(Value::as_array)
                .map_or(0, Vec::len),
            (None, None) => 0,
        }
    }

    /// How many entries each list of the document holds (for `repr` of a draft that
    /// does not validate).
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        let state = self.lock();
        if let Some(problem) = &state.validated {
            return vec![
                ("bodies", problem.bodies.len()),
                ("people", problem.people.len()),
                ("activities", problem.activities.len()),
            ];
        }
        let document = state.document.clone().unwrap_or_default();
        ["bodies", "people", "activities"]
            .into_iter()
            .map(|key| {
                let n = document
                    .get(key)
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                (key, n)
            })
            .collect()
    }

    /// The document's `name` field as text, if any.
    pub fn name(&self) -> Option<String> {
        let state = self.lock();
        if let Some(problem) = &state.validated {
            return Some(problem.name.clone());
        }
        state
            .document
            .as_ref()
            .and_then(|d| d.get("name"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    }
}
