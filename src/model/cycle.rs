//! The shortest cycle through a node, breadth-first: written once for the consistency
//! checks (cycles of topic parents and of `after`/`before` references) and for the
//! precedence analysis (cycles that merging creates).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

/// The shortest cycle `start → … → start`, as its nodes from `start` on (the closing
/// step back to `start` implied); `None` when `start` lies on no cycle. `successors`
/// gives each node's next nodes in the order to try them, so the choice among cycles of
/// equal length is the caller's and stays stable; it decides too which nodes count
/// (a component, no self-loops).
pub(crate) fn shortest_cycle<N, I>(start: N, successors: impl Fn(N) -> I) -> Option<Vec<N>>
where
    N: Copy + Eq + Hash,
    I: IntoIterator<Item = N>,
{
    let mut parent: HashMap<N, N> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in successors(node) {
            if next == start {
                let mut path = vec![node];
                let mut at = node;
                while let Some(&p) = parent.get(&at) {
                    path.push(p);
                    at = p;
                }
                path.reverse();
                return Some(path);
            }
            if let Entry::Vacant(slot) = parent.entry(next) {
                slot.insert(node);
                queue.push_back(next);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_shortest_cycle_and_self_loops() {
        let edges = |n: u32| -> Vec<u32> {
            match n {
                0 => vec![1, 3],
                1 => vec![2],
                2 => vec![0],
                3 => vec![0],
                4 => vec![4],
                _ => vec![],
            }
        };
        assert_eq!(shortest_cycle(0, edges), Some(vec![0, 3]));
        assert_eq!(shortest_cycle(4, edges), Some(vec![4]));
        assert_eq!(shortest_cycle(5, edges), None);
    }
}
