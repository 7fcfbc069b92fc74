//! A plan as CSV: one row per activity (see [`ActivityRow`]), headings in the chosen
//! language, dates in ISO form, lists joined with "; ". The file starts with a UTF-8
//! byte-order mark because Excel otherwise reads Vietnamese text as Latin-1.

use std::path::Path;

use super::table::{activity_rows, ActivityRow};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::Problem;
use crate::plan::Plan;

/// The headings, in the order of the columns.
pub fn headings(lang: Lang) -> [&'static str; 20] {
    match lang {
        Lang::Vi => [
            "Mã hoạt động",
            "Hoạt động chủ trì nhóm",
            "Nhóm hoạt động",
            "Liên tịch",
            "Cơ quan",
            "Tên cơ quan",
            "Nội dung giám sát",
            "Mã hình thức",
            "Hình thức",
            "Từ ngày",
            "Đến ngày",
            "Số ngày làm việc",
            "Mã thành phần",
            "Thành phần",
            "Mã đối tượng chịu giám sát",
            "Đối tượng chịu giám sát",
            "Mã địa bàn",
            "Địa bàn",
            "Chủ đề",
            "Cơ quan được mời",
        ],
        Lang::En => [
            "id",
            "lead",
            "group",
            "joint",
            "body",
            "body_name",
            "title",
            "form",
            "form_label",
            "start",
            "end",
            "days",
            "members",
            "member_names",
            "subjects",
            "subject_names",
            "areas",
            "area_names",
            "topics",
            "invite",
        ],
    }
}

fn record(row: &ActivityRow, lang: Lang) -> [String; 20] {
    let yes_no = match (row.joint, lang) {
        (true, Lang::Vi) => "có",
        (false, Lang::Vi) => "không",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    };
    [
        row.id.clone(),
        row.lead.clone(),
        row.group.join("; "),
        yes_no.to_owned(),
        row.body.clone(),
        row.body_name.clone(),
        row.title.clone(),
        row.form.clone(),
        row.form_label.clone(),
        row.start.to_string(),
        row.end.to_string(),
        row.days.to_string(),
        row.members.join("; "),
        row.member_names.join("; "),
        row.subjects.join("; "),
        row.subject_names.join("; "),
        row.areas.join("; "),
        row.area_names.join("; "),
        row.topics.join("; "),
        row.invite.join("; "),
    ]
}

/// The CSV text of `plan` (with its byte-order mark).
pub fn to_csv_string(problem: &Problem, plan: &Plan, lang: Lang) -> Result<String> {
    let rows = activity_rows(problem, plan, lang)?;
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing into memory fails only if a record cannot be encoded.
    let io = |e: &dyn std::fmt::Display| Error::Io {
        action: "write",
        path: "CSV".into(),
        source: std::io::Error::other(e.to_string()),
    };
    writer.write_record(headings(lang)).map_err(|e| io(&e))?;
    for row in &rows {
        writer.write_record(record(row, lang)).map_err(|e| io(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| io(&e))?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

/// Writes `plan` as CSV to `path`.
pub fn write_csv(problem: &Problem, plan: &Plan, path: &Path, lang: Lang) -> Result<()> {
    crate::files::write(path, to_csv_string(problem, plan, lang)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_record_per_activity_with_quoted_lists() {
        let problem = Problem::load("examples/nghe-an-2024.json").expect("bundled example");
        let plan = Plan::load("examples/nghe-an-2024.plan.json").expect("bundled plan");
        let text = to_csv_string(&problem, &plan, Lang::En).expect("plan fits the problem");
        let body = text.strip_prefix('\u{feff}').expect("starts with a BOM");
        let mut reader = ::csv::Reader::from_reader(body.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(header, headings(Lang::En));
        let records: Vec<::csv::StringRecord> = reader
            .records()
            .collect::<std::result::Result<_, _>>()
            .expect("valid CSV");
        assert_eq!(records.len(), problem.activities.len());
        assert!(records.iter().all(|r| r.len() == 20));
    }
}
