//! Courses for health professionals (issue 17, decision 0040): what a course offers, as
//! anyone may read it before signing up. A course's description is no one's data, so
//! reading it is not in the access log.

use carepath_domain::course::CourseVersion;
use carepath_store::{Store, StoreError};

/// The courses offered: the newest version of each, by key.
pub async fn catalogue(store: &Store) -> Result<Vec<CourseVersion>, StoreError> {
    store.latest_courses().await
}

/// The course `key` as it is offered now (its newest version).
pub async fn course(store: &Store, key: &str) -> Result<Option<CourseVersion>, StoreError> {
    store.latest_course(key).await
}
