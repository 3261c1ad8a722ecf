escalation-subject = Alert waiting: { $unit }
escalation-body =
    { $colour ->
        [red] A red alert
        [yellow] A yellow alert
       *[other] An alert
    } in { $unit } has waited { $hours ->
        [0] { $minutes ->
            [one] { $minutes } minute
           *[other] { $minutes } minutes
        }
       *[other] { $hours } hours
    } without being acknowledged. See the worklist: { $link }

staff-patients = Patients
staff-worklist = Worklist
staff-statistics = Appointment requests: statistics
staff-emergency = Emergency access to a patient outside the unit

list-title = Patients – { $unit }
list-heading = Patients in { $unit }
list-search = Search by name or national identity number
list-status = Status
list-all = All
list-show = Show
list-count =
    { $count ->
        [one] { $count } patient
       *[other] { $count } patients
    }
list-none = No patients match the search.
list-caption = Enrolled patients
list-name = Name
list-read = Read
list-enrolled = Enrolled
list-pages = Pages

referral-title = Register a referral
referral-new = New referral
referral-unit = Unit
referral-program = Programme
referral-nin = National identity number or D number (11 digits)
referral-name = Name
referral-gp = GP (optional)
referral-language = The language the patient reads
referral-language-hint = The invitation and reminders come in this language. The patient can change it later.
referral-source = Who referred?
referral-heard = Where did the patient hear about the service?
referral-choose = Choose …
referral-submit = Register the referral
referral-error-unit = Choose the unit the referral is for.
referral-error-name = Enter the patient's full name.
referral-error-name-long = The name can have at most 200 characters.
referral-error-gp-long = The GP's name can have at most 200 characters.
referral-error-source = Choose who referred.
referral-region = The referrer's county or health region
referral-region-hint = Optional. Used only to count referrals and the share from GPs per region.
referral-error-region = Choose a county or health region from the list.
referral-error-heard = Choose where the patient heard about the service.
referral-error-program = Choose a programme the unit offers.
nin-length = The national identity number must have 11 digits.
nin-digits = The national identity number can contain digits only.
nin-check-digits = The check digits do not match. Check that the number is typed correctly.
nin-birth-date = The first six digits are not a valid date of birth.

source-gp = GP
source-hospital = Hospital
source-other = Other
heard-gp = The GP
heard-hospital = The hospital
heard-website = Websites
heard-friend = Friends or family
heard-media = Media
heard-other = Other
heard-unknown = Don't know / not asked


worklist-title = Worklist – { $unit }
worklist-heading = Worklist for { $unit }
worklist-intro = What waits for you: red and yellow measurements from the patients' self-management plans, messages from patients waiting for an answer, patients who want an appointment, and forms not answered in time. The most serious first, then the oldest.
worklist-all-programs = All programmes
worklist-alerts = Alerts ({ $count })
worklist-no-alerts = No alerts waiting.
worklist-severity = Severity
worklist-patient = Patient
worklist-measurement = Measurement
worklist-acknowledge = Acknowledge
worklist-what-done = What was done?
worklist-requests = Wants an appointment ({ $count })
worklist-no-requests = No patients are waiting for an appointment.
worklist-answered = Answered
worklist-handled = Handled
worklist-mark-handled = Mark as handled
worklist-overdue = Forms not answered ({ $count })
worklist-no-overdue = No forms are overdue.
worklist-form = Form
worklist-sent = Sent
worklist-closes = Closes
worklist-acknowledged = The alert is acknowledged.
worklist-request-handled = The appointment request is marked as handled.
worklist-note-needed = Write briefly what you did, for example “called the patient”.
alert-missing = { $name }: no measurement for { $days } days
alert-score = { $score }: { $value }
alert-expired = The form “{ $form }” was not answered
alert-unanswered = A message from the patient was not answered within the answer time
alert-trend = { $name }: { $value } { $unit }, changed a lot in a few days
alert-value = { $name }: { $value } { $unit }

emergency-title = Emergency access
emergency-heading = Emergency access to a patient outside your unit
emergency-intro = Use emergency access only when you must see the information to give health care now, and the patient does not belong to your unit. You can read for four hours. The reason is logged, the patient can see it, and an administrator reviews the access.
emergency-nin = The patient's national identity number or D number (11 digits)
emergency-reason = Reason (at least { $min } characters)
emergency-open = Open with emergency access
emergency-reason-short = Write why you need access, with at least { $min } characters: what the situation is and what you will use the information for.
emergency-reason-long = The reason can have at most { $max } characters.
emergency-no-patient = There is no patient with this number in carepath.

statistics-crumb = Appointment requests
statistics-heading = Appointment requests in need-driven follow-up
statistics-intro = How many answered yes, no or did not answer the question “Do you want a follow-up appointment?”, per programme, in your units. Counts only: no patients are shown.
statistics-from = From
statistics-to = To and including
statistics-none = No answers to the appointment question in the period { $period }.
statistics-caption = Answers in the period { $period }
statistics-total = Answers in all
statistics-yes = Yes, wants an appointment
statistics-no-answer = No answer
statistics-error-order = The from date must be before the to date.
statistics-error-format = Write the dates as year-month-day, for example 2026-01-31.

admin-title = Administration
admin-review-title = Emergency access to review
admin-waiting = { $count } waiting
admin-unusual-title = Unusual access
admin-unusual-what = emergency access and many patients in a short time
admin-contacts = The units' contact details
admin-contacts-intro = An alert not acknowledged in time (the programme decides how long) is sent to the unit's alert address, for example the on-call phone. The message names the unit and how long the alert has waited, never the patient. The phone number and opening hours are shown to patients wherever the advice tells them to call.
admin-email = E-mail
admin-mobile = Mobile (SMS)
admin-save-for = Save for { $unit }
admin-audit-api = The access log can also be fetched as FHIR AuditEvent through the API. This command checks that it has not been changed:
admin-contacts-saved = The contact details are saved.
admin-email-invalid = Enter a valid e-mail address, for example vakt@sykehus.no, or leave the field empty.
admin-mobile-invalid = Enter a mobile number with 8 to 15 digits, preferably with the country code (+47), or leave the field empty.
admin-all-reviewed = All emergency access has been reviewed.
admin-to-review =
    { $count ->
        [one] { $count } emergency access is waiting for review.
       *[other] { $count } emergency accesses are waiting for review.
    }
admin-many-heading = Many patients in a short time
admin-many-intro = People who have seen information about at least { $threshold } different patients within one hour, in the last { $days } days. Lists count too: whoever pages through many pages of the patient list is included here.
admin-threshold = Patients per hour
admin-threshold-invalid = The threshold must be a whole number from 2.
admin-many-none = Nobody has seen that many patients within one hour.
admin-many-caption = Hours with many different patients, most first
admin-hour = Hour
admin-distinct = Different patients
admin-audit-token = The whole access log can be fetched as FHIR AuditEvent with an administrator's API token:
admin-review-intro = Clinicians who have opened a patient outside their own unit, with the reason they wrote. Judge whether the access was necessary, and mark it as reviewed. Those not reviewed come first.
admin-review-count =
    { $count ->
        [one] { $count } access
       *[other] { $count } accesses
    }
admin-review-none = Nobody has used emergency access.
admin-review-caption = Emergency accesses, those not reviewed first
admin-reason = Reason
admin-review = Review
admin-note = Note (optional)
admin-mark-reviewed = Mark as reviewed
admin-marked-reviewed = The access is marked as reviewed.
admin-note-too-long = The note can have at most 1000 characters.
admin-reviewed-by = Reviewed by { $name } { $when }{ $note }

cp-emergency-until = You are seeing this patient with emergency access until { $time }, for reading only. Your reason is logged, the patient can see it, and the access is reviewed.
cp-enroll-failed = Could not enroll
cp-born = { $date } ({ $age } years)
cp-others-keep = Other units hold information about the patient that is not shown here. If you need it to give health care now, you can
cp-ask-emergency = ask for emergency access
cp-no-enrollment = The patient is not enrolled in any programme in your unit.
cp-screening = Screening
cp-paused-since = Paused since { $date }: the patient gets no forms, reminders or alerts.
cp-resume = Resume the follow-up
cp-pause = Pause
cp-withdraw-summary = End the patient's programme
cp-withdraw-confirm = I want to end { $program } for the patient. Waiting forms are withdrawn, and it cannot be undone.
cp-withdraw = End
cp-exception-question = The patient is 16–17 years old. May the patient start?
cp-exception-yes = Yes, approve the exception
cp-exception-no = No, refuse
cp-exception-save = Save the decision
cp-plan-heading = Self-management plan: limits
cp-plan-hint = The programme's limits apply until you set the patient's own. The advice the patient gets for each colour is the programme's.
cp-plan-program = Programme: { $limits }.
cp-plan-own = The patient's own: { $limits }
cp-plan-set-by = (set by { $name } { $date })
cp-plan-legend = The patient's limits for { $name }
cp-plan-legend-unit = The patient's limits for { $name } ({ $unit })
limit-red-below = Red below
limit-yellow-below = Yellow below
limit-yellow-above = Yellow above
limit-red-above = Red above
cp-plan-save = Save the limits
cp-plan-reset = Use the programme's limits
cp-enroll-heading = Enroll in a programme
cp-version = Programme and version
cp-enroll = Enroll
cp-no-limits = no limits
cp-screening-none = Not screened yet
cp-screening-eligible = Eligible
cp-screening-exception = 16–17 years: needs an exception decision
cp-screening-too-young = Under the age limit
cp-screening-excluded = Answered yes to an exclusion question
cp-screening-unknown = Unknown
cp-version-of = version { $number } ({ $label })
cp-version-newest = { $program } – version { $number } ({ $label }, newest)
cp-version-choice = { $program } – version { $number } ({ $label })
cp-notice-referral = The referral is registered. Enroll the patient in a programme below.
cp-notice-referral-existing = The referral is registered to a patient already registered with this national identity number, with the name and details shown here. Check that this is the right person; the name you typed was not used.
cp-notice-enrolled = The patient is enrolled. The patient can now sign in and start.
cp-notice-decided = The decision is saved.
cp-notice-limits = The limits of the self-management plan are saved.
cp-notice-paused = The follow-up is paused. The patient gets no forms, reminders or alerts until it is resumed.
cp-notice-resumed = The follow-up is resumed.
cp-notice-withdrawn = The patient's programme has ended. Waiting forms are withdrawn.
cp-error-choose-version = Choose the programme and version to enroll the patient in.
cp-error-not-offered = The unit does not offer this programme.
cp-error-already-enrolled = The patient is already enrolled in this programme.
cp-error-approve-or-refuse = Choose approve or refuse.
cp-error-no-limits = The programme has no limits for this measurement.
cp-error-one-limit = Fill in at least one limit, or choose “Use the programme's limits”.
cp-error-limit-order = A red limit must lie outside the yellow: “red below” cannot be above “yellow below”, and “red above” cannot be below “yellow above”.
cp-error-confirm-withdraw = Tick the box to confirm you want to end the patient's programme. It cannot be undone.
cp-error-which-change = Choose pause, resume or end.
cp-error-limit-range = { $label }: enter a number between { $min } and { $max } { $unit }.
cp-error-limit-number = { $label }: enter a number, or leave the field empty.

# The patient overview: scores, measurements and alerts.
cp-when = When
cp-value = Value
cp-colour = Colour
cp-what = What
cp-handled = Handled
cp-measurements = Measurements
cp-measurement-limits = (limits: { $limits })
cp-no-measurements = No measurements yet.
cp-alerts = Alerts
cp-no-alerts = No alerts.
cp-alert-open = Not handled
cp-alert-handled = Acknowledged { $time }
# Contact details.
contact-email = E-mail
contact-mobile = Mobile
contact-none = Not given
contact-change = Change contact details
contact-hint = Reminders and messages to the patient go here. An empty field removes it.
contact-save = Save the contact details
contact-email-invalid = The e-mail address is not valid. Write it as name@domain.no.
contact-mobile-invalid = The mobile number must have 8 to 15 digits, optionally with + and the country code.
contact-changed = Someone else changed the patient's details meanwhile. Check them and save again.
cp-notice-contact = The contact details are saved.
referral-contact-hint = E-mail and mobile (optional) for a new patient: the invitation and reminders go here. A patient registered before keeps theirs; change them on the patient's page.
admin-phone = Phone for patients
admin-hours = Opening hours (for example "weekdays 08:00–15:30")
admin-phone-invalid = Write a phone number with 8 to 15 digits, preferably with the country code (+47), or leave the field empty.
admin-hours-too-long = Write the opening hours in at most 200 characters.

team-message-subject = New message to { $unit }
team-message-email =
    A patient has sent a message to { $unit }. Read and answer in carepath:
    { $link }
team-message-sms = New patient message to { $unit }: { $link }

cp-messages-title = Messages – { $name }
cp-messages-no-threads = The patient has no message thread with your units.
cp-messages-answer-time = Answer time: { $days ->
    [one] one working day
   *[other] { $days } working days
    }
cp-messages-due = Must be answered by the end of { $date }
cp-messages-template = Reply template
cp-messages-use-template = Use the template
cp-messages-reply = Reply to the patient
cp-messages-sent = The reply has been sent. The patient gets a notification without its content.
cp-messages-not-ours = The thread belongs to another unit. You can read it but not reply.
cp-messages-ended = The enrollment is not active. The thread can be read but not answered.
cp-messages-off = The programme has no messages.
cp-messages-open = Messages
cp-templates-title = Reply templates
cp-templates-intro = Answers the unit uses often. A template only fills in the reply box; read and adapt it before sending.
cp-templates-none = No templates yet.
cp-templates-remove = Delete “{ $title }”
cp-templates-new = New template
cp-templates-unit = Unit
cp-templates-name = Template name
cp-templates-text = Text
cp-templates-add = Save the template
cp-templates-saved = The template has been saved.
cp-templates-removed = The template has been deleted.
cp-templates-error-title = Give the template a name of at most 100 characters.
cp-templates-error-body = Write the template's text (at most 5000 characters).

worklist-messages = Messages waiting for an answer ({ $count })
worklist-no-messages = No messages are waiting.
worklist-waited-head = Waited
worklist-waited = { $days ->
    [0] { $hours } h
   *[other] { $days } d { $hours } h
    }
worklist-answer-by = Answer by
worklist-message-state = State
worklist-message-late = Past the answer time
worklist-message-unread = { $count } unread
worklist-message-unanswered = Read, not answered ({ $count })
list-referred = Referred, not enrolled ({ $count })
list-referred-at = referred { $date }
worklist-see-answers = See the answers in “{ $form }”
cp-tasks = Forms
cp-task-due = Sent
cp-task-open = Waiting for an answer
cp-task-overdue = Overdue, still waiting
cp-task-completed = Answered { $date }
cp-task-expired = Not answered (closed { $date })
cp-task-cancelled = Cancelled
cp-requests = Appointment requests
cp-request-asked = Asked for an appointment { $date }
cp-request-open = waiting to be handled
cp-request-handled = handled { $date }
cp-messages-open-unread = Messages ({ $count } unread)
cp-answers-when = Answered { $time }
cp-answers-none = No questions are answered.
cp-answers-back = Back to { $name }

# Staff accounts (administrators)
admin-staff-link = Staff and access
admin-staff-what = add staff, give roles in units, disable accounts, new password links
staff-title = Staff and access
staff-caption = Staff with roles, by name
staff-name = Name
staff-roles = Roles
staff-state = Status
staff-hpr-is = HPR { $hpr }
staff-disabled = Disabled
staff-active = Active
staff-password = Sign-in
staff-password-set = password set
staff-password-missing = password not set yet
staff-helseid-only = no local password; HelseID with the HPR number
staff-factor-set = one-time codes set up
staff-tokens-count = { $count ->
    [one] one API token
   *[other] { $count } API tokens
}
staff-add = Add a staff member
staff-add-intro = The new staff member gets a link to choose a password. The link is shown once here, works for 24 hours, and must reach the person safely. At their first sign-in they set up one-time codes in an app.
staff-username = Username
staff-username-hint = 3 to 40 characters: lower-case letters a–z, digits, full stop, hyphen or underscore.
staff-hpr = HPR number
staff-hpr-hint = The health personnel number (6 to 9 digits). Used to sign in with HelseID. May be left empty.
staff-role = Role
staff-unit = Unit
staff-unit-hint = Clinicians and coordinators work in one unit and see only its patients. Other roles have no unit.
staff-no-unit = No unit
staff-add-button = Add
staff-role-in = { $role } in { $unit }
staff-username-invalid = Type a username of 3 to 40 characters: lower-case letters a–z, digits, full stop, hyphen or underscore.
staff-name-invalid = Type the name, at most 100 characters.
staff-hpr-invalid = An HPR number has 6 to 9 digits. Leave the field empty if the person has none.
staff-role-invalid = Choose one of the roles in the list.
staff-unit-missing = Choose the unit the clinician or coordinator will work in.
staff-taken = The username or the HPR number is already used by another account.
staff-own-account = You cannot disable your own account or take the administrator role from yourself. Ask another administrator.
staff-link-heading = Link to choose a password
staff-link-intro = Give the link to the person safely. It is shown only now and works once, for 24 hours.
staff-no-roles = No roles: the account gives access to nothing.
staff-remove-role = Remove the role { $role }
staff-give-role = Give a role
staff-sign-in = Sign-in
staff-new-link = Make a new password link
staff-new-link-what = When the password is forgotten. The old password works until the new one is chosen.
staff-reset-factor = Reset one-time codes
staff-reset-factor-what = When the phone with the code app is lost. The person is signed out everywhere and sets up codes again at the next sign-in.
staff-new-codes = Make recovery codes
staff-codes-left = { $count ->
    [0] No unused recovery codes. Each recovery code can be used once instead of the one-time code from the app.
    [one] One unused recovery code.
   *[other] { $count } unused recovery codes.
}
staff-codes-heading = Recovery codes
staff-codes-intro = Give the codes to the person safely; they are shown only now. Each code can be used once instead of the one-time code from the app. Earlier unused recovery codes no longer work.
staff-save-hpr = Save the HPR number
staff-hpr-changed-now = The HPR number is saved.
staff-tokens = API tokens
staff-no-tokens = No valid API tokens.
staff-tokens-caption = Valid API tokens
staff-token-made = Made
staff-token-expires = Expires
staff-revoke-tokens = Revoke all API tokens
staff-account = Account
staff-disable-what = A disabled account cannot sign in; its sessions end and its API tokens are revoked. The name stays in the records and the access log.
staff-disable = Disable the account
staff-enable-what = The account is disabled and cannot sign in.
staff-enable = Enable the account again
staff-disabled-now = The account is disabled.
staff-enabled-now = The account is enabled again.
staff-factor-reset-now = The one-time codes are reset.
staff-tokens-revoked-now = The API tokens are revoked.
staff-roles-changed-now = The roles are changed.
staff-unchanged = Nothing to change.

# The access log on screen (administrators)
admin-log-link = The access log
admin-log-what = who has read and changed what, with filters and download
log-title = The access log
log-intro = Every read and change of patient data, and every change to staff access, newest first. Patients are shown by their id, not by name.
log-person-filter = Person (username)
log-patient-filter = Patient id
log-patient-hint = The id is in the address of the patient's page (/klinikk/pasient/…) and in the API.
log-from = From date
log-until = To date (inclusive)
log-kind = Kind of record
log-all = All
log-action = Action
log-show = Show
log-found = { $count ->
    [one] One event
   *[other] { $count } events
}
log-download = Download as CSV (at most 10,000)
log-caption = Events in the access log, newest first
log-when = Time
log-person = Person
log-role = Role
log-unit = Unit
log-record = Record
log-patient = Patient
log-reason = Reason
log-pages = Pages of the access log
log-newer = Newer
log-older = Older
log-page-of = Page { $page } of { $pages }
log-action-read = read
log-action-create = created
log-action-update = changed
log-date-invalid = Type the date as year-month-day, for example 2026-12-01.
log-person-unknown = Nobody has that username.
log-patient-invalid = A patient id looks like this: 01a2434f-2321-71ce-ac6b-3cb6ca6a2037.
log-the-patient = The patient themself
log-kind-patient = Patient details
log-kind-care-plan = Care plan
log-kind-response = Questionnaire answers
log-kind-observation = Measurement or score
log-kind-task = Task
log-kind-flag = Alert
log-kind-referral = Referral or appointment request
log-kind-message = Message
log-kind-attachment = Attachment
log-kind-staff = Staff member
log-kind-staff-role = Staff role
log-kind-log = The access log
log-kind-copy = Copy of all data
log-refused-other-unit = Tried, but refused: the record belongs to another unit
log-file-name = access-log

## Letters to the GP (decision 0034). The letter itself is always in bokmål.
letter-message-subject = Letter to the GP
letter-phone = Phone { $phone }
letter-to-gp = To the GP
letter-her-id = HER-id { $id }
letter-patient = Patient
letter-nin = National identity number
letter-program = Programme
letter-started = Started
letter-not-answered = Not answered
letter-yes = Yes
letter-no = No
letter-regards = Kind regards
letter-hpr = HPR number { $hpr }
letter-results = Results
letter-col-score = Score
letter-col-start = At start
letter-col-now = Now
letter-col-change = Change
letter-col-responder = Clinical response
letter-assessment = Assessment
letter-note-text = A letter from specialist care about the patient's treatment programme. The letter is attached as a PDF.
letter-suggest-change = { $title }: { $start } at the start and { $now } now, a change of { $change }.
letter-suggest-now = { $title }: { $now }.
letter-suggest-missing = { $title }: not answered yet.
letter-suggest-responder = The change is large enough to count as a clinical response.
letter-suggest-not-responder = The change is smaller than what counts as a clinical response.
letter-status-draft = Draft since { $date }
letter-status-sending = Signed, being sent
letter-status-sent = Sent { $date }
letter-status-sent-again = Sent { $date } (sent { $count } times)
letter-hold-no-gp = The patient has no GP on record. Add the GP before the letter can be sent.
letter-hold-no-gp-her-id = The GP has no HER-id, so the letter has no address. Add the HER-id before the letter can be sent.
letter-hold-no-unit-her-id = The unit has no HER-id to send from. An administrator adds it on the administration page.
letter-hold-fix = Add the GP and HER-id on the patient's page
letter-error-empty = Write an assessment before you sign.
letter-error-long = The assessment can be at most { $max } characters.
letter-error-sending = The letter is on its way to the GP. Wait until it is sent.
letter-error-again = The letter has been sent already. Tick the box to send it again.
letter-error-changed = Someone else changed the letter meanwhile. Check it and try again.
letter-not-answered-yet = Not answered
letter-not-asked = Not asked
letter-responder-yes = Yes
letter-responder-no = No
letter-notice-signed = The letter is signed and goes to the GP within a minute.
letter-notice-saved = The assessment is saved. The letter has not been sent.
letter-recipient = Recipient
letter-open-pdf = Open the letter (PDF)
letter-no-scores = The programme has no scores for this timepoint.
letter-assessment-hint = The suggestion is made from the scores. Change it into your assessment before you sign; this is what the GP reads.
letter-assessment-sent-hint = The assessment as it was sent.
letter-save = Save the draft
letter-sign-send = Sign and send to the GP
letter-clinician-signs = A clinician of the unit signs and sends the letter.
letter-again = Send the letter to the GP again (for example when the GP has changed)
letter-send-again = Send again
letter-code = Activity code
letter-code-hint = The code the work is recorded with in the unit's monthly report to NPR. Codes marked as placeholders must be replaced by the unit.
letter-code-none = No code
letter-error-code = Choose one of this year's codes for letters.
letter-sending-hint = The letter is being set and sent. This page shows when it has been sent.
cp-gp-with-her-id = { $name } (HER-id { $id })
cp-letters = Letters to the GP
contact-gp = GP
contact-gp-her-id = The GP's HER-id
contact-gp-her-id-hint = The address letters to the GP are sent to (from the Norwegian address register), 1 to 9 digits.
contact-her-id-invalid = A HER-id is 1 to 9 digits.
admin-her-id = HER-id (letters to GPs are sent from it)
admin-her-id-invalid = A HER-id is 1 to 9 digits.
worklist-letters = Letters to the GP waiting ({ $count })
worklist-no-letters = No letters are waiting.
worklist-letter = Letter
worklist-letter-since = Made
worklist-letter-hold = Waiting for

## The monthly activity report (decision 0035).
activity-title = Activity report
activity-intro = Work recorded with an activity code, counted per code and clinician for one month, ready for reporting to NPR. The report shows no patients.
activity-unit = Unit
activity-month = Month
activity-show = Show
activity-none = No work was recorded with a code this month.
activity-totals = Total per code
activity-csv = Download as CSV
activity-xlsx = Download as a spreadsheet (XLSX)
activity-bad-month = Write the month as year and month, for example 2026-12.
activity-month-name = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
activity-col-month = Month
activity-col-unit = Unit
activity-col-code = Code
activity-col-system = Code system
activity-col-kind = Work
activity-col-person = Clinician
activity-col-count = Count
activity-file-name = activity
activity-kind-message-answer = Answer to a message
activity-kind-video = Video consultation
activity-kind-group = Group session
activity-kind-letter = Letter to the GP
activity-kind-assessment = Assessment
activity-kind-other = Other
staff-activity = Activity report
letter-file-name = letter-to-gp

activity-kind-on-site = Visit on site
appointment-request-note = Appointment booked { $date } at { $time }
appointments-title = Appointments
appointments-intro = The unit's coming appointments: video consultations, group video sessions, visits on site and courses at the hospital. The patient is told by e-mail and SMS when an appointment is booked, moved or cancelled, and reminded the day before.
appointments-none = The unit has no coming appointments.
appointments-how-to-book = Book an appointment from a request on the worklist, or from the patient's page.
appointments-link = Appointments
appointment-col-when = Time
appointment-col-kind = Kind
appointment-col-who = Patient
appointment-places-taken = { $taken } of { $capacity } places taken
appointment-new-title = Book an appointment
appointment-new-for = For { $patient }.
appointment-new-from-request = The patient asked for an appointment. The request counts as handled once the appointment is booked.
appointment-join-group = Add to a group session with a free place
appointment-group-choice = { $when }, { $free } free places
appointment-join-button = Add to the group session
appointment-or-new = Or book a new appointment
appointment-kind = Kind of appointment
appointment-no-video-service = The hospital's video service is not set up (CAREPATH_VIDEO_URL), so only visits on site can be booked.
appointment-date = Date
appointment-time = Time
appointment-minutes = Length in minutes
appointment-capacity = Places
appointment-capacity-hint = Group sessions only: how many patients can take part.
appointment-place = Place
appointment-place-hint = Visits on site only: where the patient should come, for example "Outpatient clinic, 2nd floor".
appointment-patient-told = The patient is told the time by e-mail and SMS, and reminded the day before. The message does not say what the appointment is about.
appointment-book = Book
appointment-join-link = Link to the video meeting
appointment-participants = Patients
appointment-no-participants = No patients take part.
appointment-attended = came
appointment-not-attended = did not come
appointment-remove = Take { $patient } out of the group
appointment-record = Record as held
appointment-who-came = Who came?
appointment-code-hint = The code is recorded for each patient who came, and counted in the unit's activity report.
appointment-record-button = Record as held
appointment-clinician-records = A clinician of the unit records the appointment as held.
appointment-move = Move the appointment
appointment-move-button = Move
appointment-cancel = Cancel the appointment
appointment-cancel-button = Cancel
appointment-patients-told = The patients are told by e-mail and SMS.
appointment-notice-booked = The appointment is booked, and the patient has been told.
appointment-notice-changed = The appointment is changed.
appointment-error-past = Choose a time in the future.
appointment-error-when = Enter a date and a time.
appointment-error-kind = Choose a kind of appointment.
appointment-error-minutes = The length must be between { $min } and { $max } minutes.
appointment-error-capacity = A group session must have between { $min } and { $max } places.
appointment-error-place = Write where the patient should come (at most 200 characters).
appointment-error-no-video = The hospital's video service is not set up. Choose a visit on site.
appointment-error-full = The group session is full.
appointment-error-already-in = The patient is in the group session already.
appointment-error-closed = The appointment is cancelled, held or over, and cannot change.
appointment-error-changed = Someone else changed the appointment at the same time. Look it over and try again.
appointment-error-code = Choose a code from the list.
appointment-error-choose-group = Choose a group session.
cp-appointments = Appointments
cp-book = Book an appointment
worklist-book = Book an appointment
cp-messages-code-hint = Choose a code if your answer is a consultation to be reported. It is counted in the unit's activity report.
worklist-code = Activity code for the assessment (optional)
appointment-open-video = Open the video meeting
appointment-add-hint = Add more patients from their own page: "Book an appointment" offers group sessions with a free place.

## Outcome reports and research (issue 16)
staff-reports = Outcome reports
report-title = Outcome report
report-intro = Choose a program. The report shows the program's effect from its own data: scores at each time, how many answered, who started and finished, and where they were referred from.
report-no-programs = None of your units runs a program yet.
report-no-projects = You are not a member of an approved research project covering a program right now.
report-bad-year = Write the year with four digits, for example 2024.
report-at-start = Start
report-at-days = { $n } days
report-at-weeks = { $n } weeks
report-at-months = { $n } months
report-hidden = under 5
report-hidden-together = Hidden (groups under 5) together
report-section-paired = Distribution, paired (answered at the start and later)
report-section-responders = Share who responded
report-section-change = Mean change from the start
report-section-bands = Distribution, everyone who answered
report-section-mean = Mean
report-section-response-rate = Response rate
report-answered = Answered
report-missed = Did not answer (closed)
report-still-open = Still open
report-section-years = Per year
report-started = Started
report-finished = Finished
report-withdrawn = Ended early
report-running = Running
report-referrals = Referrals received
report-gp-share = Referred by a GP
report-section-sources = Who referred
report-section-heard = Where the patient heard about the service
report-section-age = Age at the start
report-mean-age = Mean age
report-section-sex = Sex
report-sex-female = Female
report-sex-male = Male
report-sex-other = Other
report-sex-unknown = Not recorded
report-section-alerts = Alerts
report-alerts-yellow = Yellow alerts
report-alerts-red = Red alerts
report-per-patient-week = per patient-week
report-red-hours = Hours from a red alert to its acknowledgement (mean)
report-red-median-hours = Hours from a red alert to its acknowledgement (median)
report-adherence = Days with at least one measurement (mean per patient)
report-chart-paired = { $score }: distribution at the start and at { $time } for the { $n } who answered both times
report-chart-all = { $score }: distribution of everyone who answered, per time
report-chart-table = The numbers are in the table below.
report-whose-research = Every unit, through the project “{ $project }”
report-research-consent = Only patients who consented to research are counted
report-canonical = Program address: { $url }
report-unit = Unit
report-all-units = All my units
report-from-year = Started from year
report-to-year = Up to and including year
report-show = Show
report-patients = { $count ->
    [one] { $count } patient started
   *[other] { $count } patients started
}
report-small-cells = Groups of fewer than 5 patients are not shown, so no one can be recognised.
report-summary-title = Key figures
report-summary-line = { $score }, { $time } against the start ({ $n } patients with both): { $responders } responded, mean change { $change }.
report-summary-share = { $share } ({ $k })
report-summary-change = { $mean } (95 % CI { $low } to { $high })
report-some-hidden = Some figures in this report are hidden for that reason (shown as “under 5”); in the charts the hidden groups are put together in grey.
report-explain = Paired means patients who answered both at the start and at the later time. The intervals are 95 % confidence intervals (Wilson for shares, the t distribution for means). A responder is a patient who improved at least as much as the score requires.
report-csv = Download as CSV
report-xlsx = Download as a spreadsheet (XLSX)
report-file-name = outcome-report
report-col-section = Part
report-col-item = What
report-col-time = Time
report-col-group = Group
report-col-n = n
report-col-value = Count or value
report-col-share = Share
report-col-low = Lower limit
report-col-high = Upper limit
report-col-interval = 95 % interval
research-title = Research
research-intro = The projects you are a member of. An approved project gives you figures from every unit for the programs it covers, only of patients who consented to research, and never for groups under 5.
research-none = You are not a member of any research project. An administrator adds you when the project is approved.
research-approval = Approval: { $ref }
research-closed = Not open now (waiting for approval or outside its period)
research-report-of = Outcome report: { $program }
research-admin-title = Research projects
research-admin-what = projects that see figures and make extracts, with their approval, period, researchers and programs.
research-admin-intro = A project gives its researchers figures from every unit and pseudonymised extracts for the programs it covers – only when approved and within its period, and only of patients who consented to research.
research-admin-none = No projects yet.
research-admin-project = Project title
research-admin-approval = Approval (reference)
research-admin-approval-hint = For example the REK number.
research-admin-approved = The approval has been given
research-admin-waiting = waiting for approval
research-admin-period = Period
research-admin-from = From
research-admin-to = Up to and including
research-admin-members = Researchers in the project
research-admin-no-researchers = No staff member has the researcher role yet. Give the role under Staff first.
research-admin-programs = Programs the project covers
research-admin-new = New project
research-admin-edit = Change the project
research-admin-save = Save the project
research-admin-bad-date = Write both dates, for example 2026-01-01.
research-admin-no-title = Write the project's title.
research-admin-no-approval = Write the approval's reference.
research-admin-ends-before = The period cannot end before it starts.
research-admin-conflict = The project was changed by someone else in the meantime. Look it over and save again.
research-exports = Extracts
research-exports-how = A pseudonymised extract (FHIR Bulk Data, NDJSON) of the patients who consented is ordered with the button under the project and downloaded here when it is ready (reload the page to see whether it is done). It can also be ordered and fetched with your API token: GET /fhir/Group/{"{"}project{"}"}/$export with Prefer: respond-async, then the status address below. The files are deleted after a day.
research-exports-none = You have not asked for an extract.
research-export-asked = Asked for
research-export-status = Status
research-export-files = Contents
research-export-expires = Deleted
research-export-address = Status address
research-export-running = Being made
research-export-done = Ready
research-export-failed = Failed – delete it and ask again
research-export-count = { $files } files, { $resources } resources
research-export-order = Order a pseudonymised export
research-export-delete = Delete the export
research-export-resources = { $count } resources

## Group courses on site (decision 0046)
group-course-new-title = Plan a course at the hospital
group-course-new-intro = A course at the hospital for the patients of a program at { $unit }. The patients sign up themselves on their pages, until the course begins.
group-course-program = Program
group-course-capacity = Places
group-course-place = Place (room, floor, address)
group-course-new-hint = No one is told when the course is planned. Patients see it under "My appointments" and get a reminder the day before.
group-course-plan = Plan the course
group-course-error-program = The unit has no program with courses at the hospital. Choose another program.
group-course-add-hint = The program's patients sign up themselves. You can also add a patient from the patient's page.
group-course-record-hint = The patients who came get the satisfaction questionnaire on their pages.
report-section-group-courses = Courses at the hospital
report-group-sessions = Courses held
report-group-attended = Patients who came
report-group-answered = Answered the satisfaction questionnaire
report-group-recommend = Would recommend the course
report-summary-group = Courses at the hospital { $year }: { $sessions } courses held, { $share } of { $n } who answered would recommend the course.
worklist-enquiries = { $count ->
    [one] One enquiry from a health professional
   *[other] { $count } enquiries from health professionals
}
worklist-no-enquiries = No enquiries from health professionals are waiting.
worklist-enquiry-contact = Answer to: { $contact }
worklist-enquiry-what-done = What was answered, and how?
worklist-enquiry-handled = The enquiry is marked as answered.
## Dissemination statistics (decision 0049)
spread-title = Dissemination
spread-intro = How far the service reaches, per year: referrals and the share from GPs, patients started, enquiries from health professionals, course participants at the unit's course days and visits of the public pages.
spread-section-years = Per year
spread-referrals = Referrals
spread-started = Patients started
spread-enquiries = Enquiries from health professionals
spread-course-participants = Course participants who attended
spread-visits = Visits of the public pages
spread-section-professions = Course participants by profession
spread-section-regions = Course participants by region
spread-section-referral-regions = Referrals by the referrer's region
spread-section-gp-share-regions = Referred by a GP, by the referrer's region
spread-region-unknown = Not given
spread-section-most-read = Most read public pages
spread-section-places = Places running the programmes
spread-none = No figures yet.
spread-sources = Sources: the referrals and enrollments of the unit's programmes, the enquiries from the public pages, attendance at the unit's course days and the visit counts of the public pages (the front page and the programme pages).
spread-file-name = dissemination
spread-all-years = Every year
spread-now = Now
spread-small-cells = Counts of people under 5 are not shown (they read "under 5"), so no one can be recognised; the GP share is then hidden too. Visit counts are not people and are always shown.
## The dissemination plan (decision 0050)
plan-title = Dissemination plan
plan-intro = The measures the unit takes to spread the service, with their means, sub-goal, period, who is responsible and where each stands. Choose an indicator from the dissemination figures to see the year's progress. Each year has its own plan; earlier years' plans are kept.
plan-year = Year
plan-none = There is no plan for this year yet. Add the first measure below.
plan-means = Means
plan-sub-goal = Sub-goal
plan-period = Period
plan-responsible = Responsible
plan-indicator = Indicator
plan-indicator-none = None
plan-status = Status
plan-set-status = Save status
plan-status-planned = Planned
plan-status-ongoing = Ongoing
plan-status-done = Done
plan-status-dropped = Dropped
plan-add = New measure
plan-measure = Measure
plan-add-button = Add the measure
plan-next = Start the plan for { $year }
plan-next-hint = The plan for { $year } starts with the measures not done or dropped. This plan stays as it is.
plan-changed = The plan is updated.
plan-problem-measure = Write what the measure is (at most 300 characters).
plan-problem-long = A field can have at most 300 characters.
plan-problem-year = Plans can only be made from ten years back to next year.
plan-problem-exists = Next year has a plan already.
## The annual report (decision 0051)
annual-title = Annual dissemination report { $year }
annual-link = Annual report
annual-pdf = Download as PDF
annual-file-name = annual-dissemination-report
annual-unit = Unit
annual-intro = The report gathers the figures for { $year } from the dissemination statistics, the outcomes of the unit's programmes and the status of the measures in the year's dissemination plan. Each figure names its source.
annual-figures = Key figures { $year }
annual-col-source = Source
annual-source-referrals = Referrals received in the year, by referrer
annual-source-started = Enrollments started in the year
annual-source-enquiries = Questions from health professionals through the public pages
annual-source-courses = Attendance at the unit's course days
annual-source-visits = Visit counts of the front page and the programme pages
annual-outcomes = Outcomes of the patients who started in the year
annual-patients = Patients
annual-responders = Responders, { $score }
annual-col-program = Programme
annual-no-outcomes = No outcome figures for the year.
annual-source-outcomes = Source: the outcome report of the patients in the unit's programmes who started in the year.
annual-plan = The dissemination plan { $year }
annual-no-plan = The unit has no dissemination plan for the year.
annual-col-page = Page
annual-col-visits = Visits (every year)
annual-col-places = Places running the programme
annual-small-cells = Counts of people under 5 are not shown, so no one can be recognised.
annual-footer = Annual dissemination report { $year }, { $unit }

## Procedure registration for a quality registry (decision 0052)
proc-title = Procedure registry
proc-intro = Register procedures your unit has done, in the unit's own quality registry. The quality indicators are computed from the registrations, and a year can be downloaded as CSV or FHIR for a national registry.
proc-form = Procedure
proc-register = Register a procedure
proc-one = Registration
proc-indicators = Quality indicators of { $unit }
proc-indicators-note = Registrations marked as entered in error are left out. Diagnostic tissue samples are counted only among samples with a known result.
proc-count = Registrations
proc-measure = Quality indicator
proc-share = { $k } of { $n } ({ $pct })
proc-share-none = none to count
proc-none = The unit has no registrations of this procedure yet.
proc-year-list = Registrations { $year }
proc-none-year = No registrations this year.
proc-col-id = Registration
proc-col-day = Done on
proc-col-nin = National identity number
proc-col-patient = Patient
proc-col-performer = Done by
proc-col-status = Status
proc-status-completed = Registered
proc-status-in-error = Entered in error
proc-csv = Download the year as CSV
proc-fhir = Download the year as FHIR (Procedure and QuestionnaireResponse)
proc-export-note = The download holds national identity numbers. Each patient's registration in it is in the patient's access log.
proc-registered = The procedure is registered.
proc-changed = The registration is changed. The earlier version is kept.
proc-new-intro = The registration belongs to { $unit }, and you are named as the one who did the procedure.
proc-name = Patient's name
proc-name-hint = Needed only when the patient is not registered in carepath yet. A patient who is keeps their name.
proc-day = Date of the procedure
proc-save = Save the registration
proc-version = Version
proc-answers = Answers
proc-correct = Correct the registration
proc-save-correction = Save the correction
proc-in-error = Mark as entered in error
proc-in-error-hint = Is the registration about the wrong patient, or a procedure that was not done? Then mark it as entered in error. It is not deleted, but no longer counted.
proc-error-name = Write the patient's name. The number is not in carepath yet.
proc-error-day = Choose the date the procedure was done (year-month-day, for example 2026-01-31).
proc-error-day-future = The date cannot be after today.
proc-error-day-old = Procedures more than a year back cannot be registered here.

## Places running a program (decision 0054)
place-title = Places running the programs
place-what = which units run which program, with status, start and contact
place-intro = The units that run a program, with status, start date and a contact for health professionals. What is here is shown on the public pages; an ended program is not shown, and referrals to it are not taken. Patients who have started keep everything.
place-saved = Saved.
place-status = Status
place-start = Start (date)
place-contact = Contact for health professionals
place-contact-hint = Optional: a role, a phone number or an e-mail address. Shown on the program's public page.
place-save = Save
place-add = Add a program to a unit
place-program = Program
place-add-button = Add
place-status-planned = Planned
place-status-running = Running
place-status-paused = Paused
place-status-ended = Ended
place-error-status = Choose a status from the list.
place-error-start = Choose the start date (year-month-day, for example 2026-01-31).
place-error-contact = The contact can be at most 200 characters.
