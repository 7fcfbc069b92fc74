//! The `oversight.problem/1` tree as Rust types.
//!
//! Field names, defaults and enum spellings follow `docs/FORMAT.md` exactly: serde
//! renames nothing silently and rejects unknown fields, so a typo in a planner's file
//! is an error rather than an ignored setting.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The value of the `format` field of every problem document.
pub const PROBLEM_FORMAT: &str = "oversight.problem/1";

/// A whole supervision-planning problem: the bodies, their people, the things they
/// supervise, the year's fixed events and every proposed activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// Always [`PROBLEM_FORMAT`].
    pub format: String,
    /// A human name, echoed into every plan (`plan.problem`).
    pub name: String,
    /// The planning period; every scheduled day lies inside it.
    pub horizon: DateRange,
    #[serde(default)]
    pub calendar: CalendarSpec,
    #[serde(default)]
    pub bodies: Vec<Body>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub topics: Vec<Topic>,
    #[serde(default)]
    pub areas: Vec<Area>,
    #[serde(default)]
    pub subjects: Vec<Subject>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub history: Vec<PastSupervision>,
    #[serde(default)]
    pub rules: Rules,
}

/// An inclusive range of calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    #[serde(with = "crate::model::iso_date")]
    pub start: NaiveDate,
    #[serde(with = "crate::model::iso_date")]
    pub end: NaiveDate,
}

impl DateRange {
    /// Whether `date` lies inside the range (both ends included).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether the two ranges share at least one day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// Which national calendar supplies public holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Country {
    /// Vietnamese public holidays (lunar ones included) and the government's announced
    /// substituted days off.
    #[default]
    #[serde(rename = "VN")]
    Vietnam,
    /// No public holidays: only the weekend and `days_off` are free.
    #[serde(rename = "none")]
    NoHolidays,
}

/// A day of the week, spelled as in the format (`"sat"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    /// The matching chrono weekday.
    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

fn default_weekend() -> Vec<Weekday> {
    vec![Weekday::Sat, Weekday::Sun]
}

/// The working-day calendar of the problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    #[serde(default)]
    pub country: Country,
    #[serde(default = "default_weekend")]
    pub weekend: Vec<Weekday>,
    /// Extra days off (local decisions).
    #[serde(default, with = "crate::model::iso_date::list")]
    pub days_off: Vec<NaiveDate>,
    /// Days that are working days whatever else holds (make-up Saturdays).
    #[serde(default, with = "crate::model::iso_date::list")]
    pub workdays: Vec<NaiveDate>,
}

impl Default for CalendarSpec {
    fn default() -> Self {
        CalendarSpec {
            country: Country::Vietnam,
            weekend: default_weekend(),
            days_off: Vec::new(),
            workdays: Vec::new(),
        }
    }
}

/// What kind of elected body a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// Đoàn đại biểu Quốc hội.
    NaDelegation,
    /// Thường trực HĐND.
    StandingCommittee,
    /// A committee (Ban) of the council.
    Committee,
    Other,
}

fn default_rank() -> u32 {
    100
}

fn default_max_parallel() -> u32 {
    1
}

/// A body that draws up a supervision programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub id: String,
    pub name: String,
    pub kind: BodyKind,
    /// Smaller leads a merged (joint) activity.
    #[serde(default = "default_rank")]
    pub rank: u32,
    /// How many groups the body may lead on one day.
    #[serde(default = "default_max_parallel")]
    pub max_parallel: u32,
}

/// A delegate or staff member who takes part in activities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub bodies: Vec<String>,
    /// Periods in which the person cannot take part in anything.
    #[serde(default)]
    pub unavailable: Vec<DateRange>,
}

/// A supervision topic; `parents` make the topics a directed acyclic graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub parents: Vec<String>,
}

/// A place (province, commune or ward level).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub name: String,
}

/// An agency or unit that is supervised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
}

/// A fixed event (a session, a holiday period) that may keep bodies free and that
/// activities may be placed `after` or `before`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub name: String,
    #[serde(with = "crate::model::iso_date")]
    pub start: NaiveDate,
    #[serde(with = "crate::model::iso_date")]
    pub end: NaiveDate,
    /// Body ids, or `"*"` for every body.
    #[serde(default)]
    pub blocks: Vec<String>,
}

impl Event {
    /// The event's days as a range.
    pub fn range(&self) -> DateRange {
        DateRange {
            start: self.start,
            end: self.end,
        }
    }

    /// Whether the event keeps `body` free.
    pub fn blocks_body(&self, body: &str) -> bool {
        self.blocks.iter().any(|b| b == "*" || b == body)
    }
}

/// The form an activity takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    ThematicSupervision,
    Survey,
    ExplanationSession,
    Questioning,
    DocumentReview,
    VoterContact,
    LawConsultation,
    VerificationMeeting,
    WorkingMeeting,
    Other,
}

impl Form {
    /// Every form, in the format's order.
    pub const ALL: [Form; 10] = [
        Form::ThematicSupervision,
        Form::Survey,
        Form::ExplanationSession,
        Form::Questioning,
        Form::DocumentReview,
        Form::VoterContact,
        Form::LawConsultation,
        Form::VerificationMeeting,
        Form::WorkingMeeting,
        Form::Other,
    ];

    /// The form as planners name it, in `lang`.
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        use crate::lang::Lang::{En, Vi};
        match (self, lang) {
            (Form::ThematicSupervision, Vi) => "Giám sát chuyên đề",
            (Form::ThematicSupervision, En) => "Thematic supervision",
            (Form::Survey, Vi) => "Khảo sát",
            (Form::Survey, En) => "Survey",
            (Form::ExplanationSession, Vi) => "Phiên giải trình",
            (Form::ExplanationSession, En) => "Explanation session",
            (Form::Questioning, Vi) => "Chất vấn",
            (Form::Questioning, En) => "Questioning",
            (Form::DocumentReview, Vi) => "Giám sát văn bản",
            (Form::DocumentReview, En) => "Document review",
            (Form::VoterContact, Vi) => "Tiếp xúc cử tri",
            (Form::VoterContact, En) => "Voter contact",
            (Form::LawConsultation, Vi) => "Góp ý dự án luật",
            (Form::LawConsultation, En) => "Consultation on a draft law",
            (Form::VerificationMeeting, Vi) => "Thẩm tra",
            (Form::VerificationMeeting, En) => "Verification meeting",
            (Form::WorkingMeeting, Vi) => "Làm việc",
            (Form::WorkingMeeting, En) => "Working meeting",
            (Form::Other, Vi) => "Khác",
            (Form::Other, En) => "Other",
        }
    }
}

/// An ordering requirement against an activity or an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Precedence {
    /// An activity id or an event id.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The least number of calendar days strictly between the two.
    #[serde(default)]
    pub gap: u32,
}

/// One proposed activity of one body's programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub id: String,
    pub body: String,
    pub title: String,
    pub form: Form,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub subjects: Vec<String>,
    #[serde(default)]
    pub areas: Vec<String>,
    /// Working days, at least 1.
    pub duration: u32,
    /// Defaults to the horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<DateRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred: Option<DateRange>,
    #[serde(default)]
    pub members: Vec<String>,
    /// Bodies invited to join the team.
    #[serde(default)]
    pub invite: Vec<String>,
    #[serde(default)]
    pub after: Vec<Precedence>,
    #[serde(default)]
    pub before: Vec<Precedence>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::iso_date::option"
    )]
    pub fixed_start: Option<NaiveDate>,
}

/// A supervision already held before the horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastSupervision {
    pub id: String,
    pub body: String,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub subjects: Vec<String>,
    #[serde(with = "crate::model::iso_date")]
    pub start: NaiveDate,
    #[serde(with = "crate::model::iso_date")]
    pub end: NaiveDate,
}

/// Whether duplicates across bodies are merged into joint activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MergePolicy {
    #[default]
    Auto,
    Off,
}

fn default_subject_gap() -> u32 {
    30
}
fn default_area_gap() -> u32 {
    14
}
fn default_repeat_months() -> u32 {
    18
}

/// Gaps, merge policy and weights of the objective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Least distance in days between two groups sharing a subject (hard).
    #[serde(default = "default_subject_gap")]
    pub subject_gap: u32,
    /// Distance under which two visits to one area cost `weights.area` (soft).
    #[serde(default = "default_area_gap")]
    pub area_gap: u32,
    #[serde(default)]
    pub merge: MergePolicy,
    /// Look-back period for repeats against `history`.
    #[serde(default = "default_repeat_months")]
    pub repeat_months: u32,
    #[serde(default)]
    pub weights: Weights,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            subject_gap: default_subject_gap(),
            area_gap: default_area_gap(),
            merge: MergePolicy::Auto,
            repeat_months: default_repeat_months(),
            weights: Weights::default(),
        }
    }
}

fn w1() -> u64 {
    1
}
fn w5() -> u64 {
    5
}
fn w20() -> u64 {
    20
}
fn w50() -> u64 {
    50
}
fn w100() -> u64 {
    100
}

/// Weights of the soft terms; all non-negative integers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    #[serde(default = "w1")]
    pub balance: u64,
    #[serde(default = "w50")]
    pub area: u64,
    #[serde(default = "w20")]
    pub invite: u64,
    #[serde(default = "w5")]
    pub preferred: u64,
    #[serde(default = "w100")]
    pub r#move: u64,
    #[serde(default = "w1")]
    pub shift: u64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            balance: 1,
            area: 50,
            invite: 20,
            preferred: 5,
            r#move: 100,
            shift: 1,
        }
    }
}
