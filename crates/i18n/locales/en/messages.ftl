reminder-subject = You have a task waiting
reminder-email =
    Hello,

    You have a task waiting for you. Sign in to see it:
    { $link }

    You get this reminder because you take part in a digital follow-up programme. Please do not reply to this e-mail.
reminder-sms = You have a task waiting. Sign in: { $link }

invitation-subject = Welcome to a digital follow-up programme
invitation-email =
    Hello,

    You have a place in a digital follow-up programme. Sign in with ID-porten (BankID, MinID or Buypass) to get started:
    { $link }

    Please do not reply to this e-mail.
invitation-sms = You have a place in a digital follow-up programme. Sign in with ID-porten: { $link }
news-subject = You have a new message
news-email =
    Hello,

    You have a new message. Sign in to read it:
    { $link }

    Please do not reply to this e-mail.
news-sms = You have a new message. Sign in to read it: { $link }
request-subject = We have received your request
request-email =
    Hello,

    We have received your request. Sign in to see how it is going:
    { $link }

    Please do not reply to this e-mail.
request-sms = We have received your request. Sign in to follow it: { $link }

new-message-subject = You have a new message
new-message-email =
    Hello,

    Your care team has sent you a message. Sign in to read it:
    { $link }

    Do not reply to this e-mail.
new-message-sms = You have a new message from your care team. Sign in to read it: { $link }

appointment-booked-subject = You have an appointment
appointment-booked-email =
    Hello,

    You have an appointment on { $date } at { $time }. Sign in to see it:
    { $link }

    Please do not reply to this e-mail.
appointment-booked-sms = You have an appointment on { $date } at { $time }. Sign in to see it: { $link }
appointment-moved-subject = Your appointment has moved
appointment-moved-email =
    Hello,

    Your appointment has moved to { $date } at { $time }. Sign in to see it:
    { $link }

    Please do not reply to this e-mail.
appointment-moved-sms = Your appointment has moved to { $date } at { $time }. Sign in to see it: { $link }
appointment-cancelled-subject = Your appointment is cancelled
appointment-cancelled-email =
    Hello,

    Your appointment on { $date } at { $time } is cancelled. Sign in to see your appointments:
    { $link }

    Please do not reply to this e-mail.
appointment-cancelled-sms = Your appointment on { $date } at { $time } is cancelled. Sign in to see your appointments: { $link }
appointment-reminder-subject = Appointment reminder
appointment-reminder-email =
    Hello,

    You have an appointment on { $date } at { $time }. Sign in to see it:
    { $link }

    Please do not reply to this e-mail.
appointment-reminder-sms = Reminder: you have an appointment on { $date } at { $time }. Sign in to see it: { $link }

account-link-subject = Choose a password for your participant account
account-link-email =
    Hello,

    Someone, hopefully you, asked for a participant account for courses with this e-mail address. Choose your password here within 24 hours:
    { $link }

    The next time you sign in, you set up a code from an authenticator app on your phone. If you did not ask for this, ignore this e-mail: no one can sign in without opening the link. Do not reply to this e-mail.
account-link-sms = Choose a password for your participant account within 24 hours: { $link }
