//! Where in Norway someone works, as a code: one of the four regional health authorities
//! or a county (its number since 2024). Course registrations carry one, so participants
//! can be counted by region; the names come from the language files (`region-{code}`).

/// A region code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(&'static str);

/// The regional health authorities, then the counties by number.
pub const CODES: [&str; 19] = [
    "helse-sor-ost",
    "helse-vest",
    "helse-midt-norge",
    "helse-nord",
    "03",
    "11",
    "15",
    "18",
    "31",
    "32",
    "33",
    "34",
    "39",
    "40",
    "42",
    "46",
    "50",
    "55",
    "56",
];

impl Region {
    pub fn parse(code: &str) -> Option<Region> {
        CODES.into_iter().find(|c| *c == code).map(Region)
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    /// Whether it is a regional health authority rather than a county.
    pub fn is_health_region(self) -> bool {
        self.0.starts_with("helse-")
    }

    /// Every region, health authorities first.
    pub fn all() -> impl Iterator<Item = Region> {
        CODES.into_iter().map(Region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_and_nothing_else_does() {
        assert_eq!(Region::parse("46").map(Region::code), Some("46"));
        assert!(Region::parse("helse-nord").unwrap().is_health_region());
        assert!(!Region::parse("03").unwrap().is_health_region());
        assert_eq!(
            Region::parse("12"),
            None,
            "Hordaland is Vestland since 2020"
        );
        assert_eq!(Region::all().count(), 19);
    }
}
