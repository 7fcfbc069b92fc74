//! Topic-only overlaps: activities of different bodies on overlapping topics at
//! different agencies. Not duplicates (they share no subject, so they are not merged),
//! but worth a look when harmonising: one body could invite the other, or the two
//! could share their findings.

use serde::Serialize;

use super::topics::TopicTree;
use crate::model::index::Index;
use crate::model::Problem;

/// Two activities of different bodies whose topics overlap but that share no subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicOverlap {
    /// The two activities' ids, the earlier one in the problem first.
    pub activities: [String; 2],
    /// Their bodies, in the same order.
    pub bodies: [String; 2],
    /// The overlapping topic pairs (topic of the first, topic of the second): equal,
    /// or one an ancestor of the other.
    pub topics: Vec<[String; 2]>,
}

/// Whether two ascending lists share an element.
fn share(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Every topic-only overlap, ordered by the positions of the first activity and then
/// of the second.
///
/// Two activities overlap when a topic of one is a topic of the other or an ancestor
/// of one. Rather than comparing all pairs, each activity is filed in two inverted
/// indexes: under each of its topics (`on`), and under each topic of the lineage of
/// its topics (`under`). The partners of activity `a` are then the activities filed
/// `under` one of a's topics (their topic is at or below a's) plus those filed `on` a
/// topic of a's lineage (their topic is at or above a's). The work follows the number
/// of candidate pairs that really share a lineage, not the square of the activities.
pub fn topic_overlaps(problem: &Problem, index: &Index, tree: &TopicTree) -> Vec<TopicOverlap> {
    let acts = &problem.activities;
    let topics: Vec<Vec<usize>> = acts
        .iter()
        .map(|a| Index::resolve(&index.topics, &a.topics))
        .collect();
    let subjects: Vec<Vec<usize>> = acts
        .iter()
        .map(|a| Index::resolve(&index.subjects, &a.subjects))
        .collect();
    let body: Vec<Option<usize>> = acts
        .iter()
        .map(|a| index.bodies.get(&a.body).copied())
        .collect();
    // The lineage of each activity's topics (its topics and all their ancestors).
    let lineage: Vec<Vec<usize>> = topics
        .iter()
        .map(|list| {
            let mut all: Vec<usize> = list.iter().flat_map(|&t| tree.lineage_of(t)).collect();
            all.sort_unstable();
            all.dedup();
            all
        })
        .collect();
    let mut on: Vec<Vec<usize>> = vec![Vec::new(); problem.topics.len()];
    let mut under: Vec<Vec<usize>> = vec![Vec::new(); problem.topics.len()];
    for a in 0..acts.len() {
        for &t in &topics[a] {
            on[t].push(a);
        }
        for &t in &lineage[a] {
            under[t].push(a);
        }
    }
    let mut out = Vec::new();
    let mut partners: Vec<usize> = Vec::new();
    for a in 0..acts.len() {
        partners.clear();
        // Only later partners: each pair is found once, from its earlier activity,
        // which also keeps the output in position order without a global sort.
        // Lists are filled in position order, so the later ones are a suffix.
        let lists = topics[a]
            .iter()
            .map(|&t| &under[t])
            .chain(lineage[a].iter().map(|&t| &on[t]));
        for list in lists {
            let from = list.partition_point(|&b| b <= a);
            partners.extend_from_slice(&list[from..]);
        }
        partners.sort_unstable();
        partners.dedup();
        for &b in &partners {
            if body[a] == body[b] || share(&subjects[a], &subjects[b]) {
                continue;
            }
            let pairs = tree.overlapping_pairs(&topics[a], &topics[b]);
            if pairs.is_empty() {
                continue; // cannot happen: b was filed under a's lineage; kept for safety
            }
            out.push(TopicOverlap {
                activities: [acts[a].id.clone(), acts[b].id.clone()],
                bodies: [acts[a].body.clone(), acts[b].body.clone()],
                topics: pairs
                    .into_iter()
                    .map(|(x, y)| [problem.topics[x].id.clone(), problem.topics[y].id.clone()])
                    .collect(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenerateOptions, Scale};

    fn overlaps_of(problem: &Problem) -> Vec<TopicOverlap> {
        let index = Index::new(problem);
        let tree = TopicTree::new(problem, &index);
        topic_overlaps(problem, &index, &tree)
    }

    #[test]
    fn overlaps_need_other_bodies_related_topics_and_no_shared_subject() {
        let text = r#"{
          "format": "oversight.problem/1", "name": "t",
          "horizon": {"start": "2024-03-04", "end": "2024-03-29"},
          "calendar": {"country": "none"},
          "bodies": [{"id": "na", "name": "NA", "kind": "na_delegation"},
                     {"id": "sc", "name": "SC", "kind": "standing_committee"}],
          "topics": [{"id": "land", "name": "Land"},
                     {"id": "land.c", "name": "C", "parents": ["land"]},
                     {"id": "land.c.x", "name": "X", "parents": ["land.c"]},
                     {"id": "health", "name": "Health"}],
          "subjects": [{"id": "s1", "name": "S1"}, {"id": "s2", "name": "S2"},
                       {"id": "s3", "name": "S3"}],
          "activities": [
            {"id": "a", "body": "na", "title": "A", "form": "survey", "topics": ["land"],
             "subjects": ["s1"], "duration": 1},
            {"id": "b", "body": "sc", "title": "B", "form": "survey", "topics": ["land.c.x"],
             "subjects": ["s2"], "duration": 1},
            {"id": "c", "body": "sc", "title": "C", "form": "survey", "topics": ["land"],
             "subjects": ["s1"], "duration": 1},
            {"id": "d", "body": "na", "title": "D", "form": "survey", "topics": ["health"],
             "subjects": ["s2"], "duration": 1},
            {"id": "e", "body": "na", "title": "E", "form": "survey",
             "topics": ["land.c", "health"], "subjects": ["s3"], "duration": 1}
          ]
        }"#;
        let problem = Problem::from_text(text).expect("valid");
        let found = overlaps_of(&problem);
        let s = |x: &str| x.to_string();
        assert_eq!(
            found,
            vec![
                // A grandparent topic overlaps; different agencies.
                TopicOverlap {
                    activities: [s("a"), s("b")],
                    bodies: [s("na"), s("sc")],
                    topics: vec![[s("land"), s("land.c.x")]],
                },
                // a ~ c share s1: a duplicate, not reported. b ~ e through land.c.
                TopicOverlap {
                    activities: [s("b"), s("e")],
                    bodies: [s("sc"), s("na")],
                    topics: vec![[s("land.c.x"), s("land.c")]],
                },
                // The child is found from the parent's side too.
                TopicOverlap {
                    activities: [s("c"), s("e")],
                    bodies: [s("sc"), s("na")],
                    topics: vec![[s("land"), s("land.c")]],
                },
            ]
        );
        // d is on health only, like e, but both belong to na; nobody else has health.
    }

    /// The inverted index finds exactly what comparing every pair finds.
    #[test]
    fn the_index_agrees_with_all_pairs_on_generated_problems() {
        for seed in 0..3 {
            let problem = generate(&GenerateOptions {
                scale: Scale::Large,
                seed,
                ..Default::default()
            });
            let index = Index::new(&problem);
            let tree = TopicTree::new(&problem, &index);
            let acts = &problem.activities;
            let mut expected = Vec::new();
            for a in 0..acts.len() {
                for b in a + 1..acts.len() {
                    let ta = Index::resolve(&index.topics, &acts[a].topics);
                    let tb = Index::resolve(&index.topics, &acts[b].topics);
                    let shared = acts[a]
                        .subjects
                        .iter()
                        .any(|s| acts[b].subjects.contains(s));
                    if acts[a].body != acts[b].body && !shared && tree.overlap(&ta, &tb) {
                        expected.push([acts[a].id.clone(), acts[b].id.clone()]);
                    }
                }
            }
            let found: Vec<[String; 2]> = overlaps_of(&problem)
                .into_iter()
                .map(|o| o.activities)
                .collect();
            assert!(!expected.is_empty());
            assert_eq!(found, expected, "seed {seed}");
        }
    }
}
