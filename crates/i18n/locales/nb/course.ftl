# Course pages (issue 17): the catalogue and a course's description.
course-catalogue-title = Kurs
course-catalogue-intro = Kurs for helsepersonell. Hvert kurs viser hvor lang tid delene tar, lagt sammen fra leksjonene og programmet.
course-catalogue-none = Ingen kurs er lagt inn ennå.
course-parts-and-time = { $parts ->
    [one] Én del
   *[other] { $parts } deler
}, til sammen { $time }.
course-duration = { $hours ->
    [0] { $minutes } min
   *[other] { $minutes ->
        [0] { $hours } t
       *[other] { $hours } t { $minutes } min
    }
}
course-audience = For hvem
course-total = Tid i alt
course-objectives = Læringsmål i spesialistutdanningen
course-durations-added = Tidene er lagt sammen fra leksjonene og programmet nedenfor.
course-credits = Tellende timer
course-credit-profession = Spesialitet
course-credit-points = Poeng
course-credit-approved-by = Godkjent av
course-part-time = Tid: { $time }.
course-part-video = Av dette er { $time } video.
course-part-requires = Må fullføres først: { $parts }.
course-lessons = Leksjoner
course-lesson = Leksjon
course-video-minutes = Video (min)
course-reading-minutes = Lesing (min)
course-reflections = Refleksjonsspørsmål
course-time = Tid
course-agenda = Program
course-session = Økt
course-speaker = Foredragsholder
course-speaker-local = Bestemmes lokalt

# Taking a course (decision 0042).
course-take-heading = Ta kurset
course-take-sign-in = Påmelding gjøres med en deltakerkonto. Har du en, logger du inn for å melde deg på og følge med på hvor langt du har kommet. Har du ingen, lager du en med e-postadressen din.
course-take-sign-in-link = Logg inn
course-take-not-participant = Påmelding til kurs gjøres med en deltakerkonto. Kontoen du er logget inn med, er ikke en deltakerkonto.
course-take-registered = Du er påmeldt som { $profile }.
course-take-done = Du har fullført hele kurset.
course-take-register-intro = Meld deg på for å starte på del 1. Vi spør om yrke, arbeidssted og region for å kunne telle deltakere; du ser ingen pasientopplysninger i kurset.
course-profession = Yrke
course-choose = Velg
course-workplace = Arbeidssted
course-region = Region
course-region-hint = Fylket du jobber i, eller helseregionen hvis du jobber i et helseforetak.
course-register = Meld meg på
course-take-runs = Du er med på å drive dette kurset. Kurstilbudene står under kursdelen de gjelder, med status og historikk.
course-propose-link = Foreslå et lokalt kurstilbud
course-lesson-done = Fullført
course-offerings = Lokale kurstilbud
course-offerings-none = Ingen lokale kurstilbud er åpne for påmelding ennå.
course-offering-deadline = Påmeldingsfrist { $date }.
course-part-closed = Denne delen åpner når du har fullført: { $parts }.
course-part-attended = Du har deltatt på denne dagen.
course-part-progress = { $done } av { $total } leksjoner fullført.
course-part-done = Fullført
course-part-open = Åpen for påmelding
course-part-locked = Ikke åpen ennå
course-seats = { $taken } av { $capacity } plasser tatt.
course-seats-waiting = { $taken } av { $capacity } plasser tatt, { $waiting } på venteliste.
course-seat-place = Du har plass.
course-seat-waiting = Du står på venteliste. { $ahead ->
    [0] Du er først i køen.
    [one] Én står foran deg.
   *[other] { $ahead } står foran deg.
}
course-seat-cancelled = Du har meldt deg av.
course-seat-attended = Du deltok.
course-seat-absent = Du er registrert som ikke møtt.
course-mine-title = Mine kurs
course-mine-none = Du er ikke påmeldt noe kurs ennå.
course-mine-runs = Kurs du er med på å drive
course-organiser-for = Lokal kursarrangør for { $unit }
course-offerings-proposed = { $count ->
    [one] Ett kurstilbud venter på komiteens vedtak.
   *[other] { $count } kurstilbud venter på komiteens vedtak.
}

# Problems.
course-problem-profile = Velg yrke og region.
course-problem-workplace = Skriv arbeidsstedet ditt (høyst 200 tegn).
course-problem-answers = Svar på alle refleksjonsspørsmålene (høyst 4000 tegn hver).
course-problem-not-registered = Meld deg på kurset først.
course-problem-dates = Skriv datoen og påmeldingsfristen som datoer.
course-problem-date = Velg en dag etter i dag.
course-problem-deadline = Påmeldingsfristen må være fra i dag og til og med kursdagen.
course-problem-capacity = Antall plasser må være et helt tall fra 1 til 500.
course-problem-place = Skriv stedet (høyst 200 tegn).
course-problem-speaker = Navnet på en foredragsholder kan være høyst 200 tegn.
course-problem-comment = Skriv en kommentar til arrangøren (høyst 2000 tegn).
course-problem-step = Det kan ikke gjøres med kurstilbudet slik det står nå.
course-problem-conflict = Noen andre endret kurstilbudet mens du så på det. Se over og prøv igjen.
course-closed-not-approved = Dette kurstilbudet er ikke åpent for påmelding.
course-closed-deadline = Påmeldingsfristen er ute.

# Offerings.
course-propose-title = Foreslå et lokalt kurstilbud
course-propose-intro = Kurskomiteen godkjenner forslaget, ber om endringer eller avslår det, med en kommentar. Først når det er godkjent, åpner det for påmelding.
course-propose-send = Send til kurskomiteen
course-offering-part = Kursdel
course-offering-unit = Arrangeres av
course-offering-date = Dato
course-offering-place = Sted
course-offering-capacity = Antall plasser
course-offering-deadline-label = Påmeldingsfrist
course-offering-speakers = Lokale foredragsholdere
course-offering-speakers-hint = Navnet på den som holder hver økt. La stå tomt om det ikke er bestemt.
course-offering-status = Status
course-offering-seats = Plasser
course-offering-your-seat = Din plass
course-book = Meld meg på denne dagen
course-cancel-seat = Meld meg av
course-decide-heading = Kurskomiteens vedtak
course-decide-what = Vedtak
course-decide-comment = Kommentar til arrangøren
course-decide-comment-hint = Kommer med vedtaket og blir stående i historikken.
course-decide-send = Send vedtaket
course-repropose-heading = Endre og send på nytt
course-repropose-comment = Hva du har endret
course-participants = Deltakere
course-participants-none = Ingen er påmeldt ennå.
course-participant = Deltaker
course-participant-profile = Yrke, arbeidssted og region
course-seat-row-place = Har plass
course-seat-row-waiting = På venteliste
course-seat-row-cancelled = Meldt av
course-participant-seat = Plass
course-attendance = Oppmøte
course-attendance-present = Møtt
course-attendance-absent = Ikke møtt
course-attendance-unmarked = Ikke registrert
course-mark-present = Registrer som møtt
course-mark-absent = Registrer som ikke møtt
course-cancel-offering = Avlys kurstilbudet
course-cancel-why = Hvorfor (vises i historikken)
course-history = Historikk
course-history-when = Når
course-history-who = Hvem
course-history-step = Hva
course-history-comment = Kommentar
offering-status-proposed = Venter på kurskomiteen
offering-status-changes-requested = Komiteen ber om endringer
offering-status-approved = Godkjent, åpen for påmelding
offering-status-refused = Avslått
offering-status-cancelled = Avlyst
offering-status-held = Holdt
offering-status-closed = Godkjent, påmeldingen er stengt
offering-done-propose = Foreslått
offering-done-approve = Godkjent
offering-done-ask-for-changes = Ba om endringer
offering-done-refuse = Avslått
offering-done-cancel = Avlyst
offering-step-approve = Godkjenn
offering-step-ask-for-changes = Be om endringer
offering-step-refuse = Avslå

# Lessons.
course-lesson-done-note = Leksjonen er fullført. Du kan endre svarene dine når du vil.
course-lesson-no-video = Videoen til denne leksjonen er ikke lagt inn ennå; tiden er den planlagte lengden.
course-literature = Litteratur
course-reflections-private = Svarene er bare dine: ingen andre, heller ikke kursarrangøren, kan lese dem.
course-lesson-finish = Lagre svarene og fullfør leksjonen
course-lesson-save-again = Lagre endrede svar
course-lesson-next = Neste leksjon: { $title }
course-back-to = Tilbake til { $title }

# Certificates.
certificate-title = Kursbevis
certificate-participant = Deltaker
certificate-course = Kurs
certificate-completed = Fullført
certificate-time = Tid i alt
certificate-objectives = Læringsmål
certificate-code = Kontrollkode
certificate-code-hint = 16 tegn, slik den står på kursbeviset. Bindestreker og mellomrom spiller ingen rolle.
certificate-text = { $name } har fullført alle delene av kurset «{ $course }», sist { $date }.
certificate-check = Kontroller at kursbeviset er ekte på { $address } (kode { $code }).
certificate-footer = Kontrollkode { $code }
certificate-file-name = kursbevis
certificate-download = Last ned kursbeviset (PDF)
certificate-verify-title = Kontroller et kursbevis
certificate-verify-send = Kontroller
certificate-genuine = Kursbeviset med kode { $code } er ekte. Det sier dette:
certificate-not-found-heading = Ingen kursbevis har denne koden
certificate-not-found = Sjekk at du har skrevet koden slik den står på kursbeviset. Et kursbevis med en kode vi ikke finner, er ikke utstedt her.

## Evaluations (decision 0043)
course-evaluation-title = Evaluering av { $part }
course-evaluation-intro = Du har fullført { $part }. Fortell oss hva du synes, så kurset kan bli bedre. Det tar et par minutter, og du kan evaluere én gang.
course-evaluation-anonymous = Kurseier, kurskomité og arrangør ser bare svarene lagt sammen med andres, aldri hvem som har svart hva. Svarene fra en samling med færre enn 5 evalueringer vises ikke.
course-evaluation-send = Send evalueringen
course-evaluation-thanks = Takk! Evalueringen din er sendt.
course-evaluation-mean = Gjennomsnitt ({ $answered } svar)
course-evaluation-offering = Samlingen { $date }, { $place }
course-evaluation-year = Alle evalueringer sendt i { $year }
course-evaluate-part = Evaluer { $part }
course-evaluations-link = Evalueringer
course-evaluations-title = Evalueringer av { $title }
course-evaluations-small = Svarene vises lagt sammen, aldri hvem som har svart hva. En gruppe med færre enn { $min } evalueringer vises bare med antallet.
course-evaluations-none = Kurset har ingen evaluering.
course-evaluations-count = { $count ->
    [one] Én evaluering.
   *[other] { $count } evalueringer.
}
course-evaluations-answer = Svar
course-evaluations-number = Antall
course-evaluations-share = Andel
course-evaluations-no-comments = Ingen har skrevet noe her.
course-evaluations-too-few = Færre enn { $min } evalueringer: svarene vises ikke, så ingen kan kjennes igjen.
course-problem-not-complete = Du kan evaluere en del av kurset når du har fullført den.
course-problem-evaluated = Du har allerede evaluert denne delen av kurset.

## Participant accounts (decision 0044)
course-take-sign-up-link = Lag en deltakerkonto
signup-title = Lag en deltakerkonto
signup-intro = En deltakerkonto er for helsepersonell som tar kurs her. Den gir ikke tilgang til pasientopplysninger.
signup-how = Vi sender en lenke til e-postadressen din, og der velger du passord. Første gang du logger inn, setter du opp en kode fra en autentiseringsapp på telefonen (for eksempel Microsoft Authenticator eller Google Authenticator). Koden bruker du hver gang du logger inn.
signup-name = Fullt navn, slik det skal stå på kursbeviset
signup-email = E-postadresse
signup-email-hint = Den blir brukernavnet ditt.
signup-send = Send meg lenken
signup-sent = Sjekk e-posten din. Hvis adressen kan brukes til en deltakerkonto, har vi sendt en lenke dit. Lenken virker i 24 timer.
signup-sent-next = Kom det ingen e-post i løpet av noen minutter, kan du se i mappen for søppelpost eller be om en ny lenke. Har du allerede en deltakerkonto, gir lenken deg et nytt passord.
signup-have-account = Har du allerede en deltakerkonto?
signup-problem-name = Skriv navnet ditt (høyst 200 tegn).
signup-problem-email = Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.
signup-helseid-heading = Helsepersonell med HelseID
signup-helseid = Har du HelseID, logger du inn der. Første gang lager vi en deltakerkonto knyttet til HPR-nummeret ditt, uten eget passord.
signup-email-heading = Eller med e-postadressen din
