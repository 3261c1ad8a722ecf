//! The route registry: every route carepath serves, with who may call it. The router is
//! built from this list and nothing else, so a new route is one line here, gets its role
//! check from the line, and is covered by the access matrix test
//! (`tests/it/matrix.rs`) without anyone remembering to add it.

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodFilter, MethodRouter, on};

use crate::auth::{self, CurrentUser};
use crate::{AppState, Error, admin, clinician, fhir, local_sign_in, media, oidc, patient, report};

/// Who may call a route. Checked for every request before the handler runs; the handler
/// still checks that the objects named in the path belong to the caller (a clinician's
/// own units, a patient's own records).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user, whatever their role.
    SignedIn,
    /// A signed-in patient.
    Patient,
    /// A signed-in clinician or coordinator (a care team role in some unit).
    CareTeam,
    /// A signed-in administrator.
    Admin,
    /// A signed-in researcher.
    Research,
    /// Reports: a care team member or a researcher, signed in or with a bearer token
    /// (for a spreadsheet or a script fetching the CSV).
    Reports,
    /// The FHIR API: a valid bearer token of any user (401 without). What the user's role
    /// may see is decided by the handler.
    Api,
}

/// One route as the access matrix test sees it.
#[derive(Debug, Clone, Copy)]
pub struct RouteDef {
    pub method: &'static str,
    /// The axum path; parameters are named after what they identify (`{patient}`).
    pub path: &'static str,
    pub access: Access,
    /// A FHIR search's parameters, which the CapabilityStatement declares.
    pub(crate) search: Option<&'static fhir::search::SearchSpec>,
}

struct Entry {
    def: RouteDef,
    handler: MethodRouter<AppState>,
    /// An API route whose handler reads the token's holder with its record ([`held`]).
    holder_in_read: bool,
}

/// An API read whose handler takes the [`auth::Bearer`] token and reads its holder in the
/// same hand-off as the record (decision 0061): the access check only requires that a
/// token was sent, and the handler refuses one that is not live.
fn held(entry: Entry) -> Entry {
    debug_assert_eq!(entry.def.access, Access::Api);
    Entry {
        holder_in_read: true,
        ..entry
    }
}

/// A FHIR search route with what it takes: the handler parses by `spec`, and the
/// CapabilityStatement declares it from here.
fn searched(entry: Entry, spec: &'static fhir::search::SearchSpec) -> Entry {
    debug_assert_eq!(entry.def.method, "GET");
    Entry {
        def: RouteDef {
            search: Some(spec),
            ..entry.def
        },
        ..entry
    }
}

/// Reading (GET, also answers HEAD), sending a form or creating (POST), and replacing
/// a resource through the API (PUT).
#[derive(Debug, Clone, Copy)]
enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

fn entry<H, T>(verb: Verb, path: &'static str, access: Access, handler: H) -> Entry
where
    H: axum::handler::Handler<T, AppState>,
    T: 'static,
{
    let (method, filter) = match verb {
        Verb::Get => ("GET", MethodFilter::GET),
        Verb::Post => ("POST", MethodFilter::POST),
        Verb::Put => ("PUT", MethodFilter::PUT),
        Verb::Patch => ("PATCH", MethodFilter::PATCH),
        Verb::Delete => ("DELETE", MethodFilter::DELETE),
    };
    Entry {
        def: RouteDef {
            method,
            path,
            access,
            search: None,
        },
        handler: on(filter, handler),
        holder_in_read: false,
    }
}

fn registry() -> Vec<Entry> {
    use Access::*;
    use Verb::{Delete, Get, Patch, Post, Put};
    vec![
        entry(Get, "/", Public, crate::public::front),
        entry(Get, "/tilbud/{program}", Public, crate::public::program),
        entry(
            Get,
            "/tilbud/{program}/sporsmal",
            Public,
            crate::public::enquiry_form,
        ),
        entry(
            Post,
            "/tilbud/{program}/sporsmal",
            Public,
            crate::public::enquire,
        ),
        entry(Get, "/tilbud/{program}/{page}", Public, crate::public::page),
        entry(Get, "/healthz", Public, crate::healthz),
        entry(Get, "/static/{name}", Public, crate::assets::serve),
        entry(Get, "/favicon.ico", Public, crate::assets::favicon),
        // Program content, not patient data: the same for everyone enrolled in a version.
        entry(Get, "/media/{version}/{name}", Public, media::media),
        // Signing in and out.
        entry(Get, "/logg-inn", Public, auth::sign_in_page),
        entry(Post, "/logg-inn/demo", Public, auth::demo_sign_in),
        entry(Post, "/logg-inn/passord", Public, local_sign_in::password),
        // A participant account asked for by e-mail (decision 0044), under the sign-in limit.
        entry(
            Get,
            "/logg-inn/ny-deltaker",
            Public,
            crate::course::account::form,
        ),
        entry(
            Post,
            "/logg-inn/ny-deltaker",
            Public,
            crate::course::account::send,
        ),
        entry(Get, "/logg-inn/kode", Public, local_sign_in::code_form),
        entry(Post, "/logg-inn/kode", Public, local_sign_in::code),
        entry(
            Get,
            "/logg-inn/nytt-passord/{token}",
            Public,
            local_sign_in::new_password_form,
        ),
        entry(
            Post,
            "/logg-inn/nytt-passord/{token}",
            Public,
            local_sign_in::new_password,
        ),
        entry(Get, "/logg-inn/oidc/{provider}", Public, oidc::start),
        entry(
            Get,
            "/logg-inn/oidc/{provider}/tilbake",
            Public,
            oidc::callback,
        ),
        entry(Post, "/logg-ut", Public, auth::sign_out),
        entry(
            Post,
            "/logg-ut/overalt",
            SignedIn,
            auth::sign_out_everywhere,
        ),
        entry(Get, "/konto", SignedIn, auth::account_page),
        // Courses for health professionals: what a course offers is anyone's to read.
        entry(Get, "/kurs", Public, crate::course::catalogue),
        entry(Get, "/kurs/{course}", Public, crate::course::show),
        // Taking a course and running its offerings: the use cases ask the access policy
        // (a participant's own registration and answers, the course roles' grants).
        entry(Get, "/mine-kurs", SignedIn, crate::course::taking::mine),
        entry(
            Get,
            "/kurs/{course}/kursbevis",
            SignedIn,
            crate::course::taking::certificate,
        ),
        // Checking a certificate's code: anyone holding the paper; rate-limited.
        entry(Get, "/bevis", Public, crate::course::taking::verify_form),
        entry(Get, "/bevis/{code}", Public, crate::course::taking::verify),
        entry(
            Post,
            "/kurs/{course}/pamelding",
            SignedIn,
            crate::course::register,
        ),
        entry(
            Get,
            "/kurs/{course}/leksjon/{lesson}",
            SignedIn,
            crate::course::taking::show,
        ),
        entry(
            Post,
            "/kurs/{course}/leksjon/{lesson}",
            SignedIn,
            crate::course::taking::answer,
        ),
        // A participant evaluates a part once it is complete; those running the course
        // read the evaluations added up (decision 0043).
        entry(
            Get,
            "/kurs/{course}/evaluering/{part}",
            SignedIn,
            crate::course::evaluation::show,
        ),
        entry(
            Post,
            "/kurs/{course}/evaluering/{part}",
            SignedIn,
            crate::course::evaluation::send,
        ),
        entry(
            Get,
            "/kurs/{course}/evalueringer",
            SignedIn,
            crate::course::evaluation::results,
        ),
        entry(
            Get,
            "/kurs/{course}/tilbud/ny",
            SignedIn,
            crate::course::offering::new_form,
        ),
        entry(
            Post,
            "/kurs/{course}/tilbud",
            SignedIn,
            crate::course::offering::create,
        ),
        // An approved offering is anyone's to read; the others only its course's roles'.
        entry(
            Get,
            "/kurs/{course}/tilbud/{offering}",
            Public,
            crate::course::offering::show,
        ),
        entry(
            Post,
            "/kurs/{course}/tilbud/{offering}/steg",
            SignedIn,
            crate::course::offering::step,
        ),
        entry(
            Post,
            "/kurs/{course}/tilbud/{offering}/plass",
            SignedIn,
            crate::course::offering::book,
        ),
        entry(
            Post,
            "/kurs/{course}/tilbud/{offering}/avbestilling",
            SignedIn,
            crate::course::offering::cancel,
        ),
        entry(
            Post,
            "/kurs/{course}/tilbud/{offering}/oppmote",
            SignedIn,
            crate::course::offering::attendance,
        ),
        // The patient's own pages: no patient id in any path, the patient is the caller.
        entry(Get, "/pasient", Patient, patient::journey::home),
        entry(Get, "/pasient/vilkar", Patient, patient::journey::terms),
        entry(
            Post,
            "/pasient/vilkar",
            Patient,
            patient::journey::accept_terms,
        ),
        entry(
            Get,
            "/pasient/kartlegging",
            Patient,
            patient::journey::screening,
        ),
        entry(
            Post,
            "/pasient/kartlegging",
            Patient,
            patient::journey::submit_screening,
        ),
        entry(
            Get,
            "/pasient/skjema/{key}",
            Patient,
            patient::questionnaire::show,
        ),
        entry(
            Post,
            "/pasient/skjema/{key}",
            Patient,
            patient::questionnaire::submit,
        ),
        entry(
            Get,
            "/pasient/skjema/{key}/resultat",
            Patient,
            patient::questionnaire::result,
        ),
        entry(Get, "/pasient/moduler", Patient, patient::modules::list),
        entry(
            Post,
            "/pasient/moduler/valg",
            Patient,
            patient::modules::choose,
        ),
        entry(Get, "/pasient/fortsett", Patient, patient::modules::resume),
        entry(Get, "/pasient/innsyn", Patient, patient::access_log::show),
        entry(
            Get,
            "/pasient/maalinger",
            Patient,
            patient::measurements::show,
        ),
        entry(
            Post,
            "/pasient/maalinger",
            Patient,
            patient::measurements::register,
        ),
        entry(Get, "/pasient/meldinger", Patient, patient::messages::show),
        entry(Post, "/pasient/meldinger", Patient, patient::messages::send),
        entry(
            Get,
            "/pasient/meldinger/vedlegg/{attachment}",
            Patient,
            patient::messages::attachment,
        ),
        entry(
            Get,
            "/pasient/avtaler",
            Patient,
            patient::appointments::show,
        ),
        entry(
            Post,
            "/pasient/avtaler/gruppekurs",
            Patient,
            patient::appointments::sign_up,
        ),
        entry(Get, "/pasient/mine-data", Patient, patient::own_data::show),
        entry(Get, "/pasient/forskning", Patient, patient::consent::show),
        entry(
            Post,
            "/pasient/forskning",
            Patient,
            patient::consent::decide,
        ),
        entry(
            Get,
            "/pasient/brev/{letter}",
            Patient,
            patient::own_data::letter,
        ),
        entry(
            Get,
            "/pasient/mine-data/fhir",
            Patient,
            patient::own_data::download,
        ),
        entry(
            Get,
            "/pasient/mine-data/utskrift",
            Patient,
            patient::own_data::print,
        ),
        entry(
            Get,
            "/pasient/moduler/{module}/{page}",
            Patient,
            patient::modules::page,
        ),
        entry(
            Post,
            "/pasient/moduler/{module}/{page}/lest",
            Patient,
            patient::modules::mark_read,
        ),
        // The care team's pages: every patient id is checked against the caller's units.
        entry(Get, "/klinikk", CareTeam, clinician::list),
        entry(Get, "/klinikk/varsler", CareTeam, clinician::worklist::list),
        entry(
            Get,
            "/klinikk/statistikk",
            CareTeam,
            clinician::statistics::show,
        ),
        entry(
            Get,
            "/klinikk/varsler/hendelser",
            CareTeam,
            clinician::worklist::stream,
        ),
        entry(
            Post,
            "/klinikk/timeonsker/{request}/handtert",
            CareTeam,
            clinician::worklist::handle_request,
        ),
        entry(
            Post,
            "/klinikk/varsler/{alert}/kvitter",
            CareTeam,
            clinician::worklist::acknowledge,
        ),
        entry(
            Get,
            "/klinikk/henvisning",
            CareTeam,
            clinician::referral::form,
        ),
        entry(
            Post,
            "/klinikk/henvisning",
            CareTeam,
            clinician::referral::submit,
        ),
        entry(
            Get,
            "/klinikk/pasient/{patient}",
            CareTeam,
            clinician::patient::show,
        ),
        entry(
            Post,
            "/klinikk/pasient/{patient}/innskriving",
            CareTeam,
            clinician::patient::enroll,
        ),
        entry(
            Get,
            "/klinikk/pasient/{patient}/svar/{response}",
            CareTeam,
            clinician::patient::answers,
        ),
        entry(
            Get,
            "/klinikk/pasient/{patient}/meldinger",
            CareTeam,
            clinician::messages::show,
        ),
        entry(
            Post,
            "/klinikk/pasient/{patient}/meldinger/{enrollment}",
            CareTeam,
            clinician::messages::send,
        ),
        entry(
            Get,
            "/klinikk/vedlegg/{attachment}",
            CareTeam,
            clinician::messages::attachment,
        ),
        entry(
            Get,
            "/klinikk/meldingsmaler",
            CareTeam,
            clinician::messages::templates,
        ),
        entry(
            Post,
            "/klinikk/meldingsmaler",
            CareTeam,
            clinician::messages::add_template,
        ),
        entry(
            Post,
            "/klinikk/meldingsmaler/{template}/slett",
            CareTeam,
            clinician::messages::remove_template,
        ),
        entry(
            Post,
            "/klinikk/pasient/{patient}/kontakt",
            CareTeam,
            clinician::patient::contact,
        ),
        entry(
            Post,
            "/klinikk/innskriving/{enrollment}/unntak",
            CareTeam,
            clinician::patient::decide_exception,
        ),
        entry(
            Post,
            "/klinikk/innskriving/{enrollment}/status",
            CareTeam,
            clinician::patient::change_status,
        ),
        entry(
            Post,
            "/klinikk/innskriving/{enrollment}/grenser",
            CareTeam,
            clinician::patient::set_limits,
        ),
        entry(
            Get,
            "/klinikk/nodtilgang",
            CareTeam,
            clinician::emergency::form,
        ),
        entry(
            Post,
            "/klinikk/nodtilgang",
            CareTeam,
            clinician::emergency::submit,
        ),
        entry(
            Get,
            "/klinikk/brev/{letter}",
            CareTeam,
            clinician::letter::show,
        ),
        entry(
            Post,
            "/klinikk/brev/{letter}",
            CareTeam,
            clinician::letter::submit,
        ),
        entry(
            Get,
            "/klinikk/brev/{letter}/pdf",
            CareTeam,
            clinician::letter::pdf,
        ),
        entry(
            Get,
            "/klinikk/aktivitet",
            CareTeam,
            clinician::activity::show,
        ),
        entry(
            Get,
            "/klinikk/aktivitet/csv",
            CareTeam,
            clinician::activity::csv,
        ),
        entry(
            Get,
            "/klinikk/aktivitet/xlsx",
            CareTeam,
            clinician::activity::xlsx_file,
        ),
        entry(
            Get,
            "/rapporter/spredning",
            CareTeam,
            crate::dissemination::page,
        ),
        entry(
            Get,
            "/rapporter/spredning/arsrapport",
            CareTeam,
            crate::dissemination::annual_page,
        ),
        entry(
            Get,
            "/rapporter/spredning/arsrapport.pdf",
            CareTeam,
            crate::dissemination::annual_pdf,
        ),
        entry(
            Get,
            "/rapporter/spredning/plan",
            CareTeam,
            crate::dissemination::plan,
        ),
        entry(
            Post,
            "/rapporter/spredning/plan",
            CareTeam,
            crate::dissemination::change_plan,
        ),
        entry(
            Get,
            "/rapporter/spredning.csv",
            CareTeam,
            crate::dissemination::csv,
        ),
        entry(
            Get,
            "/rapporter/spredning.xlsx",
            CareTeam,
            crate::dissemination::xlsx_file,
        ),
        entry(
            Get,
            "/klinikk/prosedyrer",
            CareTeam,
            clinician::procedure::registry,
        ),
        entry(
            Get,
            "/klinikk/prosedyrer/ny",
            CareTeam,
            clinician::procedure::new,
        ),
        entry(
            Post,
            "/klinikk/prosedyrer/ny",
            CareTeam,
            clinician::procedure::register,
        ),
        entry(
            Get,
            "/klinikk/prosedyrer/eksport.csv",
            CareTeam,
            clinician::procedure::csv,
        ),
        entry(
            Get,
            "/klinikk/prosedyrer/eksport.json",
            CareTeam,
            clinician::procedure::fhir,
        ),
        entry(
            Get,
            "/klinikk/prosedyrer/{procedure}",
            CareTeam,
            clinician::procedure::show,
        ),
        entry(
            Post,
            "/klinikk/prosedyrer/{procedure}",
            CareTeam,
            clinician::procedure::change,
        ),
        entry(Get, "/rapporter/utfall", Reports, report::page),
        entry(Get, "/rapporter/utfall.csv", Reports, report::csv),
        entry(Get, "/rapporter/utfall.xlsx", Reports, report::xlsx_file),
        entry(Get, "/forskning", Research, report::research_home),
        entry(
            Post,
            "/forskning/{project}/uttrekk",
            Research,
            report::order_export,
        ),
        entry(
            Get,
            "/forskning/uttrekk/{export}/{file}",
            Research,
            report::export_file,
        ),
        entry(
            Post,
            "/forskning/uttrekk/{export}/slett",
            Research,
            report::delete_export,
        ),
        entry(
            Post,
            "/klinikk/henvendelser/{enquiry}/handtert",
            CareTeam,
            clinician::worklist::handle_enquiry,
        ),
        entry(
            Get,
            "/klinikk/avtaler",
            CareTeam,
            clinician::appointments::list,
        ),
        entry(
            Get,
            "/klinikk/avtaler/ny",
            CareTeam,
            clinician::appointments::new_form,
        ),
        entry(
            Post,
            "/klinikk/avtaler/ny",
            CareTeam,
            clinician::appointments::create,
        ),
        entry(
            Get,
            "/klinikk/avtaler/gruppekurs",
            CareTeam,
            clinician::appointments::course_form,
        ),
        entry(
            Post,
            "/klinikk/avtaler/gruppekurs",
            CareTeam,
            clinician::appointments::plan_course,
        ),
        entry(
            Get,
            "/klinikk/avtaler/{appointment}",
            CareTeam,
            clinician::appointments::show,
        ),
        entry(
            Post,
            "/klinikk/avtaler/{appointment}",
            CareTeam,
            clinician::appointments::submit,
        ),
        // Administration.
        entry(Get, "/admin", Admin, admin::start),
        entry(
            Post,
            "/admin/enheter/{unit}/varsling",
            Admin,
            admin::set_alert_contact,
        ),
        entry(Get, "/admin/tilgangslogg", Admin, admin::access_log::show),
        entry(
            Get,
            "/admin/tilgangslogg/csv",
            Admin,
            admin::access_log::csv,
        ),
        entry(Get, "/admin/ansatte", Admin, admin::staff::list),
        entry(Post, "/admin/ansatte", Admin, admin::staff::add),
        entry(Get, "/admin/ansatte/{staff}", Admin, admin::staff::show),
        entry(Post, "/admin/ansatte/{staff}", Admin, admin::staff::update),
        entry(Get, "/admin/nodtilgang", Admin, admin::emergency::list),
        entry(Get, "/admin/steder", Admin, admin::places::show),
        entry(Post, "/admin/steder", Admin, admin::places::save),
        entry(Get, "/admin/forskning", Admin, admin::research::list),
        entry(Post, "/admin/forskning", Admin, admin::research::create),
        entry(
            Get,
            "/admin/forskning/{project}",
            Admin,
            admin::research::show,
        ),
        entry(
            Post,
            "/admin/forskning/{project}",
            Admin,
            admin::research::update,
        ),
        entry(Get, "/admin/uvanlig-tilgang", Admin, admin::report::show),
        entry(
            Post,
            "/admin/nodtilgang/{grant}/gjennomgatt",
            Admin,
            admin::emergency::mark_reviewed,
        ),
        // The FHIR API.
        entry(
            Get,
            "/fhir/metadata",
            Public,
            fhir::metadata::capability_statement,
        ),
        entry(Post, "/fhir", Api, fhir::bundle::batch),
        searched(
            entry(Get, "/fhir/Patient", Api, fhir::patient::search),
            &fhir::patient::SEARCH,
        ),
        entry(Post, "/fhir/Patient", Api, fhir::patient::create),
        entry(Put, "/fhir/Patient", Api, fhir::patient::conditional_update),
        entry(Get, "/fhir/Patient/_history", Api, fhir::history::of_type),
        entry(Get, "/fhir/Patient/{patient}", Api, fhir::patient::read),
        entry(Put, "/fhir/Patient/{patient}", Api, fhir::patient::update),
        entry(Patch, "/fhir/Patient/{patient}", Api, fhir::patient::patch),
        entry(
            Get,
            "/fhir/Patient/{patient}/_history/{vid}",
            Api,
            fhir::patient::vread,
        ),
        entry(
            Get,
            "/fhir/Patient/{patient}/_history",
            Api,
            fhir::patient::history,
        ),
        searched(
            entry(
                Get,
                "/fhir/Patient/{patient}/$everything",
                Api,
                fhir::everything::everything,
            ),
            &fhir::everything::PAGING,
        ),
        searched(
            entry(Get, "/fhir/AuditEvent", Api, fhir::audit_event::search),
            &fhir::audit_event::SEARCH,
        ),
        searched(
            entry(Get, "/fhir/Questionnaire", Api, fhir::questionnaire::search),
            &fhir::questionnaire::SEARCH,
        ),
        entry(
            Post,
            "/fhir/Questionnaire",
            Api,
            fhir::questionnaire::create,
        ),
        entry(
            Get,
            "/fhir/Questionnaire/{questionnaire}",
            Api,
            fhir::questionnaire::read,
        ),
        entry(
            Put,
            "/fhir/Questionnaire/{questionnaire}",
            Api,
            fhir::questionnaire::update,
        ),
        entry(
            Get,
            "/fhir/Questionnaire/{questionnaire}/_history/{vid}",
            Api,
            fhir::questionnaire::vread,
        ),
        entry(
            Get,
            "/fhir/Questionnaire/_history",
            Api,
            fhir::history::of_type,
        ),
        entry(
            Get,
            "/fhir/Questionnaire/{questionnaire}/_history",
            Api,
            fhir::questionnaire::history,
        ),
        searched(
            entry(
                Get,
                "/fhir/QuestionnaireResponse",
                Api,
                fhir::questionnaire_response::search,
            ),
            &fhir::questionnaire_response::SEARCH,
        ),
        entry(
            Post,
            "/fhir/QuestionnaireResponse",
            Api,
            fhir::questionnaire_response::create,
        ),
        held(entry(
            Get,
            "/fhir/QuestionnaireResponse/{response}",
            Api,
            fhir::questionnaire_response::read,
        )),
        entry(
            Get,
            "/fhir/QuestionnaireResponse/{response}/_history/{vid}",
            Api,
            fhir::questionnaire_response::vread,
        ),
        entry(
            Get,
            "/fhir/QuestionnaireResponse/_history",
            Api,
            fhir::history::of_type,
        ),
        entry(
            Get,
            "/fhir/QuestionnaireResponse/{response}/_history",
            Api,
            fhir::questionnaire_response::history,
        ),
        searched(
            entry(Get, "/fhir/Flag", Api, fhir::flag::search),
            &fhir::flag::SEARCH,
        ),
        searched(
            entry(Get, "/fhir/Communication", Api, fhir::communication::search),
            &fhir::communication::SEARCH,
        ),
        searched(
            entry(Get, "/fhir/Appointment", Api, fhir::appointment::search),
            &fhir::appointment::SEARCH,
        ),
        searched(
            entry(Get, "/fhir/Consent", Api, fhir::consent::search),
            &fhir::consent::SEARCH,
        ),
        entry(Get, "/fhir/Consent/{consent}", Api, fhir::consent::read),
        entry(Get, "/fhir/$export", Api, fhir::export::system),
        entry(Get, "/fhir/Group/{group}/$export", Api, fhir::export::group),
        entry(
            Get,
            "/fhir/$export-status/{export}",
            Api,
            fhir::export::status,
        ),
        entry(
            Delete,
            "/fhir/$export-status/{export}",
            Api,
            fhir::export::delete,
        ),
        entry(
            Get,
            "/fhir/$export-file/{export}/{file}",
            Api,
            fhir::export::file,
        ),
        entry(
            Get,
            "/fhir/Appointment/{appointment}",
            Api,
            fhir::appointment::read,
        ),
        searched(
            entry(
                Get,
                "/fhir/DocumentReference",
                Api,
                fhir::document_reference::search,
            ),
            &fhir::document_reference::SEARCH,
        ),
        entry(
            Get,
            "/fhir/DocumentReference/{document}",
            Api,
            fhir::document_reference::read,
        ),
        entry(
            Post,
            "/fhir/Communication",
            Api,
            fhir::communication::create,
        ),
        searched(
            entry(
                Get,
                "/fhir/PlanDefinition",
                Api,
                fhir::plan::search_plan_definitions,
            ),
            &fhir::plan::PLAN_DEFINITION_SEARCH,
        ),
        entry(
            Get,
            "/fhir/PlanDefinition/{plan}",
            Api,
            fhir::plan::read_plan_definition,
        ),
        searched(
            entry(Get, "/fhir/CarePlan", Api, fhir::plan::search_care_plans),
            &fhir::plan::CARE_PLAN_SEARCH,
        ),
        entry(Post, "/fhir/CarePlan", Api, fhir::plan::create_care_plan),
        entry(
            Get,
            "/fhir/CarePlan/{careplan}",
            Api,
            fhir::plan::read_care_plan,
        ),
        entry(
            Get,
            "/fhir/CarePlan/{careplan}/_history/{vid}",
            Api,
            fhir::plan::vread_care_plan,
        ),
        entry(Get, "/fhir/CarePlan/_history", Api, fhir::history::of_type),
        entry(
            Get,
            "/fhir/CarePlan/{careplan}/_history",
            Api,
            fhir::plan::care_plan_history,
        ),
        entry(Get, "/fhir/Flag/{flag}", Api, fhir::flag::read),
        entry(
            Get,
            "/fhir/Communication/{communication}",
            Api,
            fhir::communication::read,
        ),
        entry(
            Get,
            "/fhir/Binary/{binary}",
            Api,
            fhir::communication::binary,
        ),
        entry(
            Get,
            "/fhir/Organization/{organization}",
            Api,
            fhir::communication::organization,
        ),
        searched(
            entry(Get, "/fhir/Task", Api, fhir::task::search),
            &fhir::task::SEARCH,
        ),
        entry(Get, "/fhir/Task/{task}", Api, fhir::task::read),
        searched(
            entry(Get, "/fhir/Observation", Api, fhir::observation::search),
            &fhir::observation::SEARCH,
        ),
        entry(Post, "/fhir/Observation", Api, fhir::observation::create),
        held(entry(
            Get,
            "/fhir/Observation/{observation}",
            Api,
            fhir::observation::read,
        )),
        entry(
            Get,
            "/fhir/Observation/{observation}/_history/{vid}",
            Api,
            fhir::observation::vread,
        ),
        entry(
            Get,
            "/fhir/Observation/_history",
            Api,
            fhir::history::of_type,
        ),
        entry(
            Get,
            "/fhir/Observation/{observation}/_history",
            Api,
            fhir::observation::history,
        ),
    ]
}

/// Every route carepath serves, for tests and documentation.
pub fn route_table() -> Vec<RouteDef> {
    registry().into_iter().map(|e| e.def).collect()
}

/// The client address the sign-in limit counts by: the TCP peer, or, when the peer is one
/// of the trusted reverse proxies, the client their `X-Forwarded-For` names (decision
/// 0014). Requests without a peer (tests in process) share one count.
#[derive(Debug, Clone)]
struct PeerAddress {
    trusted: std::sync::Arc<[std::net::IpAddr]>,
}

impl tower_governor::key_extractor::KeyExtractor for PeerAddress {
    type Key = Option<std::net::IpAddr>;

    fn extract<T>(
        &self,
        req: &axum::http::Request<T>,
    ) -> Result<Self::Key, tower_governor::GovernorError> {
        let peer = req
            .extensions()
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded: Vec<&str> = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(client_address(peer, &forwarded, &self.trusted))
    }
}

/// The client behind `peer`: when `peer` is a trusted proxy, the last address in the
/// `X-Forwarded-For` chain that is not itself a trusted proxy (each proxy appends the
/// address it was reached from, so what a client wrote at the left is never believed);
/// otherwise `peer`.
fn client_address(
    peer: Option<std::net::IpAddr>,
    forwarded: &[&str],
    trusted: &[std::net::IpAddr],
) -> Option<std::net::IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let chain: Vec<std::net::IpAddr> = forwarded
        .iter()
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    Some(
        chain
            .into_iter()
            .rev()
            .find(|a| !trusted.contains(a))
            .unwrap_or(peer),
    )
}

/// The router of every registered route, each behind its access check.
pub(crate) fn router(state: &AppState) -> Router<AppState> {
    // Sign-in attempts per client address: a burst, then one every 3 seconds.
    let config = tower_governor::governor::GovernorConfigBuilder::default()
        .key_extractor(PeerAddress {
            trusted: state.config.trusted_proxies.clone(),
        })
        .per_second(3)
        .burst_size(state.config.sign_in_burst.max(1))
        .finish();
    let limit = match config {
        Some(c) => tower_governor::GovernorLayer::new(c).error_handler(|_| {
            let mut res = Error::TooManyAttempts.into_response();
            res.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("3"),
            );
            res
        }),
        // Only a zero period or burst fails, and neither is possible here.
        None => unreachable!("a sign-in limit with a period and a burst"),
    };
    // Certificate codes checked per client address: a burst, then one every 2 seconds,
    // so guessing 80-bit codes is hopeless.
    let verify = tower_governor::governor::GovernorConfigBuilder::default()
        .key_extractor(PeerAddress {
            trusted: state.config.trusted_proxies.clone(),
        })
        .per_second(2)
        .burst_size(20)
        .finish()
        .map(|c| {
            tower_governor::GovernorLayer::new(c).error_handler(|_| {
                let mut res = Error::TooManyAttempts.into_response();
                res.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from_static("2"),
                );
                res
            })
        });
    let Some(verify) = verify else {
        unreachable!("a verification limit with a period and a burst")
    };
    registry().into_iter().fold(Router::new(), |router, entry| {
        let Entry {
            def,
            handler,
            holder_in_read,
        } = entry;
        let access = def.access;
        // Sign-in and the public enquiry form share the sign-in limit.
        let handler = if def.method == "POST"
            && (def.path.starts_with("/logg-inn") || def.path.starts_with("/tilbud/"))
        {
            handler.layer(limit.clone())
        } else if def.path == "/bevis/{code}" {
            handler.layer(verify.clone())
        } else if def.search.is_some() {
            handler.layer(axum::middleware::from_fn(fhir::search::elements))
        } else {
            handler
        };
        let guarded = handler.route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            move |state: State<AppState>, req: Request, next: Next| {
                require(access, holder_in_read, state, req, next)
            },
        ));
        // Routes on the same path with other methods are merged by axum.
        router.route(def.path, guarded)
    })
}

/// The access check run before every handler. It loads the user once and hands them on
/// to the handler's `CurrentUser` extractor; for an API read that reads the token's holder
/// with its record ([`held`]), it hands on the token instead.
async fn require(
    access: Access,
    holder_in_read: bool,
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if access == Access::Public {
        return next.run(req).await;
    }
    if holder_in_read {
        let Some(token) = auth::bearer_token(req.headers()).map(str::to_owned) else {
            return fhir::FhirError::Unauthorized.into_response();
        };
        req.extensions_mut().insert(auth::Bearer(token));
        return next.run(req).await;
    }
    if access == Access::Api {
        return match auth::bearer_user(req.headers(), &state).await {
            Ok(Some(user)) => {
                req.extensions_mut().insert::<CurrentUser>(user);
                next.run(req).await
            }
            Ok(None) => fhir::FhirError::Unauthorized.into_response(),
            Err(e) => fhir::FhirError::from(e).into_response(),
        };
    }
    let user = match auth::load_user(req.extensions(), req.headers(), &state).await {
        Ok(Some(user)) => user,
        // A report's file may be fetched with a bearer token instead of a session.
        Ok(None)
            if access == Access::Reports
                && req
                    .headers()
                    .contains_key(axum::http::header::AUTHORIZATION) =>
        {
            match auth::bearer_user(req.headers(), &state).await {
                Ok(Some(user)) => user,
                Ok(None) => return Error::Forbidden.into_response(),
                Err(e) => return e.into_response(),
            }
        }
        Ok(None) => return Redirect::to(&crate::i18n::keep_in("/logg-inn")).into_response(),
        Err(e) => return e.into_response(),
    };
    let allowed = match access {
        Access::Public | Access::SignedIn => true,
        Access::Patient => user.is_patient(),
        Access::CareTeam => user.is_care_team(),
        Access::Admin => user.has(carepath_domain::user::Role::Admin),
        Access::Research => user.has(carepath_domain::user::Role::Researcher),
        Access::Reports => user.is_care_team() || user.has(carepath_domain::user::Role::Researcher),
        Access::Api => false,
    };
    if !allowed {
        return Error::Forbidden.into_response();
    }
    req.extensions_mut().insert::<CurrentUser>(user);
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::client_address;

    #[test]
    fn the_sign_in_limit_believes_forwarded_addresses_only_from_trusted_proxies() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let proxy = ip("10.0.0.2");
        let trusted = [proxy, ip("10.0.0.3")];
        // Straight from a client: the peer, whatever it claims.
        assert_eq!(
            client_address(Some(ip("203.0.113.9")), &["198.51.100.1"], &trusted),
            Some(ip("203.0.113.9"))
        );
        // Through the proxy: the address it appended, not what the client wrote first.
        assert_eq!(
            client_address(Some(proxy), &["198.51.100.1, 203.0.113.9"], &trusted),
            Some(ip("203.0.113.9"))
        );
        // Through two trusted proxies, over two header lines.
        assert_eq!(
            client_address(Some(proxy), &["203.0.113.9", "10.0.0.3"], &trusted),
            Some(ip("203.0.113.9"))
        );
        // A trusted proxy that names no one (or garbage) counts as itself.
        assert_eq!(
            client_address(Some(proxy), &["nonsense"], &trusted),
            Some(proxy)
        );
        assert_eq!(client_address(None, &["203.0.113.9"], &trusted), None);
    }
}
