//! Patients, with the national identity number encrypted and found by keyed hash.

use carepath_domain::patient::Patient;
use carepath_domain::user::UserAccount;
use carepath_domain::{Id, NationalIdNumber};
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

#[derive(sqlx::FromRow)]
struct PatientRow {
    id: String,
    nin_ciphertext: String,
    name: String,
    birth_date: NaiveDate,
    gp_name: Option<String>,
    user_id: Option<String>,
}

const COLUMNS: &str = "id, nin_ciphertext, name, birth_date, gp_name, user_id";

impl Store {
    fn patient_from_row(&self, r: PatientRow) -> Result<Patient> {
        let nin =
            NationalIdNumber::parse(&self.crypto.decrypt(&r.nin_ciphertext)?).map_err(|_| {
                StoreError::Corrupt("a stored national identity number is invalid".into())
            })?;
        Ok(Patient {
            id: parse_id(&r.id)?,
            nin,
            name: r.name,
            birth_date: r.birth_date,
            user_id: r.user_id.as_deref().map(parse_id).transpose()?,
            gp_name: r.gp_name,
        })
    }

    /// Stores a new patient. A second patient with the same number is a `Duplicate`.
    pub async fn create_patient(&self, patient: &Patient, now: DateTime<Utc>) -> Result<()> {
        let nin = patient.nin.expose();
        let cipher = self.crypto.encrypt(&nin);
        let index = self.crypto.index(&nin);
        let history = serde_json::json!({
            "id": patient.id, "name": patient.name, "birthDate": patient.birth_date,
            "gp": patient.gp_name, "user": patient.user_id,
        });
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO patients (id, nin_ciphertext, nin_index, name, birth_date, gp_name, user_id, version, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
            )
            .bind(patient.id.to_string())
            .bind(&cipher)
            .bind(&index)
            .bind(&patient.name)
            .bind(patient.birth_date)
            .bind(&patient.gp_name)
            .bind(patient.user_id.map(|u| u.to_string()))
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(|e| StoreError::unique(e, "a patient with that national identity number"))?;
            crate::enrollment::record_history!(
                tx,
                "Patient",
                patient.id,
                1_i64,
                now,
                None::<String>,
                history
            );
            Ok::<_, StoreError>(())
        })
    }

    pub async fn patient(&self, id: Id<Patient>) -> Result<Patient> {
        let row: Option<PatientRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM patients WHERE id = $1"
            )))
            .bind(id.to_string())
            .fetch_optional(pool)
            .await
        })?;
        self.patient_from_row(row.ok_or(StoreError::NotFound("patient"))?)
    }

    pub async fn patient_by_nin(&self, nin: &NationalIdNumber) -> Result<Option<Patient>> {
        let index = self.crypto.index(&nin.expose());
        let row: Option<PatientRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM patients WHERE nin_index = $1"
            )))
            .bind(&index)
            .fetch_optional(pool)
            .await
        })?;
        row.map(|r| self.patient_from_row(r)).transpose()
    }

    pub async fn patient_for_user(&self, user: Id<UserAccount>) -> Result<Option<Patient>> {
        let row: Option<PatientRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM patients WHERE user_id = $1"
            )))
            .bind(user.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.map(|r| self.patient_from_row(r)).transpose()
    }

    /// The keyed hash of a national identity number, as stored for look-ups.
    pub fn nin_index(&self, nin: &NationalIdNumber) -> String {
        self.crypto.index(&nin.expose())
    }
}
