//! Emergency access ("nødtilgang"): a clinician opens a patient outside their units, for
//! a written reason, for a few hours, and the access is flagged for an administrator to
//! review. It opens reading only; changes still need the patient to be in the unit.

use chrono::{DateTime, Duration, Utc};

use crate::Id;
use crate::organization::Unit;
use crate::patient::Patient;
use crate::user::UserAccount;

/// How long emergency access lasts.
pub const DURATION: Duration = Duration::hours(4);
/// The shortest reason accepted, in characters: enough to say why, not just "akutt".
pub const MIN_REASON_CHARS: usize = 20;
/// The longest reason accepted.
pub const MAX_REASON_CHARS: usize = 1000;

/// Why a reason was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReasonError {
    #[error("the reason is too short")]
    TooShort,
    #[error("the reason is too long")]
    TooLong,
}

/// The written reason, trimmed and checked.
pub fn reason(text: &str) -> Result<String, ReasonError> {
    let text = text.trim();
    let chars = text.chars().count();
    if chars < MIN_REASON_CHARS {
        Err(ReasonError::TooShort)
    } else if chars > MAX_REASON_CHARS {
        Err(ReasonError::TooLong)
    } else {
        Ok(text.to_owned())
    }
}

/// One granted emergency access.
#[derive(Clone, PartialEq, Eq)]
pub struct EmergencyAccess {
    pub id: Id<EmergencyAccess>,
    pub user: Id<UserAccount>,
    /// The clinician's own unit at the time, for the access log.
    pub unit: Option<Id<Unit>>,
    pub patient: Id<Patient>,
    pub reason: String,
    pub granted_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl std::fmt::Debug for EmergencyAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The reason can describe the patient's condition.
        f.debug_struct("EmergencyAccess")
            .field("id", &self.id)
            .field("user", &self.user)
            .field("patient", &self.patient)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl EmergencyAccess {
    /// Grants access from `now` for [`DURATION`].
    pub fn grant(
        user: Id<UserAccount>,
        unit: Option<Id<Unit>>,
        patient: Id<Patient>,
        reason: String,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id: Id::new(),
            user,
            unit,
            patient,
            reason,
            granted_at: now,
            expires_at: now + DURATION,
        }
    }

    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        self.granted_at <= now && now < self.expires_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_must_say_something() {
        assert_eq!(reason("akutt"), Err(ReasonError::TooShort));
        assert_eq!(
            reason("   akutt                        "),
            Err(ReasonError::TooShort)
        );
        assert!(reason("Innlagt akutt med magesmerter, trenger forløpet").is_ok());
        assert_eq!(reason(&"x".repeat(1001)), Err(ReasonError::TooLong));
    }

    #[test]
    fn access_ends_after_four_hours() {
        let now = Utc::now();
        let e = EmergencyAccess::grant(Id::new(), None, Id::new(), "grunn".into(), now);
        assert!(e.is_active(now));
        assert!(e.is_active(now + Duration::minutes(239)));
        assert!(!e.is_active(now + Duration::hours(4)));
    }
}
