//! `GET /fhir/Patient/{id}/$everything`: the patient and the records of theirs the caller
//! reaches (responses, Observations, tasks, care plans, alerts, messages, letters to the
//! GP and appointments), one page at a time in a
//! fixed order, each checked by the one access policy and recorded as read. A unit gets
//! only what its scope reaches: another unit's records are not in it.

use axum::extract::{Path, State};
use carepath_app::access::Access;
use carepath_domain::Id;
use carepath_domain::audit::AuditAction;
use carepath_domain::patient::Patient;
use carepath_fhir::outcome::searchset;
use carepath_store::response::{ObservationFilter, ResponseFilter, Scope};

use super::patient::{grant, record_access, scope};
use super::search::{Params, SearchRequest, SearchSpec};
use super::{Fhir, FhirError, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

/// The part of a page that falls in each kind of record, taken in order.
struct Window {
    skip: i64,
    room: i64,
}

impl Window {
    /// Of the next `n` results, the `(offset, count)` that fall in the page, if any.
    fn next(&mut self, n: i64) -> Option<(i64, i64)> {
        let offset = self.skip.min(n);
        self.skip -= offset;
        let count = (n - offset).min(self.room);
        self.room -= count;
        (count > 0).then_some((offset, count))
    }

    /// The page's part of `items`, all of one kind, counted into `total`.
    fn slice<T>(&mut self, total: &mut i64, items: Vec<T>) -> Vec<T> {
        let n = items.len() as i64;
        *total += n;
        match self.next(n) {
            Some((offset, count)) => items
                .into_iter()
                .skip(usize::try_from(offset).unwrap_or(0))
                .take(usize::try_from(count).unwrap_or(0))
                .collect(),
            None => Vec::new(),
        }
    }
}

/// The operation takes paging alone.
pub(crate) const PAGING: SearchSpec = SearchSpec::of(&[]);

pub(crate) async fn everything(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(&query, &PAGING)?;
    let id: Id<Patient> = id.parse().map_err(|_| FhirError::NotFound)?;
    if !user.is_care_team() && !user.is_patient() {
        return Err(FhirError::Forbidden);
    }
    // The same answer whether the patient exists or the caller may not see them.
    if grant(&state, &user, id).await?.is_none() {
        return Err(FhirError::NotFound);
    }
    let scope = scope(&state, &user).await?;
    let mut page = Window {
        skip: params.offset,
        room: params.count,
    };
    let mut resources = Vec::new();
    let mut read: Vec<Access> = Vec::new();
    let mut total = 1;
    if page.next(1).is_some() {
        let patient = state.store.patient(id).await?;
        read.push((id, AuditAction::Read, "Patient", id.to_string()));
        resources.push(super::patient::resource(&patient));
    }

    let responses = ResponseFilter {
        subject: Some(id),
        newest_first: true,
        ..Default::default()
    };
    let n = state
        .store
        .search_responses(&scope, &responses, 0, 0, true)
        .await?
        .total
        .unwrap_or_default();
    total += n;
    if let Some((offset, count)) = page.next(n) {
        let found = state
            .store
            .search_responses(&scope, &responses, offset, count, false)
            .await?;
        for r in found.items {
            read.push((id, AuditAction::Read, "QuestionnaireResponse", r.id.clone()));
            // The served form is JSON the server wrote.
            if let Ok(v) = serde_json::from_str(r.served()?.get()) {
                resources.push(v);
            }
        }
    }

    let observations = ObservationFilter {
        subject: Some(id),
        ..Default::default()
    };
    let n = state
        .store
        .search_observations(&scope, &observations, 0, 0, true)
        .await?
        .total
        .unwrap_or_default();
    total += n;
    if let Some((offset, count)) = page.next(n) {
        let found = state
            .store
            .search_observations(&scope, &observations, offset, count, false)
            .await?;
        for o in found.items {
            let oid = o.body["id"].as_str().unwrap_or_default().to_owned();
            read.push((id, AuditAction::Read, "Observation", oid));
            resources.push(with_meta(o.body, o.version, o.updated_at));
        }
    }

    let common = carepath_store::Common::default();
    let (_, n) = state
        .store
        .search_tasks(&scope, Some(id), &[], &common, 0, 0)
        .await?;
    total += n;
    if let Some((offset, count)) = page.next(n) {
        let (tasks, _) = state
            .store
            .search_tasks(&scope, Some(id), &[], &common, offset, count)
            .await?;
        for t in &tasks {
            read.push((id, AuditAction::Read, "Task", t.id.clone()));
            resources.push(super::task::resource(t));
        }
    }

    let (_, n) = state
        .store
        .search_enrollments(
            &scope,
            Some(id),
            &[],
            &carepath_store::Common::default(),
            0,
            0,
        )
        .await?;
    total += n;
    if let Some((offset, count)) = page.next(n) {
        let (plans, _) = state
            .store
            .search_enrollments(
                &scope,
                Some(id),
                &[],
                &carepath_store::Common::default(),
                offset,
                count,
            )
            .await?;
        for e in &plans {
            read.push((id, AuditAction::Read, "CarePlan", e.id.to_string()));
            resources.push(super::plan::care_plan(&state, e).await?);
        }
    }

    let (_, n) = state
        .store
        .search_alerts(
            &scope,
            Some(id),
            None,
            &carepath_store::Common::default(),
            0,
            0,
        )
        .await?;
    total += n;
    if let Some((offset, count)) = page.next(n) {
        let (alerts, _) = state
            .store
            .search_alerts(
                &scope,
                Some(id),
                None,
                &carepath_store::Common::default(),
                offset,
                count,
            )
            .await?;
        for a in &alerts {
            read.push((id, AuditAction::Read, "Flag", a.id.clone()));
            resources.push(super::flag::resource(a));
        }
    }

    // Messages, letters and appointments are few per patient: read whole, then sliced.
    let units = match &scope {
        Scope::Patient(_) => None,
        Scope::Units(units) => Some(units.as_slice()),
    };
    let messages = state
        .store
        .search_messages(Some(id), units, super::communication::SEARCHED)
        .await?;
    for m in page.slice(&mut total, messages) {
        read.push((id, AuditAction::Read, "Communication", m.id.to_string()));
        resources.push(super::communication::resource(&m, &state.config.public_url));
    }
    let letters = state
        .store
        .search_letters(Some(id), units, super::communication::SEARCHED)
        .await?;
    for l in page.slice(&mut total, letters) {
        read.push((id, AuditAction::Read, "DocumentReference", l.id.to_string()));
        resources.push(super::document_reference::resource(&state, &l).await?);
    }
    let mut appointments = state.store.patient_appointments(id).await?;
    appointments.retain(|a| units.is_none_or(|u| u.contains(&a.unit_id)));
    appointments.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));
    for a in page.slice(&mut total, appointments) {
        let seen = super::appointment::seen_by(a, &scope);
        // As the search records it: a read of each participant shown.
        for p in &seen.participants {
            read.push((
                p.patient_id,
                AuditAction::Read,
                "Appointment",
                seen.id.to_string(),
            ));
        }
        resources.push(super::appointment::resource(&seen));
    }

    record_access(&state, &user, &read).await?;
    let shown = resources.len() as i64;
    let path = format!("Patient/{id}/$everything");
    let next = params.next_link(&path, shown, total);
    Ok(Fhir(searchset(
        &state.config.public_url,
        &params.self_link(&path),
        resources,
        total,
        next,
    )))
}

#[cfg(test)]
mod tests {
    use super::Window;

    #[test]
    fn a_page_takes_its_part_of_each_kind_in_order() {
        // Page of 5 from offset 3 over kinds of 1, 4, 0 and 6 records.
        let mut w = Window { skip: 3, room: 5 };
        assert_eq!(w.next(1), None);
        assert_eq!(w.next(4), Some((2, 2)));
        assert_eq!(w.next(0), None);
        assert_eq!(w.next(6), Some((0, 3)));
        assert_eq!(w.next(9), None);
    }
}
