link-access-log = Who has seen my information?
link-own-data = Download my data
link-measurements = My measurements

home-title = My page
home-hello = Hello
home-hello-name = Hello, { $name }
home-enrolled-in = You are enrolled in
home-steps = How to get started
home-step-terms = Read and accept the terms
home-step-screening = Answer a few questions about yourself
home-step-baseline = Fill in the start form
home-step-modules = Start the modules
home-read-terms = Read the terms
home-baseline-why = Before the modules open, we need to know how you are now. Then we can see together whether the treatment helps.
home-baseline-start = Fill in the start form
home-waiting = We are assessing your referral
home-stopped = The programme is not right for you now
home-finished = You have finished the programme. Well done!
home-not-enrolled = You are not enrolled in any programme yet. When your clinician has enrolled you, you will see the programme here.
home-program-ended = The treatment has ended. Contact your GP if you have questions.

terms-title = Terms
terms-heading = Before you start { $program }
terms-must-tick = You need to tick the box
terms-must-tick-text = Tick the box to confirm you have read the terms before you continue.
terms-accept-label = I have read the terms and want to start
terms-accept = Accept and continue

screening-title = A few questions about you
screening-intro = We ask a few questions to make sure the programme is safe and right for you.
screening-born = Our records say you were born on { $date } and are { $age } years old. If this is wrong, contact us before you continue.
screening-send = Send answers
screening-answer-yes-no = Answer yes or no to the question.

modules-title = The modules
modules-paused = Your care team has paused your follow-up. You get no forms or reminders, and your measurements are not watched, until it starts again. You can still read the pages. If you get worse, contact your GP or the out-of-hours service (116 117); if life is in danger, call 113.
modules-read-share = You have read { $percent } % of the pages.
modules-progress = Progress in the programme
modules-resume = Continue where you left off
modules-requests = Your request for an appointment
modules-request-open = You asked for a follow-up appointment on { $asked }. We have received the request and will contact you.
modules-request-handled = You asked for a follow-up appointment on { $asked }. The request was handled on { $handled }.
modules-begin = Start reading
modules-forms = Forms to fill in
modules-answer-by = answer by { $date }
modules-waiting-answer = Waiting for your answer
modules-yours = Your modules
modules-optional = Optional
modules-pages-done = { $total } of { $total } pages read – done
modules-pages-read = { $read } of { $total } pages read
modules-choose = Choose extra modules
modules-choose-intro = You can choose one or more, or none. You can change your choice later.
modules-extra = Extra modules
modules-save-choice = Save the choice
modules-baseline-saved = Thank you! Your answers are saved. Now you can start the modules.
modules-choice-saved = Your choice is saved.
modules-choice-failed = The choice could not be saved. Reload the page and try again.

page-number = Page { $number } of { $count }
page-number-read = Page { $number } of { $count } · read
page-transcript = Read what is said
page-done-module = Finish the module
page-read-next = I have read the page – next page
page-previous = Previous page

result-title = Result: { $form }
result-heading = Thank you for your answers
result-urgent = Read this now
result-saved = Your answers to “{ $form }” are saved.
result-shows = What your answers show
result-your-score = Your score:
result-not-diagnosis = The score is a tool for you and your care team, not a diagnosis. Get in touch if you are worried about anything.

measurements-title = My measurements
measurements-none-asked = Your programme does not ask for measurements at home.
measurements-fix = The measurement needs correcting
measurements-what = What did you measure?
measurements-value = Value
measurements-save = Save the measurement
measurements-saved = The measurement is saved.
measurements-saved-advice = { $name } is saved.
measurements-choose-kind = Choose what you measured.
measurements-latest = Latest measurement: { $colour }.
measurements-chart = the latest measurements from left (oldest) to right (newest), between { $low } and { $high }
measurements-chart-table = The numbers are in the table below.
measurements-caption = { $name }, newest first ({ $unit })
measurement-not-a-number = { $name }: enter a number.
measurement-too-precise =
    { $name }: enter the number with at most { $decimals ->
        [0] no decimals
        [one] one decimal
       *[other] { $decimals } decimals
    }.
measurement-out-of-range = { $name } must be between { $min } and { $max } { $unit }. Check that the number is typed correctly.
measurement-pressure-order = The upper number (systolic) must be higher than the lower one (diastolic). Check that each number is in the right field.
measurement-blood-pressure = Blood pressure
measurements-pressure-upper = Upper number (systolic)
measurements-pressure-lower = Lower number (diastolic)
measurements-pressure-hint = Type both numbers from the blood pressure monitor, for example 130 and 85.
measurements-pressure-both = Type both the upper and the lower number from the blood pressure monitor.
measurement-systolic = Blood pressure, upper (systolic)
measurement-diastolic = Blood pressure, lower (diastolic)
measurement-pulse = Pulse
measurement-spo2 = Oxygen saturation (SpO2)
measurement-weight = Weight
measurement-temperature = Temperature
measurement-glucose = Blood sugar
measurement-steps = Steps
measurement-symptoms = How troubled are you today (0-10)
unit-beats-per-minute = beats per minute
unit-steps = steps
unit-of-ten = out of 10
colour-green = Green
colour-yellow = Yellow
colour-red = Red

access-title = Who has seen my information
access-intro = Here you see who has looked at or changed your information, and when. Every health professional who opens your information is logged. Your own visits are not shown here.
access-none = Nobody else has looked at your information yet.
access-caption = Access to your information, newest first
access-reason = Reason given: { $reason }
access-complain = If you think someone has looked at your information without reason, you can contact the hospital and ask for it to be investigated.
access-role-clinician = clinician
access-role-coordinator = coordinator
access-role-admin = administrator
access-role-researcher = researcher
access-role-author = content author
access-role-other = other role
access-tried = Tried to open
access-read = Looked at
access-created = Registered
access-changed = Changed
access-thing-patient = your information
access-thing-care-plan = your course of treatment
access-thing-response = your answers to a form
access-thing-referral = your referral
access-thing-emergency = emergency access to your information
access-thing-copy = a copy of all your information
access-thing-observation = a measurement or score
access-thing-task = your tasks
access-thing-other = information about you
access-what = { $verb } { $thing }
access-what-refused = { $verb } { $thing }, but was stopped: it belongs to another unit

own-title = My data
own-intro = You have the right to a copy of everything we have stored about you. The copy contains:
own-has-identity = name, national identity number, date of birth and GP
own-has-programs = every treatment programme you are enrolled in, with status, choices and how much you have read
own-has-answers = all your answers to forms
own-has-measurements = your measurements and the scores of your forms
own-has-messages = the messages between you and your care team, with attachments
own-has-log = who has looked at or changed your information, and when
own-print = Show the copy for printing
own-print-how = The page can be printed or saved as PDF from the browser (“Print” and “Save as PDF”).
own-download = Download the copy as a file (FHIR JSON)
own-download-what = a standard format that other health services and apps can read.
own-careful = The copy contains health information. Keep it somewhere safe, and do not send it by ordinary e-mail.
own-letters = Letters to your GP
own-letters-none = No letters have been sent to your GP yet.
own-letters-intro = These are the letters the unit has sent to your GP about your treatment. They open as PDF.
own-letter-sent = sent { $date }

content-not-translated = The programme’s content is not available in English yet, so it is shown in Norwegian (bokmål).

q-title-default = Questionnaire
q-original-language = This form is shown in its original language until the hospital has added the official Norwegian translation.
q-placeholder = This form uses placeholder text written by the carepath project. The hospital is to replace it with the licensed text.
q-saved = Your answers are saved. You can continue now or later; they will be here when you come back.
q-progress = Progress in the form
q-fix = Some answers need correcting
q-required = (required)
q-other-answer = Other answer
q-choose = Choose
q-next = Next page
q-send = Send the answers
q-save-later = Save and continue later
q-hint-format = Format: { $format }
q-hint-slider = Enter a number from { $min } ({ $low }) to { $max } ({ $high }).
q-hint-range = Enter a number from { $min } to { $max }.
q-hint-number = Enter a number.
q-hint-date = For example 23.11.2026.
q-hint-time = For example 08:30.
q-hint-datetime = Date and time.
q-hint-url = A web address, for example https://example.no.
q-hint-checkbox = Choose all that apply.
q-hint-open-choice = Choose one option, or write your own answer.
q-only-if-many = Answer only if the question applies to you after your answers above.
q-only-if = Answer only if { $conditions }.
q-or = or
q-and = and
q-cond-answered = you have answered “{ $question }”
q-cond-not-answered = you have not answered “{ $question }”
q-cond-not-equal = you answered something other than “{ $answer }” to “{ $question }”
q-cond-greater = your answer to “{ $question }” is over { $answer }
q-cond-less = your answer to “{ $question }” is under { $answer }
q-cond-at-least = your answer to “{ $question }” is { $answer } or more
q-cond-at-most = your answer to “{ $question }” is { $answer } or less
q-cond-equal = you answered “{ $answer }” to “{ $question }”
q-problem-required = Answer this question.
q-problem-yes-no = Choose yes or no.
q-problem-integer = Enter a whole number, for example 3.
q-problem-number = Enter a number, for example 2.5.
q-problem-date = Enter a date that exists, for example 23.11.2026.
q-problem-time = Enter a time, for example 08:30.
q-problem-url = Enter a full web address, for example https://example.no.
q-problem-form = The answer is in the wrong form. Check it and try again.
q-problem-below = The number cannot be lower than { $min }.
q-problem-above = The number cannot be higher than { $max }.
q-problem-option = Choose one of the options.
q-problem-too-long = The answer can have at most { $max } characters.
q-problem-one-answer = Give one answer only: choose an option or write your own.
q-problem-changed = The form has changed. Reload the page.
q-change = At the first measurement the score was { $before }. The change is { $diff }.
q-change-clear = That is a clear improvement.
q-no-score = No score: too many questions are not answered

print-crumb = Print
print-heading = Information about { $name }
print-made = Copy made { $date }.
print-you = You
list-name-person = Name
print-nin = National identity number
print-born = Born
print-gp = GP
print-programs = Treatment programmes
print-no-program = You are not enrolled in any programme.
print-status = Status
print-enrolled = Enrolled
print-terms = Terms accepted
print-read = Read
print-pages = { $pages } pages ({ $percent } %)
print-chosen = Chosen extra modules
print-measurements = Measurements
print-no-measurements = You have not registered any measurements.
print-measurement = Measurement
print-none = None
print-procedures = Procedures registered about you
print-no-procedures = No procedures are registered about you.
print-procedure = { $what }, { $date } ({ $by })
print-no-entries = No entries.
print-not-yet = Not yet
print-yourself = You
print-not-registered = Not registered
access-reason-review = Review of emergency access
access-reason-bootstrap = First administrator, created with carepath admin bootstrap
access-reason-emergency = Emergency access: { $reason }
call-unit = Call { $unit } on { $phone }.
call-unit-hours = Call { $unit } on { $phone } ({ $hours }).

messages-title = Messages
link-messages = Messages
link-messages-unread = Messages ({ $count } unread)
messages-intro = Here you write with your care team at { $unit }. Everyone on the team can read and answer.
messages-not-urgent = Messages are not for anything urgent. Call 113 if a life is in danger, or the out-of-hours service on 116 117.
messages-empty = No messages yet.
messages-thread = The messages, oldest first
messages-you = You
messages-the-patient = The patient
messages-team-member = { $name }, { $unit }
messages-read = Read
messages-unread = Not read yet
messages-photo = Photo: { $name }
messages-write = Write a message
messages-answer-time = You get an answer within { $days ->
    [one] one working day
   *[other] { $days } working days
    }.
messages-text = Your message
messages-files = Attachments (optional)
messages-files-hint = Photos (JPEG or PNG) and PDF, up to 10 MB each and at most 3. Location data is removed from photos.
messages-send = Send
messages-sent = The message has been sent.
messages-fix = The message was not sent
messages-error-empty = Write a message or attach a file.
messages-error-long = The message is too long. It can have at most 5000 characters.
messages-error-file-large = A file is larger than 10 MB. Choose a smaller file, or take a new photo at a lower resolution.
messages-error-file-type = Only photos (JPEG or PNG) and PDF documents can be attached.
messages-error-file-damaged = A file is damaged and cannot be read. Try saving it again.
messages-error-file-many = You can attach at most 3 files to one message.
messages-error-closed = You cannot send messages here now.
messages-none = You are not in a programme with messages.
messages-off = This programme has no messages. Call us if you have a question.
messages-one-way = Your care team sends you messages here, but you cannot answer them. Call us if you have a question.
messages-ended = The programme has ended. You can read the messages but not send new ones.
size-kb = { $n } kB
size-mb = { $n } MB
nav-patient = Your pages
print-attachment = Attachment: { $name }
# A score over time (the overview and the finished patient's page).
score-outside-plan = outside the plan
score-at-start = at the start
score-after-days =
    { $count ->
        [one] after { $count } day
       *[other] after { $count } days
    }
score-after-weeks =
    { $count ->
        [one] after { $count } week
       *[other] after { $count } weeks
    }
score-after-months =
    { $count ->
        [one] after { $count } month
       *[other] after { $count } months
    }
score-change = { $diff } from the first
home-results = Your results from start to finish
home-results-intro = The scores of the forms you answered, with the change from your first answer. Your care team sees the same numbers.
home-reread = Read the modules again

link-appointments = Appointments
access-thing-appointment = your appointments
access-thing-letter = the letters to your GP
my-appointments-title = My appointments
my-appointments-upcoming = Coming appointments
my-appointments-none = You have no coming appointments.
my-appointments-place = Place: { $place }
my-appointments-join = Join the video meeting
my-appointments-join-hint = The link opens the hospital's video service. Join a few minutes before the appointment begins.
my-appointments-past = Earlier and cancelled appointments
my-appointments-change = If you need to move or cancel an appointment, send a message to your care team.
own-has-letters = the letters sent to your GP
own-has-appointments = your appointments
own-has-procedures = procedures a unit has registered about you, with the form's answers

## Research consent (issue 16)
consent-title = Consent to research
consent-intro = The hospital researches how the treatment works, to make it better for others. You can let your answers be used in such research.
consent-what = What is used is your answers to the questionnaires, the scores, and when you started and ended – without your name, national identity number, free text or exact dates (only month and year).
consent-who = Only researchers in projects approved by an ethics committee (REK) see it, and never figures for groups of fewer than five.
consent-voluntary = It is voluntary. Your treatment is the same whether you say yes or no.
consent-withdraw = You can withdraw your consent here at any time. You are then left out of new extracts; what has already been delivered to a project cannot be called back.
consent-status-none = You have not answered yet.
consent-status-given = You consented on { $when }.
consent-status-withdrawn = You said no or withdrew your consent on { $when }.
consent-give-button = Yes, I consent
consent-decline-button = No, thank you
consent-withdraw-button = Withdraw my consent
consent-saved = Your answer is saved.
consent-conflict = Your answer was changed elsewhere in the meantime. Look it over and answer again.

## Group courses on site (decision 0046)
group-course-title = Courses at the hospital
group-course-intro = Your program is also held as a course together with others, at the hospital. You can sign up for a course with a free place, and withdraw until the course begins.
group-course-none = There are no courses with free places right now. Come back later.
group-course-free = { $free ->
    [one] One free place
   *[other] { $free } free places
}
group-course-you-are-in = You are signed up.
group-course-sign-up = Sign me up
group-course-withdraw = Withdraw
group-course-after = After the course you get a short questionnaire about what you thought. The other participants do not see that you signed up until you meet.
group-course-signed-up = You are signed up for the course. You get a reminder the day before.
group-course-withdrawn = You have withdrawn from the course.
group-course-error-full = The course filled up before you could sign up. Choose another course.
group-course-error-already-in = You are already signed up for this course.
group-course-error-closed = The course has begun or is cancelled, and signing up is closed.
group-course-error-changed = The course changed while you were looking at the page. Look it over and try again.
