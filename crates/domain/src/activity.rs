//! Activity codes (issue 15, item 3): the work a unit records for NPR reporting (ISF).
//! The code lists are data, one per year, read from a file; a code names the kinds of
//! work it may be put on. Which codes a hospital uses is its own choice (decision 0035).

use chrono::{DateTime, Datelike, Utc};

/// A kind of work that can carry a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActivityKind {
    /// Answering a patient's written question.
    MessageAnswer,
    /// A video consultation.
    Video,
    /// A group session.
    Group,
    /// A visit at the hospital.
    OnSite,
    /// A letter to the GP.
    Letter,
    /// Assessing a patient's forms and measurements.
    Assessment,
}

impl ActivityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::MessageAnswer => "message-answer",
            ActivityKind::Video => "video",
            ActivityKind::Group => "group",
            ActivityKind::OnSite => "on-site",
            ActivityKind::Letter => "letter",
            ActivityKind::Assessment => "assessment",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::MessageAnswer,
            Self::Video,
            Self::Group,
            Self::OnSite,
            Self::Letter,
            Self::Assessment,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One code of a year's list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityCode {
    pub code: String,
    /// Where the code comes from (`ISF særkode`, `NCMP`, a local placeholder).
    pub system: String,
    pub title: String,
    /// The kinds of work it may be put on.
    pub kinds: Vec<ActivityKind>,
}

/// The codes of one year.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeList {
    pub year: i32,
    #[serde(default)]
    pub codes: Vec<ActivityCode>,
}

/// Every year's list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeLists(Vec<CodeList>);

/// A code list file could not be read: what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadCodeList(pub String);

impl CodeLists {
    /// The lists, one per year, checked: a year twice, a code twice in a year or a code
    /// for no kind is refused. (`carepath_package::activity_codes` reads them from TOML.)
    pub fn new(read: Vec<CodeList>) -> Result<Self, BadCodeList> {
        let mut lists: Vec<CodeList> = Vec::new();
        for list in read {
            if lists.iter().any(|l| l.year == list.year) {
                return Err(BadCodeList(format!(
                    "the year {} is listed twice",
                    list.year
                )));
            }
            let mut seen = std::collections::BTreeSet::new();
            for c in &list.codes {
                if c.code.trim().is_empty() || !seen.insert(c.code.as_str()) {
                    return Err(BadCodeList(format!(
                        "{}: the code `{}` is empty or listed twice",
                        list.year, c.code
                    )));
                }
                if c.kinds.is_empty() {
                    return Err(BadCodeList(format!(
                        "{}: the code `{}` names no kind of work",
                        list.year, c.code
                    )));
                }
            }
            lists.push(list);
        }
        lists.sort_by_key(|l| l.year);
        Ok(Self(lists))
    }

    /// The list in force at `at`: its year's, else the newest before it.
    pub fn at(&self, at: DateTime<Utc>) -> Option<&CodeList> {
        let year = crate::schedule::local_date(at).year();
        self.0.iter().rev().find(|l| l.year <= year)
    }

    /// The codes that may be put on `kind` at `at`.
    pub fn for_kind(&self, kind: ActivityKind, at: DateTime<Utc>) -> Vec<&ActivityCode> {
        self.at(at)
            .map(|l| l.codes.iter().filter(|c| c.kinds.contains(&kind)).collect())
            .unwrap_or_default()
    }

    /// `code` if it may be put on `kind` at `at`.
    pub fn check(
        &self,
        kind: ActivityKind,
        code: &str,
        at: DateTime<Utc>,
    ) -> Option<&ActivityCode> {
        self.for_kind(kind, at).into_iter().find(|c| c.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    impl CodeLists {
        fn parse(texts: &[&str]) -> Result<Self, BadCodeList> {
            let read = texts
                .iter()
                .map(|t| toml::from_str(t).map_err(|e: toml::de::Error| BadCodeList(e.to_string())))
                .collect::<Result<Vec<_>, _>>()?;
            Self::new(read)
        }
    }

    const LIST: &str = "year = 2026\n[[codes]]\ncode = 'A0099'\nsystem = 'ISF særkode'\ntitle = 'Gruppe'\nkinds = ['group', 'video']\n[[codes]]\ncode = 'B'\nsystem = 'x'\ntitle = 'Brev'\nkinds = ['letter']\n";

    #[test]
    fn a_year_s_codes_are_offered_for_their_kinds_and_the_newest_list_holds_until_replaced() {
        let lists = CodeLists::parse(&[LIST]).unwrap_or_default();
        let at = Utc
            .with_ymd_and_hms(2026, 6, 1, 10, 0, 0)
            .single()
            .unwrap_or_default();
        let codes: Vec<&str> = lists
            .for_kind(ActivityKind::Group, at)
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(codes, ["A0099"]);
        assert!(lists.check(ActivityKind::Letter, "B", at).is_some());
        assert!(
            lists.check(ActivityKind::Letter, "A0099", at).is_none(),
            "not a letter's code"
        );
        let next_year = Utc
            .with_ymd_and_hms(2027, 2, 1, 10, 0, 0)
            .single()
            .unwrap_or_default();
        assert!(lists.check(ActivityKind::Letter, "B", next_year).is_some());
        let before = Utc
            .with_ymd_and_hms(2025, 2, 1, 10, 0, 0)
            .single()
            .unwrap_or_default();
        assert!(lists.for_kind(ActivityKind::Letter, before).is_empty());
    }

    #[test]
    fn a_broken_list_is_refused_with_what_is_wrong() {
        assert!(CodeLists::parse(&[LIST, LIST]).is_err(), "a year twice");
        let twice =
            format!("{LIST}[[codes]]\ncode = 'B'\nsystem = 'x'\ntitle = 'y'\nkinds = ['letter']\n");
        assert!(CodeLists::parse(&[&twice]).unwrap_err().0.contains("`B`"));
        let kindless =
            "year = 2026\n[[codes]]\ncode = 'C'\nsystem = 'x'\ntitle = 'y'\nkinds = []\n";
        assert!(
            CodeLists::parse(&[kindless])
                .unwrap_err()
                .0
                .contains("no kind")
        );
        assert!(CodeLists::parse(&["year = 'x'"]).is_err());
    }

    #[test]
    fn the_shipped_list_reads() {
        let shipped = include_str!("../../../content/activity-codes/2026.toml");
        let lists = CodeLists::parse(&[shipped]).unwrap_or_default();
        let at = Utc
            .with_ymd_and_hms(2026, 12, 1, 10, 0, 0)
            .single()
            .unwrap_or_default();
        assert!(lists.check(ActivityKind::Group, "A0099", at).is_some());
        assert!(!lists.for_kind(ActivityKind::Letter, at).is_empty());
    }
}
