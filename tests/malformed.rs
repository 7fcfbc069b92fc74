//! The malformed corpus (`tests/malformed/`) and hostile inputs.
//!
//! Each corpus file is a small problem with exactly one kind of fault, named for it;
//! `tests/malformed/expected.tsv` gives, per file, the JSON path of the fault and a
//! substring of its message. Loading must return `Error::Invalid` naming that path,
//! never panic. Files starting with `_` are the valid problems the faulty ones were
//! made from.
//!
//! The hostile inputs (huge strings, 200,000 activities, a byte-order mark, deep YAML
//! nesting, an alias bomb) are generated here rather than committed.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use oversight::{Error, Fault, Problem, Syntax};
use serde_json::{json, Value};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed")
}

/// `(file, path, message substring)` rows of `expected.tsv`.
fn expectations() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(corpus().join("expected.tsv")).expect("expected.tsv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file\tpath\tmessage substring"),
        "header of expected.tsv"
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "three columns in {line:?}");
            (
                cols[0].to_string(),
                cols[1].to_string(),
                cols[2].to_string(),
            )
        })
        .collect()
}

/// The faults of a load that must fail as invalid input (and must not panic).
fn faults_of(what: &str, load: impl FnOnce() -> oversight::Result<Problem>) -> Vec<Fault> {
    match catch_unwind(AssertUnwindSafe(load)) {
        Err(_) => panic!("{what}: loading panicked"),
        Ok(Ok(_)) => panic!("{what}: accepted, but it is malformed"),
        Ok(Err(Error::Invalid { faults, .. })) => {
            assert!(!faults.is_empty(), "{what}: Invalid without faults");
            faults
        }
        Ok(Err(other)) => panic!("{what}: expected Error::Invalid, got {other:?}"),
    }
}

fn base() -> Value {
    let text = std::fs::read_to_string(corpus().join("_valid_base.json")).expect("base");
    serde_json::from_str(&text).expect("base is JSON")
}

fn short(message: &str) -> String {
    message.chars().take(200).collect()
}

#[test]
fn the_valid_bases_load() {
    for name in ["_valid_base.json", "_valid_base.yaml"] {
        if let Err(e) = Problem::load(corpus().join(name)) {
            panic!("{name} must be valid: {e:?}");
        }
    }
}

#[test]
fn every_corpus_file_is_rejected_at_its_path() {
    let rows = expectations();
    assert!(rows.len() >= 35, "the corpus holds {} files", rows.len());
    let mut failures = Vec::new();
    for (file, path, substring) in &rows {
        let faults = faults_of(file, || Problem::load(corpus().join(file)));
        let hit = faults
            .iter()
            .any(|f| &f.path == path && f.message.contains(substring.as_str()));
        // One kind of fault per file: every fault reported is of the expected kind.
        let one_kind = faults
            .iter()
            .all(|f| f.message.contains(substring.as_str()));
        if !hit || !one_kind {
            let got: Vec<String> = faults
                .iter()
                .map(|f| format!("{}: {}", f.path, short(&f.message)))
                .collect();
            failures.push(format!(
                "{file}: expected {path} with {substring:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_corpus_and_expected_tsv_list_the_same_files() {
    let rows = expectations();
    let listed: BTreeSet<String> = rows.iter().map(|r| r.0.clone()).collect();
    assert_eq!(listed.len(), rows.len(), "a file is listed twice");
    let present: BTreeSet<String> = std::fs::read_dir(corpus())
        .expect("corpus dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "expected.tsv" && !name.starts_with('_'))
        .collect();
    let unlisted: Vec<_> = present.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&present).collect();
    assert!(
        unlisted.is_empty(),
        "files not in expected.tsv: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "expected.tsv names missing files: {missing:?}"
    );
}

#[test]
fn validation_collects_several_faults_at_once() {
    let mut doc = base();
    // A decoding fault (unknown form), a reference fault and a range fault.
    doc["activities"][1]["form"] = json!("inspection");
    doc["activities"][0]["members"] = json!(["p01", "p99"]);
    doc["events"][1]["end"] = json!("2024-05-01");
    let faults = faults_of("three faults", || Problem::from_value(&doc));
    let paths: BTreeSet<&str> = faults.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        BTreeSet::from([
            "activities[1].form",
            "activities[0].members[1]",
            "events[1].end"
        ]),
        "{faults:?}"
    );
    assert_eq!(faults.len(), 3, "{faults:?}");
    // And the error names them all.
    let err = Problem::from_value(&doc).expect_err("invalid");
    assert!(err.to_string().contains("and 2 more"), "{err}");
}

#[test]
fn a_byte_order_mark_before_a_valid_document_is_accepted() {
    for name in ["_valid_base.json", "_valid_base.yaml"] {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(std::fs::read(corpus().join(name)).expect("read"));
        let syntax = Syntax::for_path(Path::new(name));
        if let Err(e) = Problem::from_bytes(&bytes, syntax) {
            panic!("{name} with a BOM: {e:?}");
        }
        let text = format!(
            "\u{FEFF}{}",
            std::fs::read_to_string(corpus().join(name)).expect("read")
        );
        if let Err(e) = Problem::from_text(&text) {
            panic!("{name} with a BOM, as text: {e:?}");
        }
    }
    // A BOM on a file read from disk.
    let dir = std::env::temp_dir().join(format!("oversight-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("bom.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(corpus().join("_valid_base.json")).expect("read"));
    std::fs::write(&file, bytes).expect("write");
    let loaded = Problem::load(&file);
    std::fs::remove_dir_all(&dir).ok();
    assert!(loaded.is_ok(), "{loaded:?}");
}

#[test]
fn a_50_mb_name_loads_in_reasonable_time() {
    let mut doc = base();
    let name = "Nghệ An ".repeat(50 * 1024 * 1024 / "Nghệ An ".len());
    doc["name"] = json!(name);
    let text = serde_json::to_string(&doc).expect("json");
    assert!(text.len() >= 50 * 1024 * 1024);
    let started = Instant::now();
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        Problem::from_bytes(text.as_bytes(), Syntax::Json)
    }))
    .expect("no panic");
    let took = started.elapsed();
    println!("50 MB name: loaded in {took:?} ({} bytes)", text.len());
    let problem = loaded.expect("a long name is still a valid problem");
    assert_eq!(problem.name.len(), name.len());
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

#[test]
fn a_50_mb_value_where_an_enum_is_expected_is_an_error_not_a_panic() {
    let mut doc = base();
    doc["activities"][1]["form"] = json!("x".repeat(50 * 1024 * 1024));
    let text = serde_json::to_string(&doc).expect("json");
    let started = Instant::now();
    let faults = faults_of("50 MB form", || {
        Problem::from_bytes(text.as_bytes(), Syntax::Json)
    });
    println!(
        "50 MB form: rejected in {:?}, longest message {} bytes",
        started.elapsed(),
        faults.iter().map(|f| f.message.len()).max().unwrap_or(0)
    );
    assert!(faults.iter().any(|f| f.path == "activities[1].form"));
}

/// The whole 50 MB value is copied into the fault message (serde's "unknown variant"
/// text is passed through uncut), so a planner's terminal receives 50 MB.
#[test]
fn fault_messages_stay_short_whatever_the_value() {
    let mut doc = base();
    let huge = "x".repeat(1024 * 1024);
    doc["activities"][1]["form"] = json!(huge);
    doc["activities"][0]["members"] = json!(["p01", huge]);
    doc["rules"][huge.as_str()] = json!(1);
    let faults = faults_of("huge values", || Problem::from_value(&doc));
    for f in &faults {
        assert!(
            f.message.len() < 10_000,
            "{}: message of {} bytes",
            f.path,
            f.message.len()
        );
    }
}

/// JSON objects with a repeated key: the last value silently wins, while YAML rejects
/// the same document ("duplicate mapping key").
#[test]
fn a_repeated_json_key_is_rejected() {
    let text = std::fs::read_to_string(corpus().join("_valid_base.json")).expect("base");
    let doubled = text.replacen("\"duration\": 2,", "\"duration\": 0, \"duration\": 2,", 1);
    assert_ne!(doubled, text);
    faults_of("repeated key", || Problem::from_text(&doubled));
}

#[test]
fn two_hundred_thousand_activities_load_and_validate() {
    const N: usize = 200_000;
    // Written as text: building 200,000 `serde_json::Value`s is slow in debug builds.
    let mut activities = String::with_capacity(N * 250);
    for i in 0..N {
        if i > 0 {
            activities.push(',');
        }
        let body = if i % 3 == 0 { "dbqh" } else { "tt" };
        let topic = if i % 2 == 0 { "land" } else { "health" };
        let subject = if i % 5 == 0 { "so-tc" } else { "so-yt" };
        let member = if i % 2 == 0 { "p01" } else { "p02" };
        // Shallow `after`/`before` references (a long chain overflows the stack:
        // see `a_long_chain_of_references_does_not_overflow_the_stack`).
        let order = match i % 4 {
            1 => r#","after":[{"ref":"a000000"}]"#,
            2 => r#","after":[{"ref":"tet","gap":3}]"#,
            3 => r#","before":[{"ref":"qh7"}]"#,
            _ => "",
        };
        let window = if i % 7 == 0 {
            r#","window":{"start":"2024-03-01","end":"2024-03-31"}"#
        } else {
            ""
        };
        activities.push_str(&format!(
            r#"{{"id":"a{i:06}","body":"{body}","title":"Hoạt động {i}","form":"survey","topics":["{topic}"],"subjects":["{subject}"],"duration":{},"members":["{member}"]{order}{window}}}"#,
            1 + i % 3
        ));
    }
    let mut doc = base();
    doc["activities"] = json!([]);
    let text = serde_json::to_string(&doc).expect("json").replace(
        r#""activities":[]"#,
        &format!(r#""activities":[{activities}]"#),
    );
    assert!(text.len() > N * 100);
    let started = Instant::now();
    let problem = match catch_unwind(AssertUnwindSafe(|| {
        Problem::from_bytes(text.as_bytes(), Syntax::Json)
    })) {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => panic!("200,000 activities: {e}"),
        Err(_) => panic!("200,000 activities: panic"),
    };
    let loaded = started.elapsed();
    let started = Instant::now();
    problem.validate().expect("validates again");
    let validated = started.elapsed();
    println!(
        "200,000 activities ({} MB): loaded in {loaded:?}, validate() in {validated:?}",
        text.len() / (1024 * 1024)
    );
    assert_eq!(problem.activities.len(), N);
    assert!(loaded < Duration::from_secs(120), "load took {loaded:?}");
    assert!(
        validated < Duration::from_secs(60),
        "validate took {validated:?}"
    );
}

#[test]
fn a_100_000_level_yaml_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let flow = format!("format: oversight.problem/1\nname: {}", "[".repeat(depth));
    let flow_closed = format!(
        "format: oversight.problem/1\nname: {}x{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let maps = format!("name: {}x{}\n", "{a: ".repeat(depth), "}".repeat(depth));
    let block = format!("{}x\n", "- ".repeat(depth));
    for (what, text) in [
        ("unclosed flow sequences", flow),
        ("closed flow sequences", flow_closed),
        ("flow mappings", maps),
        ("block sequences", block),
    ] {
        let faults = faults_of(what, || Problem::from_bytes(text.as_bytes(), Syntax::Yaml));
        assert!(
            faults.iter().any(|f| f.path == "$"),
            "{what}: {:?}",
            faults.iter().map(|f| short(&f.message)).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_yaml_alias_bomb_is_refused_or_bounded() {
    // Nine levels of nine aliases: 9^9 (387 million) strings if expanded.
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        text.push_str(&format!("{}: &{} [{refs}]\n", w[1], w[1]));
    }
    // The same anchors inside `$schema` (a key that means nothing), then used as `name`.
    let nested: String = text.lines().map(|l| format!("  {l}\n")).collect();
    let doc = format!(
        "format: oversight.problem/1\n$schema:\n{nested}name: *i\nhorizon: {{start: 2024-01-01, end: 2024-12-31}}\n"
    );
    for text in [text, doc] {
        let started = Instant::now();
        let faults = faults_of("alias bomb", || {
            Problem::from_bytes(text.as_bytes(), Syntax::Yaml)
        });
        let took = started.elapsed();
        println!(
            "alias bomb: refused in {took:?}: {}",
            short(&faults[0].message)
        );
        assert!(took < Duration::from_secs(30), "took {took:?}");
    }
}

/// A problem whose activities form one long `after` chain (each after the previous
/// one) and whose topics form one long parent chain.
fn chains(n: usize) -> Value {
    let mut doc = base();
    let activities: Vec<Value> = (0..n)
        .map(|i| {
            let mut a = json!({"id": format!("a{i}"), "body": "tt", "title": "t",
                               "form": "survey", "duration": 1});
            if i > 0 {
                a["after"] = json!([{"ref": format!("a{}", i - 1)}]);
            }
            a
        })
        .collect();
    let topics: Vec<Value> = (0..n)
        .map(|i| {
            let mut t = json!({"id": format!("t{i}"), "name": "t"});
            if i > 0 {
                t["parents"] = json!([format!("t{}", i - 1)]);
            }
            t
        })
        .collect();
    doc["activities"] = json!(activities);
    doc["topics"] = json!(topics);
    doc["history"] = json!([]);
    doc
}

/// Cycle detection (petgraph's recursive `tarjan_scc`) recurses once per link of a
/// chain: 20,000 chained `after` references, or 20,000 chained topic parents, overflow
/// a 2 MB thread stack and abort the whole process. The check runs in a child process
/// so that the overflow is reported as a failure instead of killing the test binary.
#[test]
fn a_long_chain_of_references_does_not_overflow_the_stack() {
    const CHILD: &str = "OVERSIGHT_LONG_CHAIN_CHILD";
    if std::env::var_os(CHILD).is_some() {
        let doc = chains(20_000);
        let started = Instant::now();
        let loaded = Problem::from_value(&doc);
        println!(
            "20,000-link chains: {:?} in {:?}",
            loaded.as_ref().map(|_| ()),
            started.elapsed()
        );
        assert!(loaded.is_ok());
        return;
    }
    let exe = std::env::current_exe().expect("test binary");
    let status = std::process::Command::new(exe)
        .args([
            "a_long_chain_of_references_does_not_overflow_the_stack",
            "--exact",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .status()
        .expect("run the child");
    assert!(
        status.success(),
        "loading 20,000-link chains killed the process: {status}"
    );
}
