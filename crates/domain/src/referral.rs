//! Referrals [ServiceRequest]: how a patient comes to a program, and how they heard of it
//! (the dissemination reports count both).

use crate::Id;

/// Who referred the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralSource {
    Gp,
    Hospital,
    Other,
}

impl ReferralSource {
    pub const ALL: [ReferralSource; 3] = [Self::Gp, Self::Hospital, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gp => "gp",
            Self::Hospital => "hospital",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// "Where did you hear about us?"
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeardAbout {
    Gp,
    Hospital,
    Website,
    FriendOrFamily,
    Media,
    Other,
    Unknown,
}

impl HeardAbout {
    pub const ALL: [HeardAbout; 7] = [
        Self::Gp,
        Self::Hospital,
        Self::Website,
        Self::FriendOrFamily,
        Self::Media,
        Self::Other,
        Self::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gp => "gp",
            Self::Hospital => "hospital",
            Self::Website => "website",
            Self::FriendOrFamily => "friend_or_family",
            Self::Media => "media",
            Self::Other => "other",
            Self::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A referral received by a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub id: Id<Referral>,
    pub source: ReferralSource,
    pub heard_about: HeardAbout,
}
