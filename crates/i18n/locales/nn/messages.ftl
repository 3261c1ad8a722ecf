reminder-subject = Du har ei oppgåve som ventar
reminder-email =
    Hei!

    Du har ei oppgåve som ventar på deg. Logg inn for å sjå ho:
    { $link }

    Du får denne påminninga fordi du følgjer eit digitalt oppfølgingstilbod. Ikkje svar på denne e-posten.
reminder-sms = Du har ei oppgåve som ventar. Logg inn: { $link }
