//! Realistic generated problems for tests and benchmarks.
//!
//! A generated year looks like a province's: the NA delegation, the Standing Committee
//! and four committees; people sitting on two bodies; departments and commune People's
//! Committees as subjects; the two NA sessions, the two regular council sessions,
//! thematic sessions and Tết as events; windows of a few months, some preferred
//! windows, fixed explanation sessions, results due before the sessions, duplicates
//! across bodies and a short history. The same scale and seed give the same problem.
//!
//! The pools (agencies, communes, people) grow with the number of activities, so a
//! large programme is as dense per agency, commune and person as a province's, and no
//! subject is booked more often than its visits' windows hold: without `infeasible`,
//! every scale has plans without hard violations (checked with CP-SAT and our solver
//! for seeds 0–4). With it, one of four kinds of conflict ([`PlantedCore`]) is added.

use chrono::{Datelike, Duration, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

use crate::calendar::working::{Day, WorkCalendar};
use crate::calendar::{lunar::lunar_new_year, makeup_workdays};
use crate::model::*;

/// The size of a generated problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// About 12 activities.
    Tiny,
    /// About 40.
    Small,
    /// About 150: a province's year.
    Province,
    /// About 400.
    Large,
}

impl Scale {
    /// The number of activities generated.
    pub fn activities(self) -> usize {
        match self {
            Scale::Tiny => 12,
            Scale::Small => 40,
            Scale::Province => 150,
            Scale::Large => 400,
        }
    }

    /// Parses `tiny`, `small`, `province` or `large`.
    pub fn parse(name: &str) -> Option<Scale> {
        match name {
            "tiny" => Some(Scale::Tiny),
            "small" => Some(Scale::Small),
            "province" => Some(Scale::Province),
            "large" => Some(Scale::Large),
            _ => None,
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    pub scale: Scale,
    pub seed: u64,
    /// The calendar year of the horizon.
    pub year: i32,
    /// Plant a small set of activities that cannot all be scheduled, of the kind
    /// [`PlantedCore::of_seed`] picks; every other activity stays feasible.
    pub infeasible: bool,
}

/// The conflicts `infeasible` plants, all in the first weeks of March (after Tết, before
/// any session), on activities with the ids `core-0`, `core-1`, …
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlantedCore {
    /// Three activities of one person, each 2 working days inside the same
    /// Monday–Thursday: 6 days needed, 4 available.
    Person,
    /// Three one-day visits to one agency, all due within 58 days: with 30 days
    /// between visits the third cannot come before day 62.
    SubjectGap,
    /// Three 3-day activities within 33 days, the second 14 days after the first and 14
    /// days before the third: the chain needs at least 37 days.
    Precedence,
    /// `max_parallel + 1` activities of a body, each a working day shorter than a
    /// window of `max_parallel + 3` working days they share: more body-days than the
    /// body may lead there.
    Parallel,
}

impl PlantedCore {
    /// The kind planted for `seed`: person, subject gap, precedence, parallel for
    /// seeds 0, 1, 2, 3 (mod 4).
    pub fn of_seed(seed: u64) -> PlantedCore {
        match seed % 4 {
            0 => PlantedCore::Person,
            1 => PlantedCore::SubjectGap,
            2 => PlantedCore::Precedence,
            _ => PlantedCore::Parallel,
        }
    }
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            scale: Scale::Province,
            seed: 0,
            year: 2025,
            infeasible: false,
        }
    }
}

const FIELDS: [(&str, &str, [&str; 3]); 8] = [
    (
        "land",
        "Đất đai",
        [
            "Bồi thường, giải phóng mặt bằng",
            "Cấp giấy chứng nhận",
            "Quy hoạch sử dụng đất",
        ],
    ),
    (
        "budget",
        "Ngân sách",
        ["Thu ngân sách", "Đầu tư công", "Nợ đọng xây dựng cơ bản"],
    ),
    (
        "health",
        "Y tế",
        ["Y tế cơ sở", "Mua sắm thuốc, vật tư", "Bảo hiểm y tế"],
    ),
    (
        "education",
        "Giáo dục",
        [
            "Cơ sở vật chất trường học",
            "Chương trình giáo dục phổ thông",
            "Đội ngũ giáo viên",
        ],
    ),
    (
        "transport",
        "Giao thông",
        [
            "Hạ tầng giao thông",
            "An toàn giao thông",
            "Đường giao thông nông thôn",
        ],
    ),
    (
        "ethnic",
        "Dân tộc",
        [
            "Chương trình mục tiêu quốc gia",
            "Chính sách hỗ trợ đồng bào",
            "Giảm nghèo bền vững",
        ],
    ),
    (
        "justice",
        "Tư pháp",
        [
            "Cải cách hành chính",
            "Giải quyết khiếu nại, tố cáo",
            "Phòng chống tội phạm",
        ],
    ),
    (
        "social",
        "Xã hội",
        ["Việc làm", "Chính sách người có công", "Bảo trợ xã hội"],
    ),
];

const DEPARTMENTS: [(&str, &str); 20] = [
    ("so-tc", "Sở Tài chính"),
    ("so-xd", "Sở Xây dựng"),
    ("so-yt", "Sở Y tế"),
    ("so-gddt", "Sở Giáo dục và Đào tạo"),
    ("so-nnmt", "Sở Nông nghiệp và Môi trường"),
    ("so-nv", "Sở Nội vụ"),
    ("so-tp", "Sở Tư pháp"),
    ("so-dttg", "Sở Dân tộc và Tôn giáo"),
    ("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch"),
    ("ca-tinh", "Công an tỉnh"),
    ("tand", "Tòa án nhân dân tỉnh"),
    ("vksnd", "Viện kiểm sát nhân dân tỉnh"),
    ("so-ct", "Sở Công Thương"),
    ("so-khcn", "Sở Khoa học và Công nghệ"),
    ("thanh-tra", "Thanh tra tỉnh"),
    ("bhxh", "Bảo hiểm xã hội tỉnh"),
    ("thue", "Thuế tỉnh"),
    ("kho-bac", "Kho bạc Nhà nước khu vực"),
    ("bqlda", "Ban Quản lý dự án đầu tư xây dựng tỉnh"),
    ("so-ldtbxh", "Sở Lao động - Thương binh và Xã hội"),
];

/// Provincial units below the departments (hospitals, schools, project boards, state
/// companies, central agencies' provincial branches): a bigger programme spreads its
/// visits over more of them instead of returning to the same departments.
const PROVINCIAL_UNITS: [(&str, &str); 36] = [
    ("bv-dk", "Bệnh viện Đa khoa tỉnh"),
    ("bv-san-nhi", "Bệnh viện Sản - Nhi tỉnh"),
    ("bv-ylct", "Bệnh viện Y học cổ truyền tỉnh"),
    ("bv-tt", "Bệnh viện Tâm thần tỉnh"),
    ("bv-phoi", "Bệnh viện Phổi tỉnh"),
    ("cdc", "Trung tâm Kiểm soát bệnh tật tỉnh"),
    ("cd-yt", "Trường Cao đẳng Y tế"),
    ("cd-sp", "Trường Cao đẳng Sư phạm"),
    ("cd-nghe", "Trường Cao đẳng Kỹ thuật - Công nghệ"),
    ("thpt-chuyen", "Trường THPT chuyên tỉnh"),
    ("bql-kkt", "Ban Quản lý Khu kinh tế tỉnh"),
    ("bqlda-gt", "Ban Quản lý dự án công trình giao thông"),
    ("bqlda-nn", "Ban Quản lý dự án công trình nông nghiệp"),
    ("tt-pt-qd", "Trung tâm Phát triển quỹ đất tỉnh"),
    ("vpdk-dd", "Văn phòng Đăng ký đất đai tỉnh"),
    ("cty-thuy-loi", "Công ty TNHH MTV Thủy lợi"),
    ("cty-cap-nuoc", "Công ty Cổ phần Cấp nước"),
    ("dien-luc", "Công ty Điện lực tỉnh"),
    ("nhcsxh", "Chi nhánh Ngân hàng Chính sách xã hội tỉnh"),
    ("nhnn", "Ngân hàng Nhà nước khu vực"),
    ("hai-quan", "Chi cục Hải quan khu vực"),
    ("bchqs", "Bộ Chỉ huy Quân sự tỉnh"),
    ("bdbp", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
    ("thads", "Thi hành án dân sự tỉnh"),
    ("trai-tam-giam", "Trại tạm giam Công an tỉnh"),
    ("tt-btxh", "Trung tâm Bảo trợ xã hội tỉnh"),
    ("tt-dvvl", "Trung tâm Dịch vụ việc làm tỉnh"),
    ("quy-dtpt", "Quỹ Đầu tư phát triển tỉnh"),
    ("tt-hcc", "Trung tâm Phục vụ hành chính công tỉnh"),
    ("bao-ptth", "Báo và Phát thanh, Truyền hình tỉnh"),
    ("tt-khuyen-nong", "Trung tâm Khuyến nông tỉnh"),
    ("kiem-lam", "Chi cục Kiểm lâm"),
    ("chi-cuc-tl", "Chi cục Thủy lợi"),
    (
        "tt-nuoc-sach",
        "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn",
    ),
    (
        "cty-ha-tang-kcn",
        "Công ty Phát triển hạ tầng khu công nghiệp",
    ),
    ("xskt", "Công ty Xổ số kiến thiết tỉnh"),
];

const COMMUNE_SYLLABLES: [&str; 24] = [
    "An", "Bình", "Châu", "Diễn", "Đông", "Hưng", "Kim", "Lam", "Long", "Minh", "Nam", "Nghĩa",
    "Phú", "Quang", "Quỳnh", "Sơn", "Tân", "Thanh", "Thái", "Tiên", "Trung", "Vân", "Vinh", "Yên",
];

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Hồ",
];
const MIDDLE: [&str; 5] = ["Văn", "Thị", "Minh", "Hữu", "Ngọc"];
const GIVEN: [&str; 12] = [
    "An", "Bình", "Châu", "Dũng", "Hà", "Hùng", "Lan", "Long", "Nam", "Sơn", "Thắng", "Yến",
];

/// A generated body: (id, name, kind, rank, max_parallel, share of activities, the
/// three fields it focuses on).
type BodySpec = (
    &'static str,
    &'static str,
    BodyKind,
    u32,
    u32,
    u32,
    [usize; 3],
);

const BODIES: [BodySpec; 6] = [
    (
        "dbqh",
        "Đoàn đại biểu Quốc hội tỉnh",
        BodyKind::NaDelegation,
        1,
        2,
        22,
        [0, 1, 2],
    ),
    (
        "tt",
        "Thường trực HĐND tỉnh",
        BodyKind::StandingCommittee,
        2,
        2,
        18,
        [0, 6, 3],
    ),
    (
        "ktns",
        "Ban Kinh tế - Ngân sách",
        BodyKind::Committee,
        3,
        1,
        16,
        [1, 0, 4],
    ),
    (
        "pc",
        "Ban Pháp chế",
        BodyKind::Committee,
        3,
        1,
        14,
        [6, 0, 7],
    ),
    (
        "vhxh",
        "Ban Văn hóa - Xã hội",
        BodyKind::Committee,
        3,
        1,
        16,
        [3, 2, 7],
    ),
    (
        "dt",
        "Ban Dân tộc",
        BodyKind::Committee,
        3,
        1,
        14,
        [5, 4, 2],
    ),
];

const FORMS: [(Form, &str); 7] = [
    (Form::ThematicSupervision, "Giám sát chuyên đề"),
    (Form::Survey, "Khảo sát"),
    (Form::WorkingMeeting, "Làm việc"),
    (Form::VoterContact, "Tiếp xúc cử tri"),
    (Form::DocumentReview, "Giám sát văn bản"),
    (Form::ExplanationSession, "Phiên giải trình"),
    (Form::LawConsultation, "Lấy ý kiến dự thảo luật"),
];

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// Generates a problem.
pub fn generate(options: &GenerateOptions) -> Problem {
    let mut rng = Pcg64Mcg::seed_from_u64(options.seed ^ 0x6f76_6572_7369_6768);
    let year = options.year;
    let n = options.scale.activities();
    let horizon = DateRange {
        start: date(year, 1, 1),
        end: date(year, 12, 31),
    };

    let bodies: Vec<Body> = BODIES
        .iter()
        .map(|&(id, name, kind, rank, max_parallel, ..)| Body {
            id: id.into(),
            name: name.into(),
            kind,
            rank,
            max_parallel: if n > 200 {
                max_parallel + 1
            } else {
                max_parallel
            },
        })
        .collect();

    let mut topics = Vec::new();
    for (id, name, subs) in FIELDS {
        topics.push(Topic {
            id: id.into(),
            name: name.into(),
            parents: vec![],
        });
        for (k, sub) in subs.iter().enumerate() {
            topics.push(Topic {
                id: format!("{id}.{k}"),
                name: (*sub).into(),
                parents: vec![id.into()],
            });
        }
    }

    // The pools grow with the programme so that an agency, a commune and a person
    // carry about the same load at every scale: about 2.25 visits per provincial
    // agency (the 20 departments up to a province's 150 activities, then other
    // provincial units), 2 per commune, 8 to 10 activities per person.
    let communes = (n / 3).clamp(6, 150);
    let agencies: Vec<(&str, &str)> = DEPARTMENTS
        .iter()
        .chain(&PROVINCIAL_UNITS)
        .take((n * 2 / 15).clamp(
            DEPARTMENTS.len(),
            DEPARTMENTS.len() + PROVINCIAL_UNITS.len(),
        ))
        .copied()
        .collect();
    let mut areas = Vec::new();
    let mut subjects: Vec<Subject> = agencies
        .iter()
        .map(|&(id, name)| Subject {
            id: id.into(),
            name: name.into(),
            area: None,
        })
        .collect();
    for c in 0..communes {
        let a = COMMUNE_SYLLABLES[c % COMMUNE_SYLLABLES.len()];
        let b = COMMUNE_SYLLABLES[(c * 7 + 3) % COMMUNE_SYLLABLES.len()];
        let name = if c < COMMUNE_SYLLABLES.len() {
            format!("{a} {b}")
        } else {
            format!("{a} {b} {}", c / COMMUNE_SYLLABLES.len() + 1)
        };
        let id = format!("xa-{c:02}");
        areas.push(Area {
            id: id.clone(),
            name: format!("Xã {name}"),
        });
        subjects.push(Subject {
            id: format!("ubnd-{id}"),
            name: format!("UBND xã {name}"),
            area: Some(id),
        });
    }

    // People: each body has its own members; some sit on a second body.
    let per_body = (n / 18).clamp(4, 40);
    let mut people = Vec::new();
    let mut members_of: Vec<Vec<String>> = vec![Vec::new(); bodies.len()];
    for b in 0..bodies.len() {
        for _ in 0..per_body {
            let id = format!("p{:03}", people.len() + 1);
            let mut of = vec![bodies[b].id.clone()];
            members_of[b].push(id.clone());
            if rng.random_bool(0.2) {
                let other = if b == 0 {
                    1
                } else if b == 1 {
                    0
                } else {
                    1
                };
                of.push(bodies[other].id.clone());
                members_of[other].push(id.clone());
            }
            let name = format!(
                "{} {} {}",
                FAMILY[rng.random_range(0..FAMILY.len())],
                MIDDLE[rng.random_range(0..MIDDLE.len())],
                GIVEN[rng.random_range(0..GIVEN.len())]
            );
            let mut unavailable = Vec::new();
            if rng.random_bool(0.15) {
                let start = horizon.start + Duration::days(rng.random_range(20..330));
                unavailable.push(DateRange {
                    start,
                    end: start + Duration::days(rng.random_range(3..10)),
                });
            }
            people.push(Person {
                id,
                name,
                bodies: of,
                unavailable,
            });
        }
    }

    let tet = lunar_new_year(year).unwrap_or(horizon.start);
    let all_council: Vec<String> = bodies.iter().skip(1).map(|b| b.id.clone()).collect();
    let events = vec![
        Event {
            id: "tet".into(),
            name: format!("Nghỉ Tết Nguyên đán {year}"),
            start: (tet - Duration::days(3)).max(horizon.start),
            end: tet + Duration::days(5),
            blocks: vec!["*".into()],
        },
        Event {
            id: "qh-giua-nam".into(),
            name: "Kỳ họp giữa năm của Quốc hội".into(),
            start: date(year, 5, 20),
            end: date(year, 6, 27),
            blocks: vec!["dbqh".into()],
        },
        Event {
            id: "qh-cuoi-nam".into(),
            name: "Kỳ họp cuối năm của Quốc hội".into(),
            start: date(year, 10, 20),
            end: date(year, 11, 28),
            blocks: vec!["dbqh".into()],
        },
        Event {
            id: "hd-giua-nam".into(),
            name: "Kỳ họp thường lệ giữa năm HĐND tỉnh".into(),
            start: date(year, 7, 9),
            end: date(year, 7, 11),
            blocks: vec!["*".into()],
        },
        Event {
            id: "hd-cuoi-nam".into(),
            name: "Kỳ họp thường lệ cuối năm HĐND tỉnh".into(),
            start: date(year, 12, 9),
            end: date(year, 12, 11),
            blocks: vec!["*".into()],
        },
        Event {
            id: "hd-chuyen-de".into(),
            name: "Kỳ họp chuyên đề HĐND tỉnh".into(),
            start: date(year, 9, 10),
            end: date(year, 9, 10),
            blocks: all_council,
        },
    ];

    // Activities, body by body in proportion to each body's share.
    let total_share: u32 = BODIES.iter().map(|b| b.5).sum();
    let mut activities: Vec<Activity> = Vec::new();
    for (b, spec) in BODIES.iter().enumerate() {
        let count = if b + 1 == BODIES.len() {
            n.saturating_sub(activities.len())
        } else {
            (n as u32 * spec.5 / total_share) as usize
        };
        for k in 0..count {
            let id = format!("{}-{:03}", spec.0, k + 1);
            let field = spec.6[rng.random_range(0..3)];
            let (form, form_name) = FORMS[rng.random_range(0..FORMS.len())];
            let sub = rng.random_range(0..3);
            let topic = format!("{}.{sub}", FIELDS[field].0);
            let commune = rng.random_bool(0.7);
            let (subject, areas_visited) = if commune {
                let c = rng.random_range(0..communes);
                (
                    format!("ubnd-xa-{c:02}"),
                    vec![format!("xa-{:02}", (c + 1) % communes)],
                )
            } else {
                (
                    agencies[rng.random_range(0..agencies.len())].0.to_string(),
                    vec![],
                )
            };
            let duration = [1, 1, 2, 2, 3, 3, 4, 5][rng.random_range(0..8)];
            // A window of two to four months, inside the year.
            let length = rng.random_range(60..125);
            let start = horizon.start + Duration::days(rng.random_range(3..(365 - length)));
            let window = DateRange {
                start,
                end: (start + Duration::days(length)).min(horizon.end),
            };
            let preferred = rng.random_bool(0.2).then(|| {
                let s = window.start + Duration::days(rng.random_range(0..length / 2));
                DateRange {
                    start: s,
                    end: (s + Duration::days(20)).min(window.end),
                }
            });
            let pool = &members_of[b];
            let team = rng.random_range(2..=4.min(pool.len()));
            let mut members: Vec<String> = Vec::new();
            while members.len() < team {
                let p = pool[rng.random_range(0..pool.len())].clone();
                if !members.contains(&p) {
                    members.push(p);
                }
            }
            let invite = if rng.random_bool(0.12) {
                vec![BODIES[(b + 1 + rng.random_range(0..5)) % BODIES.len()]
                    .0
                    .to_string()]
            } else {
                vec![]
            };
            let mut before = Vec::new();
            if rng.random_bool(0.08) && window.end < date(year, 11, 20) {
                before.push(Precedence {
                    reference: "hd-cuoi-nam".into(),
                    gap: 10,
                });
            }
            activities.push(Activity {
                id,
                body: spec.0.into(),
                title: format!("{form_name} {}", FIELDS[field].2[sub].to_lowercase()),
                form,
                topics: vec![topic],
                subjects: vec![subject],
                areas: areas_visited,
                duration,
                window: Some(window),
                preferred,
                members,
                invite,
                after: vec![],
                before,
                fixed_start: None,
            });
        }
    }

    // Duplicates: some activities take the topic and subject of another body's.
    let count = activities.len();
    for i in 0..count {
        if rng.random_bool(0.06) {
            let j = rng.random_range(0..count);
            if activities[j].body != activities[i].body {
                activities[i].topics = activities[j].topics.clone();
                activities[i].subjects = activities[j].subjects.clone();
                // A joint activity needs a window common to both.
                activities[i].window = activities[j].window;
                activities[i].preferred = None;
            }
        }
    }
    // Follow-ups: an explanation session after a supervision of the same body.
    for i in 1..count {
        if rng.random_bool(0.06) && activities[i - 1].body == activities[i].body {
            let earlier = activities[i - 1].window.map_or(horizon.start, |w| w.start);
            let later = activities[i].window.map_or(horizon.end, |w| w.end);
            if later - earlier > Duration::days(70) {
                let reference = activities[i - 1].id.clone();
                activities[i].after.push(Precedence { reference, gap: 5 });
            }
        }
    }

    let calendar = CalendarSpec {
        country: Country::Vietnam,
        weekend: vec![Weekday::Sat, Weekday::Sun],
        days_off: vec![],
        workdays: makeup_workdays(year)
            .into_iter()
            .filter(|d| d.year() == year)
            .collect(),
    };
    // The holidays are known for every year the lunar tables cover; outside them the
    // visits are checked against weekends only.
    let weekends_only = CalendarSpec {
        country: Country::NoHolidays,
        ..calendar.clone()
    };
    let work = WorkCalendar::new(&calendar, horizon)
        .or_else(|_| WorkCalendar::new(&weekends_only, horizon));
    if let Ok(work) = work {
        let frame = Frame {
            bodies: &bodies,
            topics: &topics,
            subjects: &subjects,
            people: &people,
            events: &events,
            calendar: &work,
            agencies: agencies.len(),
            gap: Rules::default().subject_gap as Day,
        };
        spread_visits(&mut activities, &frame);
    }

    if options.infeasible {
        let core = PlantedCore::of_seed(options.seed);
        plant_core(
            core,
            &mut activities,
            &mut people,
            &mut subjects,
            &bodies,
            year,
        );
    }

    let history = (0..(n / 20).max(2))
        .map(|k| {
            let a = &activities[rng.random_range(0..activities.len())];
            let start = date(year - 1, rng.random_range(1..=12), rng.random_range(1..=25));
            PastSupervision {
                id: format!("h{}-{k:02}", year - 1),
                body: a.body.clone(),
                topics: a.topics.clone(),
                subjects: a.subjects.clone(),
                start,
                end: start + Duration::days(2),
            }
        })
        .collect();

    Problem {
        format: PROBLEM_FORMAT.into(),
        name: format!("Generated {:?} {year} #{}", options.scale, options.seed),
        horizon,
        calendar,
        bodies,
        people,
        topics,
        areas,
        subjects,
        events,
        activities,
        history,
        rules: Rules::default(),
    }
}

/// Calendar days of room a subject's visits keep beyond `subject_gap` when they are
/// checked one subject at a time: the other rules (members, bodies' capacity, orders)
/// take some of each visit's window too.
const VISIT_SLACK: Day = 14;

/// What the repairs of a drawn programme need to know of the problem around it.
struct Frame<'a> {
    bodies: &'a [Body],
    topics: &'a [Topic],
    subjects: &'a [Subject],
    people: &'a [Person],
    events: &'a [Event],
    calendar: &'a WorkCalendar,
    /// The first `agencies` subjects are provincial agencies, the rest communes.
    agencies: usize,
    gap: Day,
}

/// The groups the activities form (activity positions, the lead first), as the
/// scheduler will form them.
fn grouping_of(activities: &[Activity], frame: &Frame) -> Vec<Vec<usize>> {
    let sketch = Problem {
        format: PROBLEM_FORMAT.into(),
        name: String::new(),
        horizon: DateRange {
            start: NaiveDate::MIN,
            end: NaiveDate::MIN,
        },
        calendar: CalendarSpec::default(),
        bodies: frame.bodies.to_vec(),
        people: vec![],
        topics: frame.topics.to_vec(),
        areas: vec![],
        subjects: frame.subjects.to_vec(),
        events: vec![],
        activities: activities.to_vec(),
        history: vec![],
        rules: Rules::default(),
    };
    let structure = crate::analysis::Structure::new(&sketch);
    structure
        .grouping
        .groups
        .into_iter()
        .map(|g| g.activities)
        .collect()
}

/// Gives every activity of a merged group the lead's window and drops what a joint
/// activity could never meet (other preferred windows, orders inside the group), so
/// that generated problems are feasible unless a core is planted on purpose.
fn harmonise_groups(activities: &mut [Activity], groups: &[Vec<usize>]) {
    for group in groups.iter().filter(|g| g.len() > 1) {
        let lead = group[0];
        let window = activities[lead].window;
        let ids: Vec<String> = group.iter().map(|&a| activities[a].id.clone()).collect();
        for &a in group {
            let act = &mut activities[a];
            act.window = window;
            if a != lead {
                act.preferred = None;
            }
            act.after.retain(|p| !ids.contains(&p.reference));
            act.before.retain(|p| !ids.contains(&p.reference));
        }
    }
}

/// Merges the duplicates' windows, then makes sure that no agency or commune is booked
/// more often than its visits' windows can hold: a programme a planner could keep by
/// hand. Each subject's visits are placed earliest-deadline-first, each on its first
/// working days clear of its bodies' events and its members' absences, `subject_gap`
/// after the previous one; a visit that does not fit is moved to the least visited
/// subject of the same kind (as a planner would pick another commune or unit for the
/// same topic). Uses no randomness, so a programme that fits is left as drawn.
fn spread_visits(activities: &mut [Activity], frame: &Frame) {
    let mut stuck: Vec<String> = Vec::new();
    for _ in 0..activities.len() {
        let groups = grouping_of(activities, frame);
        harmonise_groups(activities, &groups);
        let Some(a) = first_misfit(activities, &groups, frame, &mut stuck) else {
            return;
        };
        let Some(old) = activities[a].subjects.first().cloned() else {
            return;
        };
        let agency = frame.subjects.iter().position(|s| s.id == old) < Some(frame.agencies);
        let range = if agency {
            0..frame.agencies
        } else {
            frame.agencies..frame.subjects.len()
        };
        let visits = |k: usize| {
            let id = &frame.subjects[k].id;
            activities
                .iter()
                .filter(|x| x.subjects.contains(id))
                .count()
        };
        let Some(target) = range
            .filter(|&k| frame.subjects[k].id != old)
            .min_by_key(|&k| (visits(k), k))
        else {
            return;
        };
        let act = &mut activities[a];
        act.subjects = vec![frame.subjects[target].id.clone()];
        if !agency {
            // A commune visit also looks at the neighbouring commune.
            let communes = frame.subjects.len() - frame.agencies;
            let c = target - frame.agencies;
            act.areas = vec![format!("xa-{:02}", (c + 1) % communes)];
        }
    }
    // Out of rounds: at least leave the last move's merges harmonised.
    let groups = grouping_of(activities, frame);
    harmonise_groups(activities, &groups);
}

/// An activity to move off its subject: of the first subject (in order) whose visits
/// cannot all be placed, the visit that does not fit, or failing that the latest placed
/// one that is a group of its own. Subjects with nothing movable go to `stuck`.
fn first_misfit(
    activities: &[Activity],
    groups: &[Vec<usize>],
    frame: &Frame,
    stuck: &mut Vec<String>,
) -> Option<usize> {
    for subject in frame.subjects {
        if stuck.contains(&subject.id) {
            continue;
        }
        let mut visits: Vec<(Day, Day, usize)> = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                g.iter()
                    .any(|&a| activities[a].subjects.contains(&subject.id))
            })
            .map(|(k, g)| {
                let (start, end) = group_window(activities, g, frame);
                (end, start, k)
            })
            .collect();
        if visits.len() < 2 {
            continue;
        }
        visits.sort_unstable();
        let mut from = Day::MIN / 2;
        let mut misfit = None;
        for (i, &(end, start, k)) in visits.iter().enumerate() {
            let duration = groups[k]
                .iter()
                .map(|&a| activities[a].duration)
                .max()
                .unwrap_or(1);
            let blocked = blocked_ranges(activities, &groups[k], frame);
            match earliest(frame.calendar, from.max(start), duration, end, &blocked) {
                Some(last) => from = last + frame.gap + 1 + VISIT_SLACK,
                None => {
                    misfit = Some(i);
                    break;
                }
            }
        }
        let Some(i) = misfit else { continue };
        let single = |&(_, _, k): &(Day, Day, usize)| (groups[k].len() == 1).then(|| groups[k][0]);
        let movable = single(&visits[i]).or_else(|| visits[..i].iter().rev().find_map(single));
        match movable {
            Some(a) => return Some(a),
            None => stuck.push(subject.id.clone()),
        }
    }
    None
}

/// The days a group may use, as offsets: the intersection of its activities' windows.
fn group_window(activities: &[Activity], group: &[usize], frame: &Frame) -> (Day, Day) {
    let horizon = frame.calendar.horizon();
    group.iter().fold(
        (
            frame.calendar.day(horizon.start),
            frame.calendar.day(horizon.end),
        ),
        |(start, end), &a| {
            let w = activities[a].window.unwrap_or(horizon);
            (
                start.max(frame.calendar.day(w.start)),
                end.min(frame.calendar.day(w.end)),
            )
        },
    )
}

/// The ranges (offsets, inclusive) a group must avoid: the events that block its lead's
/// body or a body of one of its members, and its members' absences.
fn blocked_ranges(activities: &[Activity], group: &[usize], frame: &Frame) -> Vec<(Day, Day)> {
    let mut bodies: Vec<&str> = vec![activities[group[0]].body.as_str()];
    let mut out = Vec::new();
    let day = |d: NaiveDate| frame.calendar.day(d);
    for person in frame.people {
        if group
            .iter()
            .any(|&a| activities[a].members.contains(&person.id))
        {
            bodies.extend(person.bodies.iter().map(String::as_str));
            out.extend(
                person
                    .unavailable
                    .iter()
                    .map(|r| (day(r.start), day(r.end))),
            );
        }
    }
    for event in frame.events {
        if crate::rules::blocked::blocks_any(event, &bodies) {
            out.push((day(event.start), day(event.end)));
        }
    }
    out
}

/// The last day of the earliest placement of `duration` working days starting at or
/// after `from`, ending by `end` and clear of `blocked`.
fn earliest(
    calendar: &WorkCalendar,
    from: Day,
    duration: u32,
    end: Day,
    blocked: &[(Day, Day)],
) -> Option<Day> {
    let days = calendar.working_days();
    let mut i = calendar.working_index_at_or_after(from);
    loop {
        let span = days.get(i..i + duration as usize)?;
        let (first, last) = (*span.first()?, *span.last()?);
        if last > end {
            return None;
        }
        match blocked.iter().find(|&&(s, e)| s <= last && first <= e) {
            Some(&(_, e)) => i = calendar.working_index_at_or_after(e + 1),
            None => return Some(last),
        }
    }
}

/// Plants `core`. The core's activities share nothing (member, subject, order) with
/// the rest of the programme, so that the conflict is exactly theirs.
fn plant_core(
    core: PlantedCore,
    activities: &mut Vec<Activity>,
    people: &mut [Person],
    subjects: &mut Vec<Subject>,
    bodies: &[Body],
    year: i32,
) {
    let mut monday = date(year, 3, 2);
    while monday.weekday() != chrono::Weekday::Mon {
        monday += Duration::days(1);
    }
    let within = |days: i64| {
        Some(DateRange {
            start: monday,
            end: monday + Duration::days(days - 1),
        })
    };
    let planted = |k: usize, body: &str, title: &str, duration: u32| Activity {
        id: format!("core-{k}"),
        body: body.into(),
        title: title.into(),
        form: Form::WorkingMeeting,
        topics: vec![],
        subjects: vec![],
        areas: vec![],
        duration,
        window: None,
        preferred: None,
        members: vec![],
        invite: vec![],
        after: vec![],
        before: vec![],
        fixed_start: None,
    };
    let mut core_activities = Vec::new();
    match core {
        PlantedCore::Person => {
            let Some(person) = people.first_mut() else {
                return;
            };
            // Free the person of every other activity and absence.
            person.unavailable.clear();
            let id = person.id.clone();
            for a in activities.iter_mut() {
                a.members.retain(|m| m != &id);
            }
            let body = person.bodies.first().cloned().unwrap_or_default();
            for k in 0..3 {
                let title = format!("Làm việc đột xuất {}", k + 1);
                core_activities.push(Activity {
                    window: within(4),
                    members: vec![id.clone()],
                    ..planted(k, &body, &title, 2)
                });
            }
        }
        PlantedCore::SubjectGap => {
            let subject = "tt-xttm";
            subjects.push(Subject {
                id: subject.into(),
                name: "Trung tâm Xúc tiến đầu tư, thương mại tỉnh".into(),
                area: None,
            });
            let body = &bodies[1 % bodies.len()].id;
            for (k, topic) in ["thu hút đầu tư", "xúc tiến thương mại", "chuyển đổi số"]
                .iter()
                .enumerate()
            {
                core_activities.push(Activity {
                    subjects: vec![subject.into()],
                    window: within(58),
                    form: Form::Survey,
                    ..planted(k, body, &format!("Khảo sát {topic}"), 1)
                });
            }
        }
        PlantedCore::Precedence => {
            let body = &bodies[2 % bodies.len()].id;
            let titles = [
                "Giám sát chuyên đề nợ đọng thuế",
                "Phiên giải trình nợ đọng thuế",
                "Giám sát việc thực hiện kết luận giải trình",
            ];
            for (k, title) in titles.iter().enumerate() {
                core_activities.push(Activity {
                    window: within(33),
                    ..planted(k, body, title, 3)
                });
            }
            core_activities[1].after.push(Precedence {
                reference: "core-0".into(),
                gap: 14,
            });
            core_activities[1].before.push(Precedence {
                reference: "core-2".into(),
                gap: 14,
            });
        }
        PlantedCore::Parallel => {
            // The body allowed the fewest groups at once beyond one (or the first).
            let Some(body) = bodies
                .iter()
                .filter(|b| b.max_parallel >= 2)
                .min_by_key(|b| b.max_parallel)
                .or_else(|| bodies.first())
            else {
                return;
            };
            let cap = body.max_parallel.max(1);
            // `cap + 3` working days from the Monday.
            let mut end = monday;
            let mut working = 1;
            while working < cap + 3 {
                end += Duration::days(1);
                if !matches!(end.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
                    working += 1;
                }
            }
            for k in 0..=cap as usize {
                let title = format!("Giám sát văn bản quy phạm pháp luật đợt {}", k + 1);
                core_activities.push(Activity {
                    window: Some(DateRange { start: monday, end }),
                    form: Form::DocumentReview,
                    ..planted(k, &body.id, &title, cap + 2)
                });
            }
        }
    }
    activities.extend(core_activities);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scale_is_valid_and_deterministic() {
        // Seeds 4..8 plant each kind of core once.
        for scale in [Scale::Tiny, Scale::Small, Scale::Province, Scale::Large] {
            for (seed, infeasible) in (4..8).map(|s| (s, true)).chain([(7, false)]) {
                let options = GenerateOptions {
                    scale,
                    seed,
                    infeasible,
                    ..Default::default()
                };
                let problem = generate(&options);
                if let Err(e) = problem.validate() {
                    panic!("{scale:?}: {e:?}");
                }
                assert_eq!(problem, generate(&options));
                let planted = problem
                    .activities
                    .iter()
                    .filter(|a| a.id.starts_with("core-"))
                    .count();
                assert_eq!(problem.activities.len(), scale.activities() + planted);
                assert_eq!(planted > 0, infeasible);
            }
        }
    }

    /// Every subject's visits fit its windows one after another with the gap and the
    /// slack: what `spread_visits` ensures, checked on the finished problems.
    #[test]
    fn no_subject_is_booked_beyond_its_windows() {
        for scale in [Scale::Tiny, Scale::Small, Scale::Province, Scale::Large] {
            for seed in 0..5 {
                let problem = generate(&GenerateOptions {
                    scale,
                    seed,
                    ..Default::default()
                });
                let work = WorkCalendar::new(&problem.calendar, problem.horizon).expect("calendar");
                let agencies = problem
                    .subjects
                    .iter()
                    .take_while(|s| !s.id.starts_with("ubnd-"))
                    .count();
                let frame = Frame {
                    bodies: &problem.bodies,
                    topics: &problem.topics,
                    subjects: &problem.subjects,
                    people: &problem.people,
                    events: &problem.events,
                    calendar: &work,
                    agencies,
                    gap: problem.rules.subject_gap as Day,
                };
                let groups = grouping_of(&problem.activities, &frame);
                let misfit = first_misfit(&problem.activities, &groups, &frame, &mut vec![]);
                assert_eq!(misfit, None, "{scale:?} #{seed}");
            }
        }
    }
}
