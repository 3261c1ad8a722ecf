site-tagline = carepath – an open platform for digital treatment programmes
skip-to-content = Skip to content
nav-account = Account
sign-out = Sign out
sign-out-everywhere = Sign out on all devices
demo-banner = Demo version with made-up patients. Do not use real health information.
language-choice = Language
form-errors-heading = Something needs correcting

error-code = Error code { $code }
error-home = To the start page
error-not-found-heading = Page not found
error-not-found-text = Check the address, or go back to the start page.
error-forbidden-heading = You do not have access
error-forbidden-text = The role you are signed in with does not give access to this page.
error-csrf-heading = The form could not be sent
error-csrf-text = The page was too old, or you have signed in again in the meantime. Go back, reload the page and try again.
error-too-many-heading = Too many attempts
error-too-many-text = There have been many attempts from here in a short time. Wait a little and try again.
error-bad-request-heading = Something was wrong with the request
error-form-too-large = The form is too large.
error-conflict-heading = Someone else changed this at the same time
error-conflict-text = Nothing is lost. Reload the page and try again.
error-gone-heading = We could not find what you were looking for
error-gone-text = It may have been moved or deleted.
error-internal-heading = Something went wrong on our side
error-internal-text = Please try again shortly. Give the error code { $incident } if you contact us.

sign-in-title = Sign in
sign-in-button = Sign in
sign-in-failed = You were not signed in
sign-in-demo-heading = Demo sign-in
sign-in-demo-intro = This is a demo. You sign in with a username only – in a real installation patients sign in with BankID (ID-porten) and health professionals with HelseID.
sign-in-username = Username
sign-in-password = Password
sign-in-demo-users = Demo users
sign-in-demo-patient1 = new, not screened
sign-in-demo-patient2 = has answered the start form and is reading module 1
sign-in-demo-patient3 = three months in, has chosen extra modules
sign-in-demo-patient4 = has finished the course
sign-in-demo-patient5 = 17 years old, waiting for an exception decision
sign-in-demo-units = unit 1; { $second } – unit 2
sign-in-demo-admin = administrator: review of emergency access
sign-in-demo-others = roles that have no pages of their own yet
sign-in-not-configured = Sign-in with ID-porten (BankID) and HelseID is not set up on this installation yet. Contact whoever runs the service.
sign-in-staff-password = Staff without HelseID, or a course participant? Sign in with username and password
sign-in-participant-note = Course participants use their e-mail address as username. No participant account yet, or forgotten its password?
sign-in-staff-note = You will then enter a one-time code from an authenticator app. If you have forgotten your password, ask the administrator for a new link.
sign-in-unknown-demo-user = We found no demo user with that username.
sign-in-password-set = Your password is set. Sign in with the new password.
sign-in-wrong-password = Wrong username or password. After five failed attempts the account is locked for 15 minutes.
sign-in-too-slow = Signing in took too long. Please start again.
sign-in-provider-down = The sign-in service is not answering right now. Please try again shortly.
sign-in-cancelled = Signing in was cancelled. You can try again.
sign-in-stale = Signing in could not be completed, perhaps because the page was too old or was opened twice. Start signing in again.
sign-in-level-substantial = You signed in at the substantial security level (for example MinID). Because the service holds health information, it requires the high level. Sign in again with BankID, Buypass or Commfides.
sign-in-no-referral = We cannot find a referral for you. You get access when the hospital has registered the referral from your doctor. Contact your GP or the outpatient clinic if you think this is wrong.
sign-in-level-staff = The sign-in had too low a security level. Health professionals must sign in at security level 4.
sign-in-no-staff-account = Your HPR number is not linked to a user in carepath. Ask your department's administrator for access.

otp-title = One-time code
otp-setup-heading = Set up one-time codes
otp-enter-heading = Enter the one-time code
otp-setup-intro = Your account needs a second factor. Open an authenticator app (for example Microsoft Authenticator or Google Authenticator), choose to add an account with a key, and enter this key:
otp-setup-link-before = On a phone with the app you can instead open
otp-setup-link = this link
otp-setup-confirm = Then enter the code the app shows, to confirm.
otp-enter-intro = Open the authenticator app and enter the code it shows for carepath.
otp-recovery-hint = Lost your phone? Enter one of the recovery codes (10 digits) you got from the administrator.
otp-code = Code (6 digits)
otp-wrong = The code is wrong, or it has been used before. Enter the code the app shows now.
otp-setup-failed = The one-time code could not be set up. Please try again.
otp-check-failed = The one-time code could not be checked. Please try again.

password-title = New password
password-heading = Set a new password
password-intro = For the user { $username }. The password must have at least { $min } characters; a sentence of several words is easy to remember and hard to guess. All sign-ins on other devices are ended.
password-new = New password
password-repeat = Repeat the password
password-save = Save the password
password-link-used = The link for setting a password has been used or has expired. Ask the administrator for a new one.
password-too-short = The password must have at least { $min } characters. A sentence of several words is easy to remember.
password-too-long = The password can have at most { $max } characters.
password-has-username = The password cannot contain the username.
password-not-same = The passwords are not the same.
password-not-saved = The password could not be saved.

account-title = Your account
account-roles =
    { $count ->
        [one] You are signed in with the role:
       *[other] You are signed in with the roles:
    }
account-no-pages = The pages for content authors are not made yet. For now, programmes are imported with the command carepath import.

role-patient = Patient
role-clinician = Clinician
role-coordinator = Coordinator
role-author = Content author
role-researcher = Researcher
role-admin = Administrator
role-course-owner = Course owner
role-course-committee = Course committee
role-organiser = Local course organiser
role-participant = Course participant

answer-yes = Yes
answer-no = No
go-on = Continue
breadcrumbs = Breadcrumbs
form-missing-heading = Something is missing
table-when = When
table-who = Who
table-what = What
date-at-time = { $date } at { $time }

status-invited = Invited
status-awaiting-exception = Awaiting an exception decision
status-active = Active
status-paused = Paused
status-ineligible = Not eligible
status-finished = Finished
status-withdrawn = Ended
error-form-unreadable = The form could not be read. Reload the page and send the form again.

appointment-kind-video = Video consultation
appointment-kind-group = Group video session
appointment-kind-group-course = Group course at the hospital
appointment-kind-on-site = Visit at the hospital
appointment-status-booked = Booked
appointment-status-fulfilled = Held
appointment-status-cancelled = Cancelled
appointment-when = { $at } ({ $minutes } min)
code-error-unknown = Choose a code from the list.

# Professions of course participants, and regions (a health region or a county).
profession-doctor = Doctor
profession-nurse = Nurse
profession-physiotherapist = Physiotherapist
profession-occupational-therapist = Occupational therapist
profession-dietitian = Clinical dietitian
profession-health-secretary = Medical secretary
profession-other = Other health professional
region-helse-sor-ost = Helse Sør-Øst (South-Eastern Norway)
region-helse-vest = Helse Vest (Western Norway)
region-helse-midt-norge = Helse Midt-Norge (Central Norway)
region-helse-nord = Helse Nord (Northern Norway)
region-03 = Oslo
region-11 = Rogaland
region-15 = Møre og Romsdal
region-18 = Nordland
region-31 = Østfold
region-32 = Akershus
region-33 = Buskerud
region-34 = Innlandet
region-39 = Vestfold
region-40 = Telemark
region-42 = Agder
region-46 = Vestland
region-50 = Trøndelag
region-55 = Troms
region-56 = Finnmark

## Public pages (decision 0047)
public-front-title = Digital treatment programmes
public-front-intro = Here you find the digital treatment programmes the hospital offers: what they are, who they are for, and how you are referred. If you already take part in a programme, sign in.
public-sign-in = Sign in
public-none = No programme is in use yet.
public-phone = Phone { $phone }
public-phone-hours = Phone { $phone } ({ $hours })
public-courses-title = Courses for health professionals
public-courses-intro = We also hold courses for doctors, nurses and other health professionals.
public-courses-link = See the courses
public-visits = We count how many visit each page per day. We do not store who you are or your IP address, and these pages set no cookies.
public-who-title = Who it is for
public-who = For people aged { $age } or older.
public-who-exception = If you are { $from } or { $to }, a clinician decides whether you can take part.
public-months = { $months ->
    [one] The programme lasts one month.
   *[other] The programme lasts { $months } months.
}
public-referral-title = How you are referred
public-referral = Your GP or another doctor refers you. You cannot sign up yourself. When the referral has been assessed, you are told how to sign in and get started.
public-places-title = Where it is offered
public-read-more = Read more
public-referrers-title = For GPs and other referrers
public-not-translated = This page is only available in Norwegian (bokmål).
public-enquiry-intro = A health professional with a question about the programme?
public-enquiry-link = Send us a question
enquiry-title = Questions from health professionals
enquiry-intro = Doctors, nurses and other health professionals can ask about the programme here. The unit answers you by e-mail or phone.
enquiry-no-patients = Do not write names, national identity numbers or anything else about patients. If the question is about a particular patient, send a referral or call us.
enquiry-unit = Who should get the question?
enquiry-name = Your name
enquiry-profession = Profession (for example GP)
enquiry-workplace = Workplace (optional)
enquiry-contact = E-mail or phone number
enquiry-contact-hint = Where we can answer you.
enquiry-message = Your question
enquiry-send = Send the question
enquiry-sent = Thank you! The question is sent, and we will answer as soon as we can.
enquiry-back = Back to the programme
enquiry-problem-name = Write your name (at most 200 characters).
enquiry-problem-profession = Write your profession (at most 200 characters).
enquiry-problem-workplace = The workplace can have at most 200 characters.
enquiry-problem-contact = Write an e-mail address or a phone number we can answer.
enquiry-problem-message = Write your question (between 10 and 2000 characters).
