# The FHIR API's OperationOutcome texts (diagnostics), for the people and systems using it.
# Element and parameter names (resourceType, valueQuantity, _count) stay as FHIR spells them.

api-unauthorized = A valid bearer token is required (carepath admin create-token).
api-forbidden = Your role does not give access to this.
api-not-found = No such resource.
api-too-large = The body is larger than 1 MiB.
api-media-type = Send the resource as application/fhir+json.
api-method = This method is not supported on this address.
api-not-acceptable = The API answers only in JSON: ask for application/fhir+json (Accept or _format).
api-timeout = The request took too long. Try again.
api-unreadable = The request could not be read: check the query parameters, headers and body.
api-exception = The server could not answer. Try again later.
api-unavailable = The database is not available right now. Try again in a few seconds.
api-body-unreadable = The request body could not be read.
api-body-not-json = The body is not valid JSON: { $why }
api-body-not-object = The body must be a JSON object, a FHIR resource.
api-if-match = If-Match must name a version, e.g. W/"2".
api-conditional-identifier = A conditional update of a Patient needs `identifier` with a national identity number (system|value), and nothing else; the resource must carry the same number.
api-id-mismatch = The resource's id must be the id in the URL.
api-version-stale = The resource is at version { $version }; read it again and send your change against that version.
api-resource-type = resourceType must be { $type }.
api-not-r4 = Not a FHIR R4 { $type }: { $why }
api-subject = subject must reference the patient as Patient/<id>.
api-contained = Contained resources are not accepted; reference the resource (e.g. Patient/<id>) instead.
api-status-one-of = status must be one of { $statuses }.

api-query-malformed = The query string is malformed.
api-search-patient = { $name } must be Patient/<id> or a patient id.
api-search-number = { $name } must be a whole number from 0 to { $max }.
api-search-sort = _sort={ $value } is not supported (supported: { $supported }).
api-search-total = _total={ $value } is not supported (use none, estimate or accurate).
api-search-unsupported = The search parameter { $name } is not supported (supported: { $supported }).
api-search-once = Give { $name } once (several values are not supported).
api-search-missing = { $name } must be true or false.
api-search-id = _id must be one or more resource ids (letters, digits, "-" and ".", at most 64), separated by commas.
api-search-date = { $name } must be a year, month, date or time with an optional prefix eq, ne, ge, gt, le, lt, sa, eb or ap, e.g. { $name }=ge2026-01-01.
api-flag-status = status must be active or inactive.
api-task-status = status must be ready, completed, failed or cancelled (comma-separated).
api-plan-status = status must be active, retired, draft or unknown.

api-patient-nin-required = A national identity number is required: an identifier with system { $nin } (fødselsnummer) or { $dnr } (D-number).
api-patient-nin-empty = The national identity number has no value.
api-patient-nin-several = Give one national identity number, not several.
api-patient-name-parts = Give at most 10 given names, each and the family name at most { $max } characters.
api-patient-gender = gender must be male, female, other or unknown.
api-patient-name-required = The patient's name is required (name.text, or name.given and name.family).
api-patient-name-long = The name may have at most { $max } characters.
api-patient-birth-date-differs = birthDate does not match the date of birth in the national identity number.
api-patient-birth-date = birthDate must be a date (YYYY-MM-DD).
api-patient-gp-one = Give the GP as one generalPractitioner with a display name.
api-patient-gp-her-id = Give the GP's HER-id as generalPractitioner.identifier with system urn:oid:2.16.578.1.12.4.1.2 and 1 to 9 digits.
api-patient-gp-list = generalPractitioner must be a list of references.
api-patient-gp-long = The GP's name may have at most { $max } characters.
api-patient-unit = managingOrganization must reference a unit as Organization/<id>.
api-patient-email = The e-mail address is not valid (name@domain.no).
api-patient-mobile = The mobile number must have 8 to 15 digits, optionally with + and the country code.
api-patient-not-your-unit = managingOrganization must be one of your units (Organization/<unit id>).
api-patient-which-unit = You work in several units: name the one that manages the patient in managingOrganization (Organization/<unit id>).
api-patient-not-registered = The patient could not be registered; try again.
api-patient-registered = This national identity number is already registered as Patient/{ $id }; update that patient instead.
api-patient-registered-elsewhere = This national identity number is already registered in another unit; register a referral to your unit to reach the patient.
api-patient-changed = The patient was changed by someone else meanwhile; read it again and repeat your change.
api-patient-nin-taken = That national identity number belongs to another registered patient.

api-observation-code = code must name a measurement carepath knows: { $known }.
api-observation-value = valueQuantity.value is required.
api-observation-component = The blood pressure panel ({ $panel }) needs a component with the code { $code } and a valueQuantity.
api-observation-unit = The unit must be the UCUM code { $code } ({ $shown }).
api-observation-effective = effectiveDateTime is required: when it was measured, with a time zone.
api-observation-future = effectiveDateTime is in the future: give the time it was measured.

api-care-plan-canonical = instantiatesCanonical must hold one program: its PlanDefinition url, with |version for a version other than the newest.
api-care-plan-unknown = instantiatesCanonical names no program version here; search PlanDefinition for the programs.
api-care-plan-not-offered = None of your units that care for this patient offers this program.
api-care-plan-enrolled = The patient is already enrolled in this program.
api-care-plan-status = status must be draft, active, completed or revoked (comma-separated).

api-response-status = status must be in-progress, completed or amended for a new response.
api-response-questionnaire = questionnaire is required: the canonical url|version of the questionnaire answered.
api-response-unknown-questionnaire = No questionnaire { $questionnaire } is known here; create it first (POST /fhir/Questionnaire).
api-response-authored = authored must be a dateTime with a time zone, e.g. 2026-11-23T08:00:00+01:00.
api-item-problem = Item `{ $item }`: { $problem }
api-item-no-value = Item `{ $item }`: the answer has no value[x] carepath can read (boolean, decimal, integer, date, dateTime, time, string, uri, Coding or Quantity, with a value of that type).
api-item-type = The answer must be a { $type }.
api-item-unknown = The questionnaire has no such item here.
api-item-disabled = The item is turned off by its enableWhen conditions and must not be answered.
api-item-not-a-question = The item is a group or display text and takes no answer.

api-q-resource-type = resourceType must be "Questionnaire", found "{ $found }".
api-q-no-url = The questionnaire needs a canonical url, so responses and scoring can name it.
api-q-status = status must be draft, active, retired or unknown, found "{ $found }".
api-q-no-link-id = An item (number { $n }) has no linkId.
api-q-duplicate-link-id = linkId `{ $item }` is used more than once.
api-q-consultation = Item `{ $item }` is marked as the consultation question but is not a boolean question (yes/no); mark one boolean item only.
api-q-type = Item `{ $item }` has type `{ $type }`, which carepath cannot show yet.
api-q-no-options = Item `{ $item }` is a choice without answerOption or a contained answerValueSet.
api-q-value-set = Item `{ $item }` takes its options from the value set `{ $valueset }`, which is not contained in the questionnaire; carepath does not expand external value sets, so include it in contained.
api-q-enable-when-item = Item `{ $item }`: enableWhen names `{ $question }`, which is not an item of the questionnaire.
api-q-enable-when-operator = Item `{ $item }`: enableWhen operator `{ $operator }` is not a FHIR R4 operator.
api-q-enable-when-answer = Item `{ $item }`: an enableWhen condition has no answer[x].
api-q-answers-on-group = Item `{ $item }` is a group or display text with answers or options.
api-q-exists = A questionnaire with url { $url } and version { $version } exists; update it, or give this one a new version.
api-q-in-package = The questionnaire is part of a program package; import a new package version to change it.
api-q-has-responses = Responses have been given to this version, so only its status may change; publish the change as a new version.
api-q-url-taken = The url and version belong to another questionnaire.
api-calculated-replaced = Item `{ $item }` is calculated by its calculatedExpression; the server's value replaced the one sent.
api-expression-failed = Item `{ $item }`: its { $what } could not be evaluated ({ $why }) and was left out.
api-q-expression = Item `{ $item }`: its { $what } is not valid FHIRPath ({ $why }).
api-q-unevaluated-item = Item `{ $item }` has a { $what } that carepath keeps but does not evaluate (an initialExpression is for the form filler; other languages than FHIRPath are not read).
api-q-unevaluated = The questionnaire has a { $what } that carepath keeps but does not evaluate (only FHIRPath is read).

api-score-questionnaire = The scoring is for { $expected }, not for { $found }.
api-score-item = Score `{ $score }` names item `{ $item }`, which the questionnaire does not have.
api-score-weight = Score `{ $score }` counts weights, but an option of item `{ $item }` has none.
api-score-bands = Score `{ $score }` has its bands out of order.
api-score-number-item = Score `{ $score }` is written into item `{ $item }`, which is not a number item of the questionnaire.
api-score-duplicate = Score code `{ $score }` is used more than once.

# Texts inside FHIR resources (notes and descriptions). carepath writes them in bokmål, the record's language.

fhir-care-plan-status = Status: { $status }
fhir-care-plan-terms = The terms of the treatment are accepted.
fhir-care-plan-screening = Screening: { $outcome }
fhir-care-plan-modules = Chosen in-depth modules: { $modules }
fhir-action-at = { $at } after the start
fhir-action-every = { $at } after the start, then every { $every }
fhir-version = Version { $version }
fhir-days =
    { $n ->
        [one] { $n } day
       *[other] { $n } days
    }
fhir-weeks =
    { $n ->
        [one] { $n } week
       *[other] { $n } weeks
    }
fhir-months =
    { $n ->
        [one] { $n } month
       *[other] { $n } months
    }
fhir-task-text = Fill in a form
fhir-score-missing = { $missing } of the questions are not answered; too many to compute a score.

api-communication-recipient = recipient must refer to Organization/<id> or Patient/<id>.
api-communication-status = status must be one of the Communication statuses, e.g. completed.
api-communication-based-on = basedOn must refer to the patient's enrollment as CarePlan/<id>.
api-communication-no-thread = The patient has no active enrollment with messages that you can write in.
api-communication-data = The attachment must carry its content in data, base64-encoded.
api-communication-closed = Messages cannot be sent in this enrollment now: the programme does not allow it, or the enrollment is not active.
api-communication-empty = The message needs text (payload.contentString) or an attachment.
api-communication-long = The message is longer than 5000 characters.
api-communication-file-large = Attachment { $n } is larger than 10 MiB.
api-communication-file-type = Attachment { $n } is not a photo (JPEG, PNG) or a PDF; its type is judged by its content.
api-communication-file-damaged = Attachment { $n } is damaged and cannot be read.
api-communication-file-many = A message can have at most 3 attachments.

api-document-type = type must be a code, preferably with its system: http://loinc.org|11488-4.
api-appointment-status = status must be booked, fulfilled or cancelled.
api-activity-code = the activity code is not one of the year's codes for message answers.
api-export-async = An export starts asynchronously: send Prefer: respond-async.
api-export-parameter = The export takes only _type, _since and _outputFormat=application/fhir+ndjson.
api-export-since = _since must be an instant with a time zone, for example 2025-01-01T00:00:00Z.
api-export-type = _type may hold only Patient, Task, QuestionnaireResponse and Observation.
api-export-which-project = You are a member of several open projects: ask for the export with Group/{"{"}project{"}"}/$export.
api-export-failed = The export could not be made. Delete it and ask for a new one.
api-export-progress = { $files } files written so far
api-bundle-type = Bundle.type must be batch: each entry is then handled on its own.
api-bundle-too-many = A batch can hold at most { $max } entries.
api-bundle-entry = Entry { $entry } needs request.method and a request.url relative to the API (such as Patient or Patient/123).
api-patch-not-json-patch = The body must be a JSON Patch (RFC 6902): a list of operations, each with op (add, remove, replace, move, copy or test), path and, where needed, value ({ $why }).
api-patch-failed = The patch could not be applied, and nothing was changed: { $why }
api-transaction-entry = Entry { $entry }: a transaction can register patients (POST Patient) and create questionnaire responses (POST QuestionnaireResponse), and read (GET, answered after the writes); send anything else as a batch.
api-transaction-same-number = Two entries register the same national identity number; nothing was stored.
api-patient-gender-search = gender must be male, female, other or unknown.
api-patient-name-use = name.use must be one of { $uses }.
api-patient-name-period = name.period.start and end must be dates (2026-12-07) or times with a zone.
