//! Realistic generated problems for tests and benchmarks.
//!
//! A generated year looks like a province's: the NA delegation, the Standing Committee
//! and four committees; people sitting on two bodies; departments and commune People's
//! Committees as subjects; the two NA sessions, the two regular council sessions,
//! thematic sessions and Tết as events; windows of a few months, some preferred
//! windows, fixed explanation sessions, results due before the sessions, duplicates
//! across bodies and a short history. The same scale and seed give the same problem.

use chrono::{Datelike, Duration, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

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
    /// Plant a small set of activities that cannot all be scheduled: three activities
    /// sharing a member, each needing 2 of the same 4 working days.
    pub infeasible: bool,
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

    let communes = (n / 3).clamp(6, 150);
    let mut areas = Vec::new();
    let mut subjects: Vec<Subject> = DEPARTMENTS
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
    let per_body = (n / 18).clamp(4, 14);
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
                    DEPARTMENTS[rng.random_range(0..DEPARTMENTS.len())]
                        .0
                        .to_string(),
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

    harmonise_groups(&mut activities, &bodies, &topics, &subjects);

    if options.infeasible && !people.is_empty() {
        plant_core(&mut activities, &people[0], year);
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
        calendar: CalendarSpec {
            country: Country::Vietnam,
            weekend: vec![Weekday::Sat, Weekday::Sun],
            days_off: vec![],
            workdays: makeup_workdays(year)
                .into_iter()
                .filter(|d| d.year() == year)
                .collect(),
        },
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

/// Gives every activity of a merged group the lead's window and drops what a joint
/// activity could never meet (other preferred windows, orders inside the group), so
/// that generated problems are feasible unless a core is planted on purpose.
fn harmonise_groups(
    activities: &mut [Activity],
    bodies: &[Body],
    topics: &[Topic],
    subjects: &[Subject],
) {
    let sketch = Problem {
        format: PROBLEM_FORMAT.into(),
        name: String::new(),
        horizon: DateRange {
            start: NaiveDate::MIN,
            end: NaiveDate::MIN,
        },
        calendar: CalendarSpec::default(),
        bodies: bodies.to_vec(),
        people: vec![],
        topics: topics.to_vec(),
        areas: vec![],
        subjects: subjects.to_vec(),
        events: vec![],
        activities: activities.to_vec(),
        history: vec![],
        rules: Rules::default(),
    };
    let index = crate::model::index::Index::new(&sketch);
    let tree = crate::analysis::TopicTree::new(&sketch, &index);
    let duplicates = crate::analysis::find_duplicates(&sketch, &index, &tree);
    let grouping = crate::analysis::Grouping::new(&sketch, &index, &duplicates);
    for group in grouping.groups.iter().filter(|g| g.activities.len() > 1) {
        let window = activities[group.lead].window;
        let ids: Vec<String> = group
            .activities
            .iter()
            .map(|&a| activities[a].id.clone())
            .collect();
        for &a in &group.activities {
            let act = &mut activities[a];
            act.window = window;
            if a != group.lead {
                act.preferred = None;
            }
            act.after.retain(|p| !ids.contains(&p.reference));
            act.before.retain(|p| !ids.contains(&p.reference));
        }
    }
}

/// Three activities of one person, each 2 working days inside the same Monday–Thursday:
/// 6 days needed, 4 available. Every other activity of that person is moved out of the
/// way so that the core is exactly these three.
fn plant_core(activities: &mut Vec<Activity>, person: &Person, year: i32) {
    let mut monday = date(year, 3, 2);
    while monday.weekday() != chrono::Weekday::Mon {
        monday += Duration::days(1);
    }
    let window = DateRange {
        start: monday,
        end: monday + Duration::days(3),
    };
    for a in activities.iter_mut() {
        a.members.retain(|m| m != &person.id);
    }
    let body = person.bodies.first().cloned().unwrap_or_default();
    for k in 0..3 {
        activities.push(Activity {
            id: format!("core-{k}"),
            body: body.clone(),
            title: format!("Làm việc đột xuất {}", k + 1),
            form: Form::WorkingMeeting,
            topics: vec![],
            subjects: vec![],
            areas: vec![],
            duration: 2,
            window: Some(window),
            preferred: None,
            members: vec![person.id.clone()],
            invite: vec![],
            after: vec![],
            before: vec![],
            fixed_start: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scale_is_valid_and_deterministic() {
        for scale in [Scale::Tiny, Scale::Small, Scale::Province, Scale::Large] {
            for infeasible in [false, true] {
                let options = GenerateOptions {
                    scale,
                    seed: 7,
                    infeasible,
                    ..Default::default()
                };
                let problem = generate(&options);
                if let Err(e) = problem.validate() {
                    panic!("{scale:?}: {e:?}");
                }
                assert_eq!(problem, generate(&options));
                let extra = if infeasible { 3 } else { 0 };
                assert_eq!(problem.activities.len(), scale.activities() + extra);
            }
        }
    }
}
