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
own-has-log = who has looked at or changed your information, and when
own-print = Show the copy for printing
own-print-how = The page can be printed or saved as PDF from the browser (“Print” and “Save as PDF”).
own-download = Download the copy as a file (FHIR JSON)
own-download-what = a standard format that other health services and apps can read.
own-careful = The copy contains health information. Keep it somewhere safe, and do not send it by ordinary e-mail.

content-not-translated = The programme’s content is not available in English yet, so it is shown in Norwegian (bokmål).
