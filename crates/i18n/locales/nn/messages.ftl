reminder-subject = Du har ei oppgåve som ventar
reminder-email =
    Hei!

    Du har ei oppgåve som ventar på deg. Logg inn for å sjå ho:
    { $link }

    Du får denne påminninga fordi du følgjer eit digitalt oppfølgingstilbod. Ikkje svar på denne e-posten.
reminder-sms = Du har ei oppgåve som ventar. Logg inn: { $link }

invitation-subject = Velkomen til eit digitalt oppfølgingstilbod
invitation-email =
    Hei!

    Du har fått plass i eit digitalt oppfølgingstilbod. Logg inn med ID-porten (BankID, MinID eller Buypass) for å kome i gang:
    { $link }

    Ikkje svar på denne e-posten.
invitation-sms = Du har fått plass i eit digitalt oppfølgingstilbod. Logg inn med ID-porten: { $link }
news-subject = Du har fått ei melding
news-email =
    Hei!

    Du har fått ei melding. Logg inn for å lese ho:
    { $link }

    Ikkje svar på denne e-posten.
news-sms = Du har fått ei melding. Logg inn for å lese ho: { $link }
request-subject = Vi har fått førespurnaden din
request-email =
    Hei!

    Vi har fått førespurnaden din. Logg inn for å sjå korleis det går med han:
    { $link }

    Ikkje svar på denne e-posten.
request-sms = Vi har fått førespurnaden din. Logg inn for å følgje han: { $link }

new-message-subject = Du har fått ei ny melding
new-message-email =
    Hei!

    Behandlarane dine har sendt deg ei melding. Logg inn for å lese ho:
    { $link }

    Ikkje svar på denne e-posten.
new-message-sms = Du har fått ei ny melding frå behandlarane dine. Logg inn for å lese ho: { $link }

appointment-booked-subject = Du har fått ein avtale
appointment-booked-email =
    Hei!

    Du har fått ein avtale { $date } kl. { $time }. Logg inn for å sjå han:
    { $link }

    Ikkje svar på denne e-posten.
appointment-booked-sms = Du har fått ein avtale { $date } kl. { $time }. Logg inn for å sjå han: { $link }
appointment-moved-subject = Avtalen din er flytta
appointment-moved-email =
    Hei!

    Avtalen din er flytta til { $date } kl. { $time }. Logg inn for å sjå han:
    { $link }

    Ikkje svar på denne e-posten.
appointment-moved-sms = Avtalen din er flytta til { $date } kl. { $time }. Logg inn for å sjå han: { $link }
appointment-cancelled-subject = Avtalen din er avlyst
appointment-cancelled-email =
    Hei!

    Avtalen din { $date } kl. { $time } er avlyst. Logg inn for å sjå avtalane dine:
    { $link }

    Ikkje svar på denne e-posten.
appointment-cancelled-sms = Avtalen din { $date } kl. { $time } er avlyst. Logg inn for å sjå avtalane dine: { $link }
appointment-reminder-subject = Påminning om avtale
appointment-reminder-email =
    Hei!

    Du har ein avtale { $date } kl. { $time }. Logg inn for å sjå han:
    { $link }

    Ikkje svar på denne e-posten.
appointment-reminder-sms = Påminning: du har ein avtale { $date } kl. { $time }. Logg inn for å sjå han: { $link }

account-link-subject = Vel passord for deltakarkontoen din
account-link-email =
    Hei!

    Nokon, forhåpentlegvis du, bad om ein deltakarkonto for kurs med denne e-postadressa. Vel passord her innan 24 timar:
    { $link }

    Neste gong du loggar inn, set du opp ein kode frå ein autentiseringsapp på telefonen. Bad du ikkje om dette, kan du sjå bort frå e-posten: ingen kan logge inn utan å opne lenka. Svar ikkje på denne e-posten.
account-link-sms = Vel passord for deltakarkontoen din innan 24 timar: { $link }
