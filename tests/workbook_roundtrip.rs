//! Round trips through the workbook under hostile values: a problem that validates
//! goes through `to_excel` → `from_excel` unchanged, or `to_excel` refuses it naming
//! every field it cannot carry, before a byte is written. Never a wrong or a failing
//! read-back.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use oversight::generate::{generate, GenerateOptions, Scale};
use oversight::model::DateRange;
use oversight::solve::SolveOptions;
use oversight::{workbook, Error, Fault, Lang, Plan, Problem};
use proptest::prelude::*;
use serde_json::Value;

fn tiny(seed: u64) -> Problem {
    generated(Scale::Tiny, seed)
}

fn generated(scale: Scale, seed: u64) -> Problem {
    generate(&GenerateOptions {
        scale,
        seed,
        ..GenerateOptions::default()
    })
}

fn quick_plan(problem: &Problem) -> Plan {
    let options = SolveOptions {
        steps: Some(100),
        time_limit: None,
        ..SolveOptions::default()
    };
    problem.solve(&options).expect("solve")
}

/// The faults of a refusal; panics if the write was not refused as invalid.
fn refusal(result: oversight::Result<Vec<u8>>) -> Vec<Fault> {
    match result {
        Err(Error::Invalid { faults, .. }) => faults,
        Err(other) => panic!("expected a refusal naming the fields, got {other}"),
        Ok(_) => panic!("expected a refusal, the workbook was written"),
    }
}

fn paths(faults: &[Fault]) -> Vec<&str> {
    faults.iter().map(|f| f.path.as_str()).collect()
}

/// Gives the entry at `list[i]` of a problem a new id, and every reference to it.
fn rename(p: &mut Problem, list: &str, i: usize, new: &str) {
    let old = match list {
        "bodies" => std::mem::replace(&mut p.bodies[i].id, new.into()),
        "people" => std::mem::replace(&mut p.people[i].id, new.into()),
        "topics" => std::mem::replace(&mut p.topics[i].id, new.into()),
        "areas" => std::mem::replace(&mut p.areas[i].id, new.into()),
        "subjects" => std::mem::replace(&mut p.subjects[i].id, new.into()),
        "events" => std::mem::replace(&mut p.events[i].id, new.into()),
        "activities" => std::mem::replace(&mut p.activities[i].id, new.into()),
        "history" => std::mem::replace(&mut p.history[i].id, new.into()),
        other => panic!("no list {other}"),
    };
    // Ids of different kinds may coincide; only references of the renamed kind move.
    let swap = |id: &mut String| {
        if *id == old {
            *id = new.to_owned();
        }
    };
    let swap_all = |ids: &mut Vec<String>| ids.iter_mut().for_each(swap);
    match list {
        "bodies" => {
            p.people.iter_mut().for_each(|x| swap_all(&mut x.bodies));
            p.events.iter_mut().for_each(|x| swap_all(&mut x.blocks));
            p.history.iter_mut().for_each(|x| swap(&mut x.body));
            for a in &mut p.activities {
                swap(&mut a.body);
                swap_all(&mut a.invite);
            }
        }
        "people" => p
            .activities
            .iter_mut()
            .for_each(|a| swap_all(&mut a.members)),
        "topics" => {
            p.topics.iter_mut().for_each(|x| swap_all(&mut x.parents));
            p.history.iter_mut().for_each(|x| swap_all(&mut x.topics));
            p.activities
                .iter_mut()
                .for_each(|a| swap_all(&mut a.topics));
        }
        "areas" => {
            p.subjects.iter_mut().for_each(|x| {
                if let Some(area) = &mut x.area {
                    swap(area);
                }
            });
            p.activities.iter_mut().for_each(|a| swap_all(&mut a.areas));
        }
        "subjects" => {
            p.history.iter_mut().for_each(|x| swap_all(&mut x.subjects));
            p.activities
                .iter_mut()
                .for_each(|a| swap_all(&mut a.subjects));
        }
        "events" | "activities" => {
            for a in &mut p.activities {
                for link in a.after.iter_mut().chain(a.before.iter_mut()) {
                    swap(&mut link.reference);
                }
            }
        }
        _ => {}
    }
}

/// The fields a hostile value is put into.
const FIELDS: &[&str] = &[
    "name",
    "activities.title",
    "activities.id",
    "bodies.name",
    "bodies.id",
    "people.name",
    "people.id",
    "topics.name",
    "topics.id",
    "areas.name",
    "areas.id",
    "subjects.name",
    "subjects.id",
    "events.name",
    "events.id",
    "history.id",
];

/// Puts `value` into `field` of entry `pick` (modulo the list's length); returns the
/// JSON path of the field changed.
fn mutate(p: &mut Problem, field: &str, pick: usize, value: &str) -> String {
    let Some((list, key)) = field.split_once('.') else {
        p.name = value.to_owned();
        return "name".into();
    };
    let len = match list {
        "activities" => p.activities.len(),
        "bodies" => p.bodies.len(),
        "people" => p.people.len(),
        "topics" => p.topics.len(),
        "areas" => p.areas.len(),
        "subjects" => p.subjects.len(),
        "events" => p.events.len(),
        _ => p.history.len(),
    };
    let i = pick % len.max(1);
    if key == "id" {
        rename(p, list, i, value);
    } else {
        let name = match list {
            "activities" => &mut p.activities[i].title,
            "bodies" => &mut p.bodies[i].name,
            "people" => &mut p.people[i].name,
            "topics" => &mut p.topics[i].name,
            "areas" => &mut p.areas[i].name,
            "subjects" => &mut p.subjects[i].name,
            _ => &mut p.events[i].name,
        };
        *name = value.to_owned();
    }
    format!("{list}[{i}].{key}")
}

/// The value at a fault's JSON path (`activities[3].after[0].ref`) in `tree`.
fn at<'v>(tree: &'v Value, path: &str) -> Option<&'v Value> {
    let mut value = tree;
    for part in path.split('.') {
        let (key, indices) = part
            .split_once('[')
            .map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            value = value.get(key)?;
        }
        for index in indices.split('[').filter(|s| !s.is_empty()) {
            value = value.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(value)
}

/// Whether `value` is or holds the string `needle`.
fn holds(value: &Value, needle: &str) -> bool {
    match value {
        Value::String(s) => s == needle,
        Value::Array(items) => items.iter().any(|v| holds(v, needle)),
        Value::Object(map) => map.values().any(|v| holds(v, needle)),
        _ => false,
    }
}

/// The contract: written and read back equal, or refused with faults that each name
/// a field holding the hostile value.
fn round_trip_or_refusal(problem: &Problem, hostile: &str, plan: Option<&Plan>) {
    let written = match plan {
        Some(plan) => workbook::plan_to_bytes(problem, plan, Lang::Vi),
        None => workbook::problem_to_bytes(problem, Lang::Vi),
    };
    match written {
        Ok(bytes) => {
            let back = workbook::read_problem_bytes(&bytes)
                .unwrap_or_else(|e| panic!("written but not readable for {hostile:?}: {e}"));
            assert_eq!(back, *problem, "written but changed for {hostile:?}");
        }
        Err(Error::Invalid { faults, .. }) => {
            assert!(!faults.is_empty(), "a refusal names a field");
            let tree = problem.to_value();
            for fault in &faults {
                let value = at(&tree, &fault.path).unwrap_or_else(|| {
                    panic!("{hostile:?}: the fault's path is not a field: {fault}")
                });
                assert!(
                    holds(value, hostile),
                    "{hostile:?}: the fault names a field without it: {fault}"
                );
            }
        }
        Err(other) => panic!("{hostile:?}: neither written nor refused by field: {other}"),
    }
}

/// Strings a careless or hostile planner types.
fn hostile() -> impl Strategy<Value = String> {
    let fixed: Vec<String> = [
        "",
        " ",
        "\t",
        " a",
        "a ",
        "a\nb",
        "a\r\nb",
        "a\rb",
        "a\tb",
        "\ta",
        "a\u{0}b",
        "a\u{1b}b",
        "a\u{7f}",
        "a\u{85}b",
        "a\u{a0}",
        "\u{feff}a",
        "a\u{2028}b",
        "\u{fffe}",
        "_x0041_",
        "=1+2",
        "=HYPERLINK(\"http://x\")",
        "+1",
        "-1",
        "@SUM(A1)",
        "2024",
        "007",
        "1e5",
        "2024-03-04",
        "04/03/2024",
        "TRUE",
        "#N/A",
        "a;b",
        "a; b",
        "a+5",
        "*",
        "all",
        "Tất cả",
        "none",
        "không có",
        "Ca\u{301}",
        "'quoted'",
        "a\"b",
        "<b>&amp;</b>",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    prop_oneof![
        3 => proptest::sample::select(fixed),
        1 => "[ \\t\\n\\r\\x00-\\x1f;+*=a-z0-9ạ]{0,6}",
        1 => (32_760usize..32_775).prop_map(|n| "x".repeat(n)),
        1 => (16_380usize..16_386).prop_map(|n| "😀".repeat(n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Generated problems with one hostile string in one field.
    #[test]
    fn hostile_strings_round_trip_or_are_refused_by_field(
        scale in prop_oneof![3 => Just(Scale::Tiny), 1 => Just(Scale::Small)],
        seed in 0u64..3,
        field in proptest::sample::select(FIELDS),
        pick in 0usize..50,
        value in hostile(),
    ) {
        let mut problem = generated(scale, seed);
        let path = mutate(&mut problem, field, pick, &value);
        // Only problems that validate as JSON are promised a round trip.
        let _ = &path;
        prop_assume!(problem.validate().is_ok());
        round_trip_or_refusal(&problem, &value, None);
    }
}

#[test]
fn plan_workbooks_keep_the_same_contract() {
    let base = tiny(1);
    for (field, value) in [
        ("activities.title", ""),
        ("activities.title", "=1+2"),
        ("bodies.id", " dt"),
        ("people.id", "a\nb"),
        ("subjects.name", "\u{feff}Sở"),
    ] {
        let mut problem = base.clone();
        mutate(&mut problem, field, 0, value);
        problem.validate().expect("valid as JSON");
        let plan = quick_plan(&problem);
        round_trip_or_refusal(&problem, value, Some(&plan));
    }
}

#[test]
fn an_empty_title_or_name_is_refused_at_its_field() {
    let mut problem = tiny(0);
    problem.activities[3].title = String::new();
    problem.bodies[1].name = "  ".into();
    problem.name = String::new();
    problem.validate().expect("JSON takes empty text");
    let faults = refusal(workbook::problem_to_bytes(&problem, Lang::Vi));
    assert_eq!(
        paths(&faults),
        ["name", "bodies[1].name", "activities[3].title"]
    );
    assert!(faults[0].message.contains("empty"), "{}", faults[0]);
    assert!(faults[1].message.contains("white space"), "{}", faults[1]);
}

#[test]
fn ids_with_white_space_or_control_characters_are_refused() {
    let mut problem = tiny(0);
    let body = problem.bodies[0].id.clone();
    rename(&mut problem, "bodies", 0, &format!(" {body}"));
    let activity = problem.activities[2].id.clone();
    rename(&mut problem, "activities", 2, &format!("{activity} "));
    let topic = problem.topics[0].id.clone();
    rename(&mut problem, "topics", 0, &format!("{topic}\nx"));
    problem.validate().expect("valid as JSON");
    let faults = refusal(workbook::problem_to_bytes(&problem, Lang::Vi));
    // Each id is named where it is declared, not again at every reference.
    assert_eq!(
        paths(&faults),
        ["bodies[0].id", "topics[0].id", "activities[2].id"]
    );
    assert!(faults[2].message.contains("white space"), "{}", faults[2]);
    assert!(faults[1].message.contains("U+000A"), "{}", faults[1]);
}

#[test]
fn text_over_excels_cell_limit_is_refused_naming_the_activity() {
    let mut problem = tiny(0);
    problem.activities[5].title = "x".repeat(32_768);
    problem.people[0].name = "ạ".repeat(40_000);
    let faults = refusal(workbook::problem_to_bytes(&problem, Lang::Vi));
    assert_eq!(paths(&faults), ["people[0].name", "activities[5].title"]);
    assert!(faults[1].message.contains("32767"), "{}", faults[1]);

    // At the limit it fits, even where the name is also shown in a sheet's title.
    let mut problem = tiny(0);
    problem.activities[5].title = "x".repeat(32_767);
    problem.bodies[0].name = "b".repeat(32_767);
    problem.name = "n".repeat(32_767);
    let bytes = workbook::problem_to_bytes(&problem, Lang::Vi).expect("fits");
    assert_eq!(workbook::read_problem_bytes(&bytes).expect("read"), problem);
}

#[test]
fn a_body_id_that_reads_as_every_body_is_refused() {
    let mut problem = tiny(0);
    let blocked = problem
        .events
        .iter()
        .position(|e| e.blocks.iter().any(|b| b != "*"))
        .expect("an event blocking named bodies");
    let body = problem.events[blocked]
        .blocks
        .iter()
        .position(|b| b != "*")
        .expect("a named body");
    let id = problem.events[blocked].blocks[body].clone();
    let i = problem
        .bodies
        .iter()
        .position(|b| b.id == id)
        .expect("declared");
    rename(&mut problem, "bodies", i, "all");
    problem.validate().expect("valid as JSON");
    let faults = refusal(workbook::problem_to_bytes(&problem, Lang::Vi));
    // Every event blocking the body is named, and nothing else.
    let expected: Vec<String> = problem
        .events
        .iter()
        .enumerate()
        .flat_map(|(e, event)| {
            event
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| *b == "all")
                .map(move |(j, _)| format!("events[{e}].blocks[{j}]"))
        })
        .collect();
    assert!(expected.contains(&format!("events[{blocked}].blocks[{body}]")));
    assert_eq!(paths(&faults), expected);
    assert!(faults[0].message.contains("every body"), "{}", faults[0]);
}

/// A cell the static rules do not measure (a person's absences) is still refused when
/// it would come back changed: the written bytes are read back before they are kept.
#[test]
fn what_the_reader_would_change_is_refused_at_its_field() {
    let mut problem = tiny(0);
    let start = problem.horizon.start;
    let end = start.succ_opt().expect("a next day");
    // 1,500 ranges of "01/01/2025 – 02/01/2025; " take 37,500 characters.
    problem.people[0].unavailable = (0..1_500).map(|_| DateRange { start, end }).collect();
    problem.validate().expect("valid as JSON");
    let faults = refusal(workbook::problem_to_bytes(&problem, Lang::Vi));
    assert!(
        faults
            .iter()
            .all(|f| f.path.starts_with("people[0].unavailable")),
        "{faults:?}"
    );
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "oversight-roundtrip-{name}-{}-{n}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_refused_or_failed_write_leaves_the_old_file_whole() {
    let dir = TempDir::new("atomic");
    let path = dir.0.join("programme.xlsx");
    let good = tiny(0);
    workbook::write_problem(&good, &path, Lang::Vi).expect("write");
    let before = std::fs::read(&path).expect("written");

    let mut bad = good.clone();
    bad.activities[0].title = "x".repeat(40_000);
    let err = workbook::write_problem(&bad, &path, Lang::Vi).expect_err("refused");
    assert_eq!(paths(err.faults()), ["activities[0].title"]);
    assert_eq!(std::fs::read(&path).expect("still there"), before);
    assert_eq!(
        files_in(&dir.0),
        ["programme.xlsx"],
        "no temporary file left"
    );

    // A folder that does not exist: an error naming the file, nothing written.
    let missing = dir.0.join("no-such-folder").join("x.xlsx");
    match workbook::write_problem(&good, &missing, Lang::Vi) {
        Err(Error::Io { path, .. }) => assert_eq!(path, missing),
        other => panic!("expected an I/O error, got {other:?}"),
    }

    // A failure at the last step (the target is a folder): an error naming it, and
    // the temporary file is gone.
    let folder = dir.0.join("folder.xlsx");
    std::fs::create_dir(&folder).expect("mkdir");
    match workbook::write_problem(&good, &folder, Lang::Vi) {
        Err(Error::Io { path, .. }) => assert_eq!(path, folder),
        other => panic!("expected an I/O error, got {other:?}"),
    }
    assert_eq!(files_in(&dir.0), ["folder.xlsx", "programme.xlsx"]);
    std::fs::remove_dir(&folder).expect("rmdir");

    // A good write replaces the file whole and leaves nothing else behind.
    let mut other = good.clone();
    other.name = "Một năm khác".into();
    workbook::write_problem(&other, &path, Lang::En).expect("replace");
    assert_eq!(workbook::read_problem(&path).expect("read"), other);
    assert_eq!(files_in(&dir.0), ["programme.xlsx"]);
}

#[cfg(unix)]
#[test]
fn a_written_workbook_is_readable_by_others_as_a_new_file_is() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("mode");
    let ours = dir.0.join("a.xlsx");
    workbook::write_problem(&tiny(0), &ours, Lang::Vi).expect("write");
    let plain = dir.0.join("b.txt");
    std::fs::write(&plain, "x").expect("write");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&ours), mode(&plain));
}
