reminder-subject = You have a task waiting
reminder-email =
    Hello,

    You have a task waiting for you. Sign in to see it:
    { $link }

    You get this reminder because you take part in a digital follow-up programme. Please do not reply to this e-mail.
reminder-sms = You have a task waiting. Sign in: { $link }
