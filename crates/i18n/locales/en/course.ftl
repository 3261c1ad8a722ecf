# Course pages (issue 17): the catalogue and a course's description.
course-catalogue-title = Courses
course-catalogue-intro = Courses for health professionals. Each course shows how long its parts take, added up from its lessons and agenda.
course-catalogue-none = No courses have been added yet.
course-parts-and-time = { $parts ->
    [one] One part
   *[other] { $parts } parts
}, { $time } in all.
course-duration = { $hours ->
    [0] { $minutes } min
   *[other] { $minutes ->
        [0] { $hours } h
       *[other] { $hours } h { $minutes } min
    }
}
course-audience = Who it is for
course-total = Time in all
course-objectives = Learning objectives of the specialist training
course-durations-added = The times are added up from the lessons and the agenda below.
course-credits = Credits
course-credit-profession = Speciality
course-credit-points = Points
course-credit-approved-by = Approved by
course-part-time = Time: { $time }.
course-part-video = Of this, { $time } is video.
course-part-requires = To be completed first: { $parts }.
course-lessons = Lessons
course-lesson = Lesson
course-video-minutes = Video (min)
course-reading-minutes = Reading (min)
course-reflections = Reflection questions
course-time = Time
course-agenda = Agenda
course-session = Session
course-speaker = Speaker
course-speaker-local = Decided locally

# Taking a course (decision 0042).
course-take-heading = Take the course
course-take-sign-in = Registration takes a participant account. If you have one, sign in to register and keep track of how far you have come. If not, make one with your e-mail address.
course-take-sign-in-link = Sign in
course-take-not-participant = Courses are taken with a participant account. The account you are signed in with is not a participant account.
course-take-registered = You are registered as { $profile }.
course-take-done = You have completed the whole course.
course-take-register-intro = Register to start part 1. We ask for your profession, workplace and region to count participants; you see no patient information in the course.
course-profession = Profession
course-choose = Choose
course-workplace = Workplace
course-region = Region
course-region-hint = The county you work in, or the health region if you work in a health trust.
course-register = Register me
course-take-runs = You help run this course. The offerings are listed under the part they are for, with their status and history.
course-propose-link = Propose a local offering
course-lesson-done = Completed
course-offerings = Local offerings
course-offerings-none = No local offering is open for registration yet.
course-offering-deadline = Registration closes { $date }.
course-part-closed = This part opens when you have completed: { $parts }.
course-part-attended = You attended this day.
course-part-progress = { $done } of { $total } lessons completed.
course-part-done = Completed
course-part-open = Open for registration
course-part-locked = Not open yet
course-seats = { $taken } of { $capacity } places taken.
course-seats-waiting = { $taken } of { $capacity } places taken, { $waiting } on the waiting list.
course-seat-place = You have a place.
course-seat-waiting = You are on the waiting list. { $ahead ->
    [0] You are first in line.
    [one] One person is ahead of you.
   *[other] { $ahead } people are ahead of you.
}
course-seat-cancelled = You have cancelled.
course-seat-attended = You attended.
course-seat-absent = You are recorded as absent.
course-mine-title = My courses
course-mine-none = You are not registered for any course yet.
course-mine-runs = Courses you help run
course-organiser-for = Local organiser for { $unit }
course-offerings-proposed = { $count ->
    [one] One offering is waiting for the committee's decision.
   *[other] { $count } offerings are waiting for the committee's decision.
}

# Problems.
course-problem-profile = Choose a profession and a region.
course-problem-workplace = Write your workplace (at most 200 characters).
course-problem-answers = Answer every reflection question (at most 4,000 characters each).
course-problem-not-registered = Register for the course first.
course-problem-dates = Write the day and the registration deadline as dates.
course-problem-date = Choose a day after today.
course-problem-deadline = The registration deadline must be between today and the day itself.
course-problem-capacity = The number of places must be a whole number from 1 to 500.
course-problem-place = Write the place (at most 200 characters).
course-problem-speaker = A speaker's name can be at most 200 characters.
course-problem-comment = Write a comment for the organiser (at most 2,000 characters).
course-problem-step = That cannot be done with the offering as it stands now.
course-problem-conflict = Someone else changed the offering while you were looking at it. Check it and try again.
course-closed-not-approved = This offering is not open for registration.
course-closed-deadline = The registration deadline has passed.

# Offerings.
course-propose-title = Propose a local offering
course-propose-intro = The course committee approves the proposal, asks for changes or refuses it, with a comment. It opens for registration only once approved.
course-propose-send = Send to the course committee
course-offering-part = Part of the course
course-offering-unit = Organised by
course-offering-date = Date
course-offering-place = Place
course-offering-capacity = Number of places
course-offering-deadline-label = Registration deadline
course-offering-speakers = Local speakers
course-offering-speakers-hint = The name of whoever gives each session. Leave it empty if not decided.
course-offering-status = Status
course-offering-seats = Places
course-offering-your-seat = Your place
course-book = Register me for this day
course-cancel-seat = Cancel my place
course-decide-heading = The course committee's decision
course-decide-what = Decision
course-decide-comment = Comment for the organiser
course-decide-comment-hint = Sent with the decision and kept in the history.
course-decide-send = Send the decision
course-repropose-heading = Change and send again
course-repropose-comment = What you changed
course-participants = Participants
course-participants-none = Nobody has registered yet.
course-participant = Participant
course-participant-profile = Profession, workplace and region
course-seat-row-place = Has a place
course-seat-row-waiting = On the waiting list
course-seat-row-cancelled = Cancelled
course-participant-seat = Place
course-attendance = Attendance
course-attendance-present = Present
course-attendance-absent = Absent
course-attendance-unmarked = Not recorded
course-mark-present = Mark as present
course-mark-absent = Mark as absent
course-cancel-offering = Cancel the offering
course-cancel-why = Why (shown in the history)
course-history = History
course-history-when = When
course-history-who = Who
course-history-step = What
course-history-comment = Comment
offering-status-proposed = Waiting for the course committee
offering-status-changes-requested = The committee asks for changes
offering-status-approved = Approved, open for registration
offering-status-refused = Refused
offering-status-cancelled = Cancelled
offering-status-held = Held
offering-status-closed = Approved, registration closed
offering-done-propose = Proposed
offering-done-approve = Approved
offering-done-ask-for-changes = Asked for changes
offering-done-refuse = Refused
offering-done-cancel = Cancelled
offering-step-approve = Approve
offering-step-ask-for-changes = Ask for changes
offering-step-refuse = Refuse

# Lessons.
course-lesson-done-note = The lesson is completed. You can change your answers whenever you like.
course-lesson-no-video = This lesson's video has not been added yet; the time shown is its planned length.
course-literature = Literature
course-reflections-private = Your answers are yours alone: nobody else, not even the organiser, can read them.
course-lesson-finish = Save the answers and complete the lesson
course-lesson-save-again = Save changed answers
course-lesson-next = Next lesson: { $title }
course-back-to = Back to { $title }

# Certificates.
certificate-title = Course certificate
certificate-participant = Participant
certificate-course = Course
certificate-completed = Completed
certificate-time = Total time
certificate-objectives = Learning objectives
certificate-code = Verification code
certificate-code-hint = 16 characters, as printed on the certificate. Hyphens and spaces do not matter.
certificate-text = { $name } has completed every part of the course "{ $course }", the last on { $date }.
certificate-check = Check that this certificate is genuine at { $address } (code { $code }).
certificate-footer = Verification code { $code }
certificate-file-name = certificate
certificate-download = Download the certificate (PDF)
certificate-verify-title = Check a course certificate
certificate-verify-send = Check
certificate-genuine = The certificate with code { $code } is genuine. It says:
certificate-not-found-heading = No certificate has this code
certificate-not-found = Check that you typed the code as printed on the certificate. A certificate whose code we cannot find was not issued here.

## Evaluations (decision 0043)
course-evaluation-title = Evaluation of { $part }
course-evaluation-intro = You have completed { $part }. Tell us what you think so the course can get better. It takes a couple of minutes, and you can evaluate once.
course-evaluation-anonymous = The course owner, committee and organiser only see the answers added up with everyone else's, never who answered what. The answers from a day with fewer than 5 evaluations are not shown.
course-evaluation-send = Send the evaluation
course-evaluation-thanks = Thank you! Your evaluation has been sent.
course-evaluation-mean = Mean ({ $answered } answers)
course-evaluation-offering = The day on { $date }, { $place }
course-evaluation-year = All evaluations sent in { $year }
course-evaluate-part = Evaluate { $part }
course-evaluations-link = Evaluations
course-evaluations-title = Evaluations of { $title }
course-evaluations-small = The answers are shown added up, never who answered what. A group of fewer than { $min } evaluations is shown by its number only.
course-evaluations-none = The course has no evaluation.
course-evaluations-count = { $count ->
    [one] One evaluation.
   *[other] { $count } evaluations.
}
course-evaluations-answer = Answer
course-evaluations-number = Number
course-evaluations-share = Share
course-evaluations-no-comments = No one has written anything here.
course-evaluations-too-few = Fewer than { $min } evaluations: the answers are not shown, so that no one can be recognised.
course-problem-not-complete = You can evaluate a part of the course once you have completed it.
course-problem-evaluated = You have already evaluated this part of the course.

## Participant accounts (decision 0044)
course-take-sign-up-link = Make a participant account
signup-title = Make a participant account
signup-intro = A participant account is for health professionals taking courses here. It gives no access to patient information.
signup-how = We send a link to your e-mail address, where you choose a password. The first time you sign in, you set up a code from an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator). You use the code every time you sign in.
signup-name = Full name, as it should appear on the certificate
signup-email = E-mail address
signup-email-hint = It becomes your username.
signup-send = Send me the link
signup-sent = Check your e-mail. If the address can be used for a participant account, we have sent a link to it. The link works for 24 hours.
signup-sent-next = If no e-mail arrives within a few minutes, look in your spam folder or ask for a new link. If you already have a participant account, the link gives you a new password.
signup-have-account = Already have a participant account?
signup-problem-name = Write your name (at most 200 characters).
signup-problem-email = Write a valid e-mail address, for example name@example.no.
signup-helseid-heading = Health personnel with HelseID
signup-helseid = If you have HelseID, sign in there. The first time, we make a participant account tied to your HPR number, with no password of its own.
signup-email-heading = Or with your e-mail address
