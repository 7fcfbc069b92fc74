//! The workbook reader under hostile or careless use: sheets deleted, renamed or
//! added, a body without its sheet, accents typed decomposed, ids with stray spaces,
//! and small files that unpack to gigabytes. Each must read, or fail with a fault that
//! names the sheet (or part) and says why; none may lose data silently or exhaust
//! memory.

use std::io::{Cursor, Write};

use calamine::{Data, Range, Reader, Xlsx};
use oversight::generate::{generate, GenerateOptions, Scale};
use oversight::{workbook, Error, Fault, Lang, Problem};
use rust_xlsxwriter::{Format, Workbook};
use unicode_normalization::UnicodeNormalization;

fn example() -> Problem {
    Problem::load("examples/nghe-an-2024.json").expect("bundled example")
}

type Sheets = Vec<(String, Range<Data>)>;

/// Every sheet of a workbook as read.
fn sheets_of(bytes: &[u8]) -> Sheets {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    book.worksheets()
}

/// Writes `sheets` back as a workbook, passing every text (sheet names included)
/// through `text`: what a planner's spreadsheet program saves after an edit.
fn rebuild(sheets: &Sheets, text: impl Fn(&str) -> String) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (name, range) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(text(name)).expect("sheet name");
        let Some((top, left)) = range.start() else {
            continue;
        };
        for (r, c, cell) in range.used_cells() {
            let (row, col) = (top + r as u32, (left as usize + c) as u16);
            match cell {
                Data::String(s) => sheet.write_string(row, col, text(s)).map(|_| ()),
                Data::Float(f) => sheet.write_number(row, col, *f).map(|_| ()),
                Data::Int(i) => sheet.write_number(row, col, *i as f64).map(|_| ()),
                Data::Bool(b) => sheet.write_boolean(row, col, *b).map(|_| ()),
                Data::DateTime(dt) => {
                    let day = dt.as_datetime().expect("a date").date();
                    sheet
                        .write_date_with_format(row, col, day, &date)
                        .map(|_| ())
                }
                other => panic!("unexpected cell {other:?}"),
            }
            .expect("write cell");
        }
    }
    book.save_to_buffer().expect("save")
}

fn same(text: &str) -> String {
    text.to_owned()
}

fn faults(bytes: &[u8]) -> Vec<Fault> {
    match workbook::read_problem_bytes(bytes) {
        Err(Error::Invalid { faults, .. }) => faults,
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
}

fn has_fault(faults: &[Fault], path: &str, words: &[&str]) {
    assert!(
        faults
            .iter()
            .any(|f| f.path.starts_with(path) && words.iter().all(|w| f.message.contains(w))),
        "no fault at {path} saying {words:?} in {faults:#?}"
    );
}

/// Besides the first `n` faults, only references to what the lost sheet held.
fn only_echoes(faults: &[Fault], n: usize) {
    let echoes = faults
        .iter()
        .filter(|f| f.message.starts_with("unknown activity or event"))
        .count();
    assert_eq!(faults.len() - echoes, n, "{faults:#?}");
}

fn template(problem: &Problem, lang: Lang) -> Sheets {
    sheets_of(&workbook::problem_to_bytes(problem, lang).expect("template"))
}

#[test]
fn a_deleted_body_sheet_is_an_error_naming_the_body() {
    let problem = example();
    let lost = problem.activities.iter().filter(|a| a.body == "dt").count();
    assert!(lost > 0, "the example's body dt has activities");
    let sheets: Sheets = template(&problem, Lang::Vi)
        .into_iter()
        .filter(|(name, _)| name != "dt")
        .collect();
    let faults = faults(&rebuild(&sheets, same));
    has_fault(&faults, "'Cơ quan'!", &["\"dt\"", "'dt'", "no sheet"]);
    assert_eq!(faults.len(), 1, "{faults:#?}");
}

#[test]
fn a_renamed_sheet_is_an_error_naming_both_names() {
    let problem = example();
    assert!(!problem.history.is_empty(), "the example has a history");
    for (from, to) in [("Lịch sử giám sát", "Lịch sử"), ("dbqh", "Đoàn ĐBQH (cũ)")] {
        let sheets: Sheets = template(&problem, Lang::Vi)
            .into_iter()
            .map(|(name, range)| (if name == from { to.to_owned() } else { name }, range))
            .collect();
        let faults = faults(&rebuild(&sheets, same));
        has_fault(
            &faults,
            &format!("'{to}'"),
            &["does not know", "Lịch sử giám sát"],
        );
        if from == "dbqh" {
            has_fault(&faults, "'Cơ quan'!", &["\"dbqh\"", "'dbqh'"]);
        } else {
            has_fault(&faults, &format!("'{from}'"), &["no sheet", "history"]);
        }
        only_echoes(&faults, 2);
    }
}

/// A body's sheet renamed together with its "Trang hoạt động" cell in the bodies sheet
/// is found under its new name: nothing is lost, nothing to report.
#[test]
fn a_renamed_body_sheet_with_its_bodies_row_updated_reads() {
    let problem = example();
    let renamed = "Trang của Đoàn 2024";
    let mut sheets: Sheets = template(&problem, Lang::Vi)
        .into_iter()
        .map(|(name, range)| {
            (
                if name == "dbqh" {
                    renamed.to_owned()
                } else {
                    name
                },
                range,
            )
        })
        .collect();
    let bodies = sheets
        .iter_mut()
        .find(|(n, _)| n == "Cơ quan")
        .expect("bodies");
    let col = (0..10)
        .find(|&c| bodies.1.get_value((2, c)) == Some(&Data::String("Trang hoạt động".into())))
        .expect("the sheet column");
    let row = (3..40)
        .find(|&r| bodies.1.get_value((r, col)) == Some(&Data::String("dbqh".into())))
        .expect("dbqh's row");
    bodies.1.set_value((row, col), Data::String(renamed.into()));
    assert_eq!(
        workbook::read_problem_bytes(&rebuild(&sheets, same)).expect("read"),
        problem
    );
}

#[test]
fn a_missing_reference_sheet_is_an_error_listing_the_sheets() {
    let problem = example();
    for (lang, missing, listed) in [
        (
            Lang::Vi,
            "Lịch sử giám sát",
            ["Thông tin chung", "Đại biểu", "Sự kiện"],
        ),
        (
            Lang::Vi,
            "Sự kiện",
            ["Thông tin chung", "Đại biểu", "Lịch sử giám sát"],
        ),
        (
            Lang::En,
            "Supervision history",
            ["General", "People", "Events"],
        ),
        (
            Lang::En,
            "Events",
            ["General", "People", "Supervision history"],
        ),
    ] {
        let sheets: Sheets = template(&problem, lang)
            .into_iter()
            .filter(|(name, _)| name != missing)
            .collect();
        let faults = faults(&rebuild(&sheets, same));
        let mut words = vec!["no sheet"];
        words.extend(listed);
        has_fault(&faults, &format!("'{missing}'"), &words);
        only_echoes(&faults, 1);
    }
}

#[test]
fn an_unknown_sheet_is_an_error_naming_it() {
    let problem = example();
    let mut sheets = template(&problem, Lang::Vi);
    let mut notes = Range::new((0, 0), (1, 0));
    notes.set_value((0, 0), Data::String("Ghi chú của chuyên viên".into()));
    notes.set_value((1, 0), Data::String("Gọi Sở Tài chính trước".into()));
    sheets.push(("Ghi chú".into(), notes));
    let faults = faults(&rebuild(&sheets, same));
    has_fault(&faults, "'Ghi chú'", &["does not know"]);
    assert_eq!(faults.len(), 1, "{faults:#?}");
}

/// The legitimate variants still read: a body without activities (the writer gives it
/// a sheet with headings only), programmes and templates in both languages.
#[test]
fn a_body_without_activities_round_trips() {
    let mut problem = generate(&GenerateOptions {
        scale: Scale::Tiny,
        ..GenerateOptions::default()
    });
    let idle = problem.bodies[0].clone();
    problem.activities.retain(|a| a.body != idle.id);
    for a in &mut problem.activities {
        a.invite.retain(|b| *b != idle.id);
        a.after.clear();
        a.before.clear();
    }
    problem.validate().expect("still valid");
    for lang in [Lang::Vi, Lang::En] {
        let bytes = workbook::problem_to_bytes(&problem, lang).expect("template");
        assert!(sheets_of(&bytes).iter().any(|(n, _)| *n == idle.id));
        assert_eq!(workbook::read_problem_bytes(&bytes).expect("read"), problem);
    }
}

/// Every text of the workbook typed decomposed (NFD), as some Vietnamese input methods
/// do: sheet names, headings, forms, kinds, settings' labels, the "none" word, names
/// used as references. It reads, and keeps what was typed.
#[test]
fn a_decomposed_workbook_reads_and_keeps_what_was_typed() {
    let problem = example();
    let nfd = |s: &str| s.nfd().collect::<String>();
    let mut sheets = template(&problem, Lang::Vi);
    assert!(
        sheets.iter().any(|(n, _)| nfd(n) != *n),
        "sheet names change"
    );
    // Settings found by their labels alone: clear the key column of the general sheet.
    let general = sheets
        .iter_mut()
        .find(|(n, _)| n == "Thông tin chung")
        .expect("general");
    let (top, _) = general.1.start().expect("cells");
    let (bottom, _) = general.1.end().expect("cells");
    for row in top + 3..=bottom {
        general.1.set_value((row, 0), Data::Empty);
    }
    let bytes = rebuild(&sheets, nfd);
    let back = match workbook::read_problem_bytes(&bytes) {
        Ok(back) => back,
        Err(e) => panic!("{:#?}", e.faults()),
    };
    // Titles and names come back as typed (decomposed); with them composed again the
    // problem is the original.
    let title = &problem.activities[0].title;
    assert_ne!(nfd(title), *title, "the title has accents");
    assert_eq!(back.activities[0].title, nfd(title));
    let composed = |p: &Problem| {
        let text = serde_json::to_string(p).expect("json");
        text.nfc().collect::<String>()
    };
    assert_eq!(composed(&back), composed(&problem));
}

/// An unknown label still names what it expected; the same label decomposed is known.
#[test]
fn a_decomposed_label_is_recognised() {
    let problem = example();
    let mut sheets = template(&problem, Lang::Vi);
    let dbqh = sheets.iter_mut().find(|(n, _)| n == "dbqh").expect("dbqh");
    let form_col = (0..30)
        .find(|&c| dbqh.1.get_value((2, c)) == Some(&Data::String("Hình thức".into())))
        .expect("form column");
    dbqh.1.set_value(
        (3, form_col),
        Data::String("Khảo sát".nfd().collect::<String>()),
    );
    let back = workbook::read_problem_bytes(&rebuild(&sheets, same)).expect("read");
    let first = back
        .activities
        .iter()
        .find(|a| a.body == "dbqh")
        .expect("a");
    assert_eq!(first.form, oversight::model::Form::Survey);
}

/// An id is read exactly as typed, or refused naming its cell: a stray space is not
/// trimmed away silently.
#[test]
fn ids_with_stray_spaces_or_line_breaks_are_refused_at_their_cell() {
    let problem = example();
    for (bad, words) in [
        (" qh1", "white space"),
        ("qh1 ", "white space"),
        ("qh\n1", "line break"),
    ] {
        let mut sheets = template(&problem, Lang::Vi);
        let dbqh = sheets.iter_mut().find(|(n, _)| n == "dbqh").expect("dbqh");
        let id_col = (0..30)
            .find(|&c| dbqh.1.get_value((2, c)) == Some(&Data::String("Mã hoạt động".into())))
            .expect("id column");
        dbqh.1.set_value((3, id_col), Data::String(bad.into()));
        let faults = faults(&rebuild(&sheets, same));
        has_fault(&faults, "'dbqh'!B4 (activities[", &[words]);
    }
}

// ---- Bombs: small files that unpack to far more than they hold. ----

/// A minimal `.xlsx` archive with one sheet, "Thông tin chung", whose XML and shared
/// strings are given.
fn archive(sheet_xml: &[u8], shared: &[u8]) -> Vec<u8> {
    let ct = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let wb = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Thông tin chung" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let wb_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, data) in [
        ("[Content_Types].xml", ct.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", wb.as_bytes()),
        ("xl/_rels/workbook.xml.rels", wb_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet_xml),
        ("xl/sharedStrings.xml", shared),
    ] {
        zip.start_file(name, options).expect("entry");
        zip.write_all(data).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

fn shared_strings(text: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>"#).into_bytes()
}

/// A sheet whose `rows` × `cols` cells all use shared string 0.
fn sheet_using_string(rows: u32, cols: u32) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for r in 1..=rows {
        xml.push_str(&format!(r#"<row r="{r}">"#));
        for c in 0..cols {
            let letter = char::from(b'A' + c as u8);
            xml.push_str(&format!(r#"<c r="{letter}{r}" t="s"><v>0</v></c>"#));
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml.into_bytes()
}

/// The central directory entry of `name`, to lie about its size.
fn set_declared_size(bytes: &mut [u8], name: &str, size: u32) {
    let needle = name.as_bytes();
    let mut at = 0;
    while at + 46 < bytes.len() {
        if bytes[at..at + 4] == [0x50, 0x4b, 0x01, 0x02] {
            let len = u16::from_le_bytes([bytes[at + 28], bytes[at + 29]]) as usize;
            if bytes.get(at + 46..at + 46 + len) == Some(needle) {
                bytes[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
                return;
            }
        }
        at += 1;
    }
    panic!("no central entry {name}");
}

/// A 32,000-character shared string used by 4,000 cells: 128 MB of cell text from a file of a
/// few hundred KB (the issue's has 200,000 cells and took 6.3 GB).
#[test]
fn a_shared_string_used_by_many_cells_is_refused() {
    let long = "a".repeat(32_000);
    let bytes = archive(&sheet_using_string(200, 20), &shared_strings(&long));
    assert!(bytes.len() < 100_000, "a small file: {}", bytes.len());
    let faults = faults(&bytes);
    has_fault(&faults, "'Thông tin chung'", &["64 MB", "repeated"]);
    // The sheet is there though it cannot be read: it is not reported missing too.
    assert!(
        !faults
            .iter()
            .any(|f| f.path == "'Thông tin chung'" && f.message.contains("no sheet")),
        "{faults:#?}"
    );
}

#[test]
fn a_cell_longer_than_excel_allows_is_refused() {
    let long = "a".repeat(40_000);
    let faults = faults(&archive(&sheet_using_string(1, 1), &shared_strings(&long)));
    has_fault(&faults, "'Thông tin chung'", &["A1", "40000", "32767"]);
}

/// A part that declares more than the bound is refused before anything is unpacked;
/// the 2 GB string of the issue needs nothing more.
#[test]
fn a_part_that_unpacks_too_far_is_refused_before_opening() {
    let mut bytes = archive(&sheet_using_string(1, 1), &shared_strings("a"));
    set_declared_size(&mut bytes, "xl/sharedStrings.xml", 2_000_000_000);
    let faults = faults(&bytes);
    has_fault(
        &faults,
        "workbook: xl/sharedStrings.xml",
        &["1908 MB", "128 MB"],
    );
}

/// A part that declares little and unpacks to more is cut at its declared size by the
/// zip reader: the bound holds whatever the directory says.
#[test]
fn a_part_that_lies_about_its_size_is_not_unpacked_beyond_it() {
    let long = "a".repeat(4 << 20);
    let mut bytes = archive(&sheet_using_string(1, 1), &shared_strings(&long));
    set_declared_size(&mut bytes, "xl/sharedStrings.xml", 1000);
    let faults = faults(&bytes);
    has_fault(&faults, "workbook", &["declared uncompressed size"]);
}

#[test]
fn a_sheet_of_too_many_rows_is_refused() {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for r in [1, 60_000] {
        xml.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#
        ));
    }
    xml.push_str("</sheetData></worksheet>");
    let faults = faults(&archive(xml.as_bytes(), &shared_strings("x")));
    has_fault(&faults, "'Thông tin chung'", &["60000 rows", "50000"]);
}

/// Free text goes through exactly: an empty title or name (the format allows them, the
/// writer leaves the cell blank), spaces around a name, a title on two lines. The
/// contract: `to_excel` → `from_excel` gives the problem back, or `to_excel` refuses.
#[test]
fn free_text_round_trips_exactly() {
    let mut problem = generate(&GenerateOptions {
        scale: Scale::Tiny,
        ..GenerateOptions::default()
    });
    problem.name = String::new();
    problem.activities[0].title = String::new();
    problem.activities[1].title = "  Giám sát\nhai dòng  ".into();
    problem.bodies[0].name = String::new();
    problem.people[0].name = " Nguyễn Văn A ".into();
    problem.topics[0].name = String::new();
    problem.validate().expect("valid as JSON");
    for lang in [Lang::Vi, Lang::En] {
        match workbook::problem_to_bytes(&problem, lang) {
            Ok(bytes) => assert_eq!(
                workbook::read_problem_bytes(&bytes).expect("read back"),
                problem
            ),
            Err(refused) => assert!(!refused.to_string().is_empty()),
        }
    }
}

/// An `.ods` sheet of one row whose cell says it repeats: `rows` × 20 copies of `text`,
/// and blank styled cells repeated over the rest of the sheet, as spreadsheet programs
/// write it.
fn ods(text: &str, rows: u32) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Thông tin chung"><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="20" office:value-type="string"><text:p>{text}</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:style-name="ce1" table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).expect("entry");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    zip.start_file("content.xml", deflated).expect("entry");
    zip.write_all(content.as_bytes()).expect("write");
    zip.start_file("META-INF/manifest.xml", deflated)
        .expect("entry");
    zip.write_all(manifest.as_bytes()).expect("write");
    zip.finish().expect("zip").into_inner()
}

/// A file under a kilobyte whose one 32,000-character cell repeats 200,000 times: the
/// `.ods` parser would copy it into every cell when it opens the file (6 GB).
#[test]
fn an_ods_cell_repeated_many_times_is_refused_before_opening() {
    let long = "a".repeat(32_000);
    let bytes = ods(&long, 10_000);
    assert!(bytes.len() < 2_000, "a tiny file: {}", bytes.len());
    let faults = faults(&bytes);
    has_fault(&faults, "workbook: content.xml", &["64 MB", "repeated"]);
}

/// Blank cells repeated over the rest of a sheet (what LibreOffice writes) cost nothing
/// and are not counted: such a file reaches the reader's own faults.
#[test]
fn an_ods_with_blank_repeats_is_not_refused() {
    let faults = faults(&ods("Mã", 3));
    assert!(
        !faults.iter().any(|f| f.path.contains("content.xml")),
        "{faults:#?}"
    );
    has_fault(&faults, "'Thông tin chung'", &["no heading row"]);
}
