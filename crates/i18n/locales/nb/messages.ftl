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

invitation-subject = Velkommen til et digitalt oppfølgingstilbud
invitation-email =
    Hei!

    Du har fått plass i et digitalt oppfølgingstilbud. Logg inn med ID-porten (BankID, MinID eller Buypass) for å komme i gang:
    { $link }

    Svar ikke på denne e-posten.
invitation-sms = Du har fått plass i et digitalt oppfølgingstilbud. Logg inn med ID-porten: { $link }
news-subject = Du har fått en beskjed
news-email =
    Hei!

    Du har fått en beskjed. Logg inn for å lese den:
    { $link }

    Svar ikke på denne e-posten.
news-sms = Du har fått en beskjed. Logg inn for å lese den: { $link }
request-subject = Vi har fått forespørselen din
request-email =
    Hei!

    Vi har fått forespørselen din. Logg inn for å se hvordan det går med den:
    { $link }

    Svar ikke på denne e-posten.
request-sms = Vi har fått forespørselen din. Logg inn for å følge den: { $link }

new-message-subject = Du har fått en ny melding
new-message-email =
    Hei!

    Behandlerne dine har sendt deg en melding. Logg inn for å lese den:
    { $link }

    Svar ikke på denne e-posten.
new-message-sms = Du har fått en ny melding fra behandlerne dine. Logg inn for å lese den: { $link }

appointment-booked-subject = Du har fått en avtale
appointment-booked-email =
    Hei!

    Du har fått en avtale { $date } kl. { $time }. Logg inn for å se den:
    { $link }

    Svar ikke på denne e-posten.
appointment-booked-sms = Du har fått en avtale { $date } kl. { $time }. Logg inn for å se den: { $link }
appointment-moved-subject = Avtalen din er flyttet
appointment-moved-email =
    Hei!

    Avtalen din er flyttet til { $date } kl. { $time }. Logg inn for å se den:
    { $link }

    Svar ikke på denne e-posten.
appointment-moved-sms = Avtalen din er flyttet til { $date } kl. { $time }. Logg inn for å se den: { $link }
appointment-cancelled-subject = Avtalen din er avlyst
appointment-cancelled-email =
    Hei!

    Avtalen din { $date } kl. { $time } er avlyst. Logg inn for å se avtalene dine:
    { $link }

    Svar ikke på denne e-posten.
appointment-cancelled-sms = Avtalen din { $date } kl. { $time } er avlyst. Logg inn for å se avtalene dine: { $link }
appointment-reminder-subject = Påminnelse om avtale
appointment-reminder-email =
    Hei!

    Du har en avtale { $date } kl. { $time }. Logg inn for å se den:
    { $link }

    Svar ikke på denne e-posten.
appointment-reminder-sms = Påminnelse: du har en avtale { $date } kl. { $time }. Logg inn for å se den: { $link }

account-link-subject = Velg passord for deltakerkontoen din
account-link-email =
    Hei!

    Noen, forhåpentligvis du, ba om en deltakerkonto for kurs med denne e-postadressen. Velg passord her innen 24 timer:
    { $link }

    Neste gang du logger inn, setter du opp en kode fra en autentiseringsapp på telefonen. Ba du ikke om dette, kan du se bort fra e-posten: ingen kan logge inn uten å åpne lenken. Svar ikke på denne e-posten.
account-link-sms = Velg passord for deltakerkontoen din innen 24 timer: { $link }
