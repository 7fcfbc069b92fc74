//! The programme workbook: problems and plans survive the round trip through Excel,
//! the summary sheet reads as a programme, and damaged workbooks give faults that name
//! the sheet and the cell.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use oversight::generate::{generate, GenerateOptions, Scale};
use oversight::solve::SolveOptions;
use oversight::{workbook, Error, Lang, Plan, Problem};
use rust_xlsxwriter::Workbook;

/// A fresh directory under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "oversight-workbook-{name}-{}-{n}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn example() -> Problem {
    Problem::load("examples/nghe-an-2024.json").expect("bundled example")
}

fn example_plan(problem: &Problem) -> Plan {
    let plan = Plan::load("examples/nghe-an-2024.plan.json").expect("bundled plan");
    problem
        .score(&plan)
        .expect("the bundled plan fits the example")
}

fn quick_plan(problem: &Problem) -> Plan {
    let options = SolveOptions {
        steps: Some(300),
        time_limit: None,
        ..SolveOptions::default()
    };
    problem.solve(&options).expect("solve")
}

#[test]
fn example_round_trips_through_files() {
    let dir = TempDir::new("example");
    let problem = example();
    let plan = example_plan(&problem);
    for lang in [Lang::Vi, Lang::En] {
        let template = dir.path(&format!("template-{lang:?}.xlsx"));
        workbook::write_problem(&problem, &template, lang).expect("write template");
        assert_eq!(
            workbook::read_problem(&template).expect("read template"),
            problem
        );

        let programme = dir.path(&format!("programme-{lang:?}.xlsx"));
        workbook::write_plan(&problem, &plan, &programme, lang).expect("write programme");
        assert_eq!(
            workbook::read_problem(&programme).expect("read programme"),
            problem
        );
    }
}

#[test]
fn generated_problems_of_every_scale_round_trip() {
    for scale in [Scale::Tiny, Scale::Small, Scale::Province, Scale::Large] {
        for infeasible in [false, true] {
            let problem = generate(&GenerateOptions {
                scale,
                seed: 3,
                infeasible,
                ..GenerateOptions::default()
            });
            let bytes = workbook::problem_to_bytes(&problem, Lang::Vi).expect("template");
            let back = workbook::read_problem_bytes(&bytes).expect("read template");
            assert_eq!(back, problem, "{scale:?} template");

            let plan = quick_plan(&problem);
            let bytes = workbook::plan_to_bytes(&problem, &plan, Lang::En).expect("programme");
            let back = workbook::read_problem_bytes(&bytes).expect("read programme");
            assert_eq!(back, problem, "{scale:?} programme");
        }
    }
}

/// Edge cases of the format that a workbook must still carry: no weekend, an empty
/// list, a problem with a default window, awkward ids, old history dates, big weights.
#[test]
fn awkward_values_round_trip() {
    let mut problem = generate(&GenerateOptions {
        scale: Scale::Tiny,
        ..GenerateOptions::default()
    });
    problem.calendar.weekend.clear();
    // Above 2^53, where a spreadsheet's floating-point number would lose the last unit,
    // yet within the bound validation sets so that no score overflows.
    problem.rules.weights.r#move = (1 << 53) + 1;
    problem.rules.merge = oversight::model::MergePolicy::Off;
    if let Some(h) = problem.history.first_mut() {
        h.start = NaiveDate::from_ymd_opt(1899, 12, 1).expect("date");
        h.end = NaiveDate::from_ymd_opt(1899, 12, 2).expect("date");
    }
    // Ids with characters a sheet name refuses, and a list separator inside an id.
    let old = problem.bodies[0].id.clone();
    let new = "ban/kt:ns;[x]".to_string();
    problem.bodies[0].id = new.clone();
    let rename = |list: &mut Vec<String>| {
        for id in list.iter_mut().filter(|id| **id == old) {
            id.clone_from(&new);
        }
    };
    for p in &mut problem.people {
        rename(&mut p.bodies);
    }
    for e in &mut problem.events {
        rename(&mut e.blocks);
    }
    for h in &mut problem.history {
        if h.body == old {
            h.body.clone_from(&new);
        }
    }
    for a in &mut problem.activities {
        if a.body == old {
            a.body.clone_from(&new);
        }
        rename(&mut a.invite);
        a.window = None;
    }
    problem.validate().expect("still a valid problem");
    let bytes = workbook::problem_to_bytes(&problem, Lang::Vi).expect("template");
    assert_eq!(workbook::read_problem_bytes(&bytes).expect("read"), problem);
}

fn sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an xlsx file");
    book.worksheet_range(name).expect("the sheet exists")
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

#[test]
fn summary_sheet_lists_each_group_under_its_month() {
    let problem = example();
    let plan = example_plan(&problem);
    let bytes = workbook::plan_to_bytes(&problem, &plan, Lang::Vi).expect("programme");
    let range = sheet(&bytes, "Tổng hợp");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| text(Some(c))).collect())
        .collect();
    let header = rows
        .iter()
        .position(|r| r.first().map(String::as_str) == Some("STT"))
        .expect("a heading row");
    assert_eq!(
        rows[header],
        [
            "STT",
            "Nội dung giám sát",
            "Hình thức",
            "Đối tượng chịu giám sát",
            "Thời gian",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thành phần",
            "Mã hoạt động",
        ]
    );
    let mut months = Vec::new();
    let mut group_rows = 0;
    let mut leads = Vec::new();
    for row in &rows[header + 1..] {
        if let Some(month) = row[0].strip_prefix("Tháng ") {
            let (m, y) = month.split_once('/').expect("Tháng M/YYYY");
            months.push((
                y.parse::<i32>().expect("year"),
                m.parse::<u32>().expect("month"),
            ));
            assert!(
                row[1..].iter().all(String::is_empty),
                "a title row holds the month only"
            );
            continue;
        }
        group_rows += 1;
        assert_eq!(row[0], group_rows.to_string(), "STT runs 1, 2, …");
        let first = row[4].split(" – ").next().expect("dates");
        let first = NaiveDate::parse_from_str(first, "%d/%m/%Y").expect("dd/mm/yyyy");
        use chrono::Datelike;
        assert_eq!(
            months.last(),
            Some(&(first.year(), first.month())),
            "{row:?}"
        );
        leads.push(row[8].split("; ").next().expect("ids").to_owned());
    }
    assert_eq!(group_rows, plan.groups.len());
    let mut sorted = months.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(months, sorted, "each month once, in order");
    // Every group appears once, with its activities.
    let mut expected: Vec<String> = plan
        .groups
        .iter()
        .map(|g| g.activities[0].clone())
        .collect();
    expected.sort();
    leads.sort();
    assert_eq!(leads, expected);
    // A joint activity names its partner bodies.
    let joint = plan
        .groups
        .iter()
        .find(|g| g.activities.len() > 1)
        .expect("the example merges duplicates");
    let row = rows
        .iter()
        .find(|r| {
            r.get(8)
                .is_some_and(|ids| ids.starts_with(joint.activities[0].as_str()))
        })
        .expect("the joint group's row");
    assert!(!row[6].is_empty(), "partners of {row:?}");
}

#[test]
fn body_sheets_show_programme_columns() {
    let problem = example();
    let bytes = workbook::problem_to_bytes(&problem, Lang::Vi).expect("template");
    let range = sheet(&bytes, "dbqh");
    let headings: Vec<String> = range
        .rows()
        .nth(2)
        .expect("the heading row")
        .iter()
        .map(|c| text(Some(c)))
        .collect();
    for expected in [
        "STT",
        "Mã hoạt động",
        "Nội dung giám sát",
        "Hình thức",
        "Chủ đề",
        "Đối tượng chịu giám sát",
        "Địa bàn",
        "Thời gian",
        "Số ngày",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thành phần",
    ] {
        assert!(
            headings.iter().any(|h| h == expected),
            "{expected} in {headings:?}"
        );
    }
    // Real dates in the window columns.
    let col = headings
        .iter()
        .position(|h| h == "Khung thời gian từ")
        .expect("window start");
    let first = range.get((3, col)).expect("a first activity");
    assert!(matches!(first, Data::DateTime(_)), "{first:?}");
    // Forms as Vietnamese labels.
    let form = headings
        .iter()
        .position(|h| h == "Hình thức")
        .expect("form");
    assert_eq!(
        text(range.get((3, form))),
        problem.activities[0].form.label(Lang::Vi)
    );
}

/// One cell of a hand-made workbook.
#[derive(Clone, Debug)]
enum Cell {
    T(&'static str),
    N(f64),
    D(NaiveDate),
}

type Sheet = (&'static str, Vec<Vec<Cell>>);

fn date(y: i32, m: u32, d: u32) -> Cell {
    Cell::D(NaiveDate::from_ymd_opt(y, m, d).expect("date"))
}

/// A workbook typed by hand: no title rows, columns in another order, a body named
/// rather than given by id, blank sheets for empty lists.
fn hand_made() -> Vec<Sheet> {
    use Cell::{N, T};
    vec![
        (
            "Thông tin chung",
            vec![
                vec![T("Mã"), T("Giá trị")],
                vec![T("name"), T("Thử nghiệm")],
                vec![T("horizon.start"), T("2024-01-01")],
                vec![T("horizon.end"), T("31/12/2024")],
            ],
        ),
        (
            "Cơ quan",
            vec![
                vec![T("Mã cơ quan"), T("Tên cơ quan"), T("Loại")],
                vec![T("dbqh"), T("Đoàn ĐBQH tỉnh"), T("Đoàn ĐBQH")],
                vec![T("tt"), T("Thường trực HĐND"), T("standing_committee")],
            ],
        ),
        (
            "dbqh",
            vec![
                vec![
                    T("Số ngày"),
                    T("Mã hoạt động"),
                    T("Hình thức"),
                    T("Nội dung giám sát"),
                    T("Khung thời gian từ"),
                    T("Khung thời gian đến"),
                    T("Cơ quan phối hợp"),
                ],
                vec![
                    N(3.0),
                    T("a1"),
                    T("Khảo sát"),
                    T("Khảo sát việc bồi thường"),
                    date(2024, 3, 1),
                    date(2024, 3, 29),
                    T("Thường trực HĐND"),
                ],
                vec![],
                vec![
                    N(2.0),
                    T("a2"),
                    T("Giám sát chuyên đề"),
                    T("Giám sát đầu tư công"),
                    T(""),
                    T(""),
                    T(""),
                ],
            ],
        ),
        // Every sheet of the layout is there; blank ones are empty lists, a body
        // without activities.
        ("tt", vec![]),
        ("Đại biểu", vec![]),
        ("Chủ đề", vec![]),
        ("Địa bàn", vec![]),
        ("Đơn vị chịu giám sát", vec![]),
        ("Sự kiện", vec![]),
        ("Lịch sử giám sát", vec![]),
    ]
}

fn build(sheets: &[Sheet], path: &Path) {
    let mut book = Workbook::new();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::T(t) => sheet.write_string(r, c, *t).map(|_| ()),
                    Cell::N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                    Cell::D(d) => sheet
                        .write_date_with_format(r, c, d, &date_format)
                        .map(|_| ()),
                }
                .expect("write cell");
            }
        }
    }
    book.save(path).expect("save");
}

fn with_cell(
    mut sheets: Vec<Sheet>,
    sheet: &str,
    row: usize,
    col: usize,
    cell: Cell,
) -> Vec<Sheet> {
    let rows = &mut sheets
        .iter_mut()
        .find(|(name, _)| *name == sheet)
        .expect("sheet")
        .1;
    rows[row][col] = cell;
    sheets
}

fn faults_of(sheets: &[Sheet], dir: &TempDir, name: &str) -> Vec<oversight::Fault> {
    let path = dir.path(name);
    build(sheets, &path);
    match workbook::read_problem(&path) {
        Err(Error::Invalid { faults, .. }) => faults,
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
}

fn has_fault(faults: &[oversight::Fault], path: &str, words: &str) {
    assert!(
        faults
            .iter()
            .any(|f| f.path == path && f.message.contains(words)),
        "no fault at {path} saying {words:?} in {faults:#?}"
    );
}

#[test]
fn hand_made_workbook_reads() {
    let dir = TempDir::new("hand");
    let path = dir.path("hand.xlsx");
    build(&hand_made(), &path);
    let problem = workbook::read_problem(&path).expect("a valid hand-made workbook");
    assert_eq!(problem.name, "Thử nghiệm");
    assert_eq!(problem.activities.len(), 2);
    let a1 = &problem.activities[0];
    assert_eq!(a1.body, "dbqh", "from the sheet's name");
    assert_eq!(a1.invite, ["tt"], "a body given by its name");
    assert_eq!(a1.form, oversight::model::Form::Survey);
    assert_eq!(
        a1.window.map(|w| w.end),
        NaiveDate::from_ymd_opt(2024, 3, 29)
    );
    assert_eq!(
        problem.activities[1].window, None,
        "blank cells: the default"
    );
    assert_eq!(problem.calendar, oversight::model::CalendarSpec::default());
}

#[test]
fn damaged_workbooks_name_the_sheet_and_cell() {
    let dir = TempDir::new("damaged");

    let missing: Vec<Sheet> = hand_made()
        .into_iter()
        .filter(|(name, _)| *name != "Thông tin chung")
        .collect();
    let faults = faults_of(&missing, &dir, "missing.xlsx");
    has_fault(&faults, "'Thông tin chung'", "no sheet");
    assert_eq!(
        faults.len(),
        1,
        "no echo of the missing name and horizon: {faults:#?}"
    );

    let bad_date = with_cell(hand_made(), "dbqh", 1, 4, Cell::T("31/02/2024"));
    let faults = faults_of(&bad_date, &dir, "bad-date.xlsx");
    has_fault(
        &faults,
        "'dbqh'!E2 (activities[0].window.start)",
        "31/02/2024",
    );
    assert_eq!(faults.len(), 1, "{faults:#?}");

    let unknown = with_cell(hand_made(), "dbqh", 1, 6, Cell::T("Sở Không Tồn Tại"));
    let faults = faults_of(&unknown, &dir, "unknown-body.xlsx");
    has_fault(
        &faults,
        "'dbqh'!G2 (activities[0].invite[0])",
        "unknown body \"Sở Không Tồn Tại\"",
    );

    let words = with_cell(hand_made(), "dbqh", 3, 0, Cell::T("ba"));
    let faults = faults_of(&words, &dir, "duration.xlsx");
    has_fault(&faults, "'dbqh'!A4 (activities[1].duration)", "\"ba\"");
    assert_eq!(faults.len(), 1, "{faults:#?}");

    // A validation rule (not a reading one) lands on its cell too.
    let short = with_cell(hand_made(), "dbqh", 1, 5, date(2024, 3, 2));
    let faults = faults_of(&short, &dir, "short-window.xlsx");
    has_fault(
        &faults,
        "'dbqh'!E2 (activities[0].window)",
        "fewer than the duration",
    );

    let no_heading = with_cell(hand_made(), "dbqh", 0, 0, Cell::T("Thời lượng"));
    let faults = faults_of(&no_heading, &dir, "no-heading.xlsx");
    has_fault(&faults, "'dbqh'", "no heading row");

    let no_form = with_cell(hand_made(), "dbqh", 0, 2, Cell::T("Loại"));
    let faults = faults_of(&no_form, &dir, "no-form.xlsx");
    has_fault(&faults, "'dbqh'", "Hình thức");

    let bad_form = with_cell(hand_made(), "dbqh", 1, 2, Cell::T("Đi chơi"));
    let faults = faults_of(&bad_form, &dir, "bad-form.xlsx");
    has_fault(&faults, "'dbqh'!C2 (activities[0].form)", "Khảo sát");
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    let dir = TempDir::new("garbage");
    let junk = dir.path("junk.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 this is not a zip at all").expect("write");
    assert!(matches!(
        workbook::read_problem(&junk),
        Err(Error::Invalid { .. })
    ));
    assert!(matches!(
        workbook::read_problem(dir.path("absent.xlsx")),
        Err(Error::Io { .. })
    ));
    assert!(matches!(
        workbook::read_problem_bytes(b""),
        Err(Error::Invalid { .. })
    ));

    // A real workbook with nothing in it, and one whose cells hold the wrong types.
    let empty = dir.path("empty.xlsx");
    build(&[("Sheet1", vec![])], &empty);
    let faults = match workbook::read_problem(&empty) {
        Err(Error::Invalid { faults, .. }) => faults,
        other => panic!("{other:?}"),
    };
    has_fault(&faults, "'Thông tin chung'", "no sheet");

    // Two cells far apart: the reader must refuse rather than allocate the grid between.
    let sprawl = dir.path("sprawl.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Thông tin chung").expect("name");
    sheet.write_string(0, 0, "Mã").expect("write");
    sheet.write_string(1_048_575, 16_383, "x").expect("write");
    book.save(&sprawl).expect("save");
    let faults = match workbook::read_problem(&sprawl) {
        Err(Error::Invalid { faults, .. }) => faults,
        other => panic!("{other:?}"),
    };
    has_fault(&faults, "'Thông tin chung'", "XFD1048576");

    let wrong: Vec<Sheet> = hand_made()
        .into_iter()
        .map(|(name, rows)| {
            let rows = rows
                .into_iter()
                .enumerate()
                .map(|(r, row)| {
                    if r == 0 {
                        row
                    } else {
                        row.into_iter().map(|_| Cell::N(-1.5)).collect()
                    }
                })
                .collect();
            (name, rows)
        })
        .collect();
    let faults = faults_of(&wrong, &dir, "wrong.xlsx");
    assert!(!faults.is_empty());
    for f in &faults {
        assert!(f.path.starts_with('\''), "every fault names its sheet: {f}");
    }
}
