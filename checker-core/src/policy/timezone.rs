//! The policy's `timezone`: an IANA time zone name, checked against the
//! list of names in `checker-core/data/timezones.txt`.
//!
//! The engine keeps no time-zone rules: a check's context carries a
//! calendar date, and the hosts (the CLI with the system's tz database, the
//! extension with `Intl.DateTimeFormat`) turn the current instant into the
//! date in this zone. The list of names alone (about 9 KB) is what the
//! engine needs to tell `Europe/Berlin` from a typo.

use crate::problem::{did_you_mean, Problem};

/// The zone when a policy names none.
pub(crate) const DEFAULT: &str = "UTC";

/// The tz database's zone and link names, one per line, after a comment
/// header saying where they come from.
const NAMES: &str = include_str!("../../data/timezones.txt");

fn names() -> impl Iterator<Item = &'static str> + Clone {
    NAMES
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The problem with `name` at `path`, if it is not an IANA zone name.
pub(crate) fn problem(name: &str, path: &str) -> Option<Problem> {
    if names().any(|known| known == name) {
        return None;
    }
    let problem = Problem::new(path, format!("unknown time zone `{name}`"));
    // Case slips (`europe/berlin`) are the commonest mistake.
    let same_but_case = names().find(|known| known.eq_ignore_ascii_case(name));
    Some(
        match same_but_case.or_else(|| did_you_mean(name, names())) {
            Some(close) => problem.hint(format!("did you mean `{close}`?")),
            None => problem.hint(
                "use an IANA time zone name such as `Europe/Berlin`, `America/New_York` or `UTC`",
            ),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_zones_and_links_and_suggests_close_names() {
        for name in ["Europe/Berlin", "UTC", "America/New_York", "Asia/Calcutta"] {
            assert_eq!(problem(name, "/timezone"), None, "{name}");
        }
        let typo = problem("Europe/Berln", "/timezone").unwrap();
        assert_eq!(typo.path, "/timezone");
        assert_eq!(typo.hint.as_deref(), Some("did you mean `Europe/Berlin`?"));
        let case = problem("europe/berlin", "/timezone").unwrap();
        assert_eq!(case.hint.as_deref(), Some("did you mean `Europe/Berlin`?"));
        assert!(problem("Mars/Olympus_Mons", "/timezone").is_some());
    }

    /// The list is data generated from the tz database; where the machine
    /// has one, every zone it defines must be in the list.
    #[test]
    fn the_list_covers_the_machines_tz_database() {
        let Ok(source) = std::fs::read_to_string("/usr/share/zoneinfo/tzdata.zi") else {
            return;
        };
        let missing: Vec<&str> = source
            .lines()
            .filter_map(
                |line| match line.split_whitespace().collect::<Vec<_>>()[..] {
                    ["Z", name, ..] | ["L", _, name] => Some(name),
                    _ => None,
                },
            )
            .filter(|name| problem(name, "").is_some())
            .collect();
        assert_eq!(missing, Vec::<&str>::new());
    }
}
