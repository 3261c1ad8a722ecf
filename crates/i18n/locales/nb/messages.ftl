# Messages that leave the system (e-mail, SMS), rendered in the recipient's language when
# they are delivered. They never carry health information: only that something waits,
# and a link.

reminder-subject = Du har en oppgave som venter
reminder-email =
    Hei!

    Du har en oppgave som venter på deg. Logg inn for å se den:
    { $link }

    Du får denne påminnelsen fordi du følger et digitalt oppfølgingstilbud. Svar ikke på denne e-posten.
reminder-sms = Du har en oppgave som venter. Logg inn: { $link }
