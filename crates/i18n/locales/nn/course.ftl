# Course pages (issue 17): the catalogue and a course's description.
course-catalogue-title = Kurs
course-catalogue-intro = Kurs for helsepersonell. Kvart kurs viser kor lang tid delane tek, lagt saman frå leksjonane og programmet.
course-catalogue-none = Ingen kurs er lagde inn enno.
course-parts-and-time = { $parts ->
    [one] Éin del
   *[other] { $parts } delar
}, til saman { $time }.
course-duration = { $hours ->
    [0] { $minutes } min
   *[other] { $minutes ->
        [0] { $hours } t
       *[other] { $hours } t { $minutes } min
    }
}
course-audience = For kven
course-total = Tid i alt
course-objectives = Læringsmål i spesialistutdanninga
course-durations-added = Tidene er lagde saman frå leksjonane og programmet nedanfor.
course-credits = Tellande timar
course-credit-profession = Spesialitet
course-credit-points = Poeng
course-credit-approved-by = Godkjend av
course-part-time = Tid: { $time }.
course-part-video = Av dette er { $time } video.
course-part-requires = Må fullførast først: { $parts }.
course-lessons = Leksjonar
course-lesson = Leksjon
course-video-minutes = Video (min)
course-reading-minutes = Lesing (min)
course-reflections = Refleksjonsspørsmål
course-time = Tid
course-agenda = Program
course-session = Økt
course-speaker = Føredragshaldar
course-speaker-local = Vert bestemt lokalt

# Taking a course (decision 0042).
course-take-heading = Ta kurset
course-take-sign-in = Påmelding skjer med ein deltakarkonto. Har du ein, loggar du inn for å melde deg på og følgje med på kor langt du har kome. Har du ingen, lagar du ein med e-postadressa di.
course-take-sign-in-link = Logg inn
course-take-not-participant = Påmelding til kurs skjer med ein deltakarkonto. Kontoen du er logga inn med, er ikkje ein deltakarkonto.
course-take-registered = Du er påmeld som { $profile }.
course-take-done = Du har fullført heile kurset.
course-take-register-intro = Meld deg på for å starte på del 1. Vi spør om yrke, arbeidsstad og region for å kunne telje deltakarar; du ser ingen pasientopplysningar i kurset.
course-profession = Yrke
course-choose = Vel
course-workplace = Arbeidsstad
course-region = Region
course-region-hint = Fylket du jobbar i, eller helseregionen om du jobbar i eit helseføretak.
course-register = Meld meg på
course-take-runs = Du er med på å drive dette kurset. Kurstiboda står under kursdelen dei gjeld, med status og historikk.
course-propose-link = Foreslå eit lokalt kurstilbod
course-lesson-done = Fullført
course-offerings = Lokale kurstilbod
course-offerings-none = Ingen lokale kurstilbod er opne for påmelding enno.
course-offering-deadline = Påmeldingsfrist { $date }.
course-part-closed = Denne delen opnar når du har fullført: { $parts }.
course-part-attended = Du har delteke på denne dagen.
course-part-progress = { $done } av { $total } leksjonar fullførte.
course-part-done = Fullført
course-part-open = Open for påmelding
course-part-locked = Ikkje open enno
course-seats = { $taken } av { $capacity } plassar tekne.
course-seats-waiting = { $taken } av { $capacity } plassar tekne, { $waiting } på venteliste.
course-seat-place = Du har plass.
course-seat-waiting = Du står på venteliste. { $ahead ->
    [0] Du er først i køen.
    [one] Éin står framfor deg.
   *[other] { $ahead } står framfor deg.
}
course-seat-cancelled = Du har meldt deg av.
course-seat-attended = Du deltok.
course-seat-absent = Du er registrert som ikkje møtt.
course-mine-title = Kursa mine
course-mine-none = Du er ikkje påmeld noko kurs enno.
course-mine-runs = Kurs du er med på å drive
course-organiser-for = Lokal kursarrangør for { $unit }
course-offerings-proposed = { $count ->
    [one] Eitt kurstilbod ventar på vedtaket til komiteen.
   *[other] { $count } kurstilbod ventar på vedtaket til komiteen.
}

# Problems.
course-problem-profile = Vel yrke og region.
course-problem-workplace = Skriv arbeidsstaden din (høgst 200 teikn).
course-problem-answers = Svar på alle refleksjonsspørsmåla (høgst 4000 teikn kvar).
course-problem-not-registered = Meld deg på kurset først.
course-problem-dates = Skriv datoen og påmeldingsfristen som datoar.
course-problem-date = Vel ein dag etter i dag.
course-problem-deadline = Påmeldingsfristen må vere frå i dag og til og med kursdagen.
course-problem-capacity = Talet på plassar må vere eit heilt tal frå 1 til 500.
course-problem-place = Skriv staden (høgst 200 teikn).
course-problem-speaker = Namnet på ein føredragshaldar kan vere høgst 200 teikn.
course-problem-comment = Skriv ein kommentar til arrangøren (høgst 2000 teikn).
course-problem-step = Det kan ikkje gjerast med kurstilbodet slik det står no.
course-problem-conflict = Nokon andre endra kurstilbodet medan du såg på det. Sjå over og prøv igjen.
course-closed-not-approved = Dette kurstilbodet er ikkje ope for påmelding.
course-closed-deadline = Påmeldingsfristen er ute.

# Offerings.
course-propose-title = Foreslå eit lokalt kurstilbod
course-propose-intro = Kurskomiteen godkjenner forslaget, ber om endringar eller avslår det, med ein kommentar. Først når det er godkjent, opnar det for påmelding.
course-propose-send = Send til kurskomiteen
course-offering-part = Kursdel
course-offering-unit = Blir arrangert av
course-offering-date = Dato
course-offering-place = Stad
course-offering-capacity = Tal på plassar
course-offering-deadline-label = Påmeldingsfrist
course-offering-speakers = Lokale føredragshaldarar
course-offering-speakers-hint = Namnet på den som held kvar økt. La stå tomt om det ikkje er bestemt.
course-offering-status = Status
course-offering-seats = Plassar
course-offering-your-seat = Plassen din
course-book = Meld meg på denne dagen
course-cancel-seat = Meld meg av
course-decide-heading = Vedtaket til kurskomiteen
course-decide-what = Vedtak
course-decide-comment = Kommentar til arrangøren
course-decide-comment-hint = Følgjer med vedtaket og blir ståande i historikken.
course-decide-send = Send vedtaket
course-repropose-heading = Endre og send på nytt
course-repropose-comment = Kva du har endra
course-participants = Deltakarar
course-participants-none = Ingen er påmelde enno.
course-participant = Deltakar
course-participant-profile = Yrke, arbeidsstad og region
course-seat-row-place = Har plass
course-seat-row-waiting = På venteliste
course-seat-row-cancelled = Meldt av
course-participant-seat = Plass
course-attendance = Oppmøte
course-attendance-present = Møtt
course-attendance-absent = Ikkje møtt
course-attendance-unmarked = Ikkje registrert
course-mark-present = Registrer som møtt
course-mark-absent = Registrer som ikkje møtt
course-cancel-offering = Avlys kurstilbodet
course-cancel-why = Kvifor (blir vist i historikken)
course-history = Historikk
course-history-when = Når
course-history-who = Kven
course-history-step = Kva
course-history-comment = Kommentar
offering-status-proposed = Ventar på kurskomiteen
offering-status-changes-requested = Komiteen ber om endringar
offering-status-approved = Godkjent, open for påmelding
offering-status-refused = Avslått
offering-status-cancelled = Avlyst
offering-status-held = Halde
offering-status-closed = Godkjent, påmeldinga er stengd
offering-done-propose = Foreslått
offering-done-approve = Godkjent
offering-done-ask-for-changes = Bad om endringar
offering-done-refuse = Avslått
offering-done-cancel = Avlyst
offering-step-approve = Godkjenn
offering-step-ask-for-changes = Be om endringar
offering-step-refuse = Avslå

# Lessons.
course-lesson-done-note = Leksjonen er fullført. Du kan endre svara dine når du vil.
course-lesson-no-video = Videoen til denne leksjonen er ikkje lagd inn enno; tida er den planlagde lengda.
course-literature = Litteratur
course-reflections-private = Svara er berre dine: ingen andre, heller ikkje kursarrangøren, kan lese dei.
course-lesson-finish = Lagre svara og fullfør leksjonen
course-lesson-save-again = Lagre endra svar
course-lesson-next = Neste leksjon: { $title }
course-back-to = Tilbake til { $title }

# Certificates.
certificate-title = Kursbevis
certificate-participant = Deltakar
certificate-course = Kurs
certificate-completed = Fullført
certificate-time = Tid i alt
certificate-objectives = Læringsmål
certificate-code = Kontrollkode
certificate-code-hint = 16 teikn, slik han står på kursbeviset. Bindestrekar og mellomrom spelar inga rolle.
certificate-text = { $name } har fullført alle delane av kurset «{ $course }», sist { $date }.
certificate-check = Kontroller at kursbeviset er ekte på { $address } (kode { $code }).
certificate-footer = Kontrollkode { $code }
certificate-file-name = kursbevis
certificate-download = Last ned kursbeviset (PDF)
certificate-verify-title = Kontroller eit kursbevis
certificate-verify-send = Kontroller
certificate-genuine = Kursbeviset med kode { $code } er ekte. Det seier dette:
certificate-not-found-heading = Ingen kursbevis har denne koden
certificate-not-found = Sjekk at du har skrive koden slik han står på kursbeviset. Eit kursbevis med ein kode vi ikkje finn, er ikkje skrive ut her.

## Evaluations (decision 0043)
course-evaluation-title = Evaluering av { $part }
course-evaluation-intro = Du har fullført { $part }. Fortel oss kva du synest, så kurset kan bli betre. Det tek eit par minutt, og du kan evaluere éin gong.
course-evaluation-anonymous = Kurseigar, kurskomité og arrangør ser berre svara lagde saman med andre sine, aldri kven som har svart kva. Svara frå ei samling med færre enn 5 evalueringar blir ikkje viste.
course-evaluation-send = Send evalueringa
course-evaluation-thanks = Takk! Evalueringa di er send.
course-evaluation-mean = Gjennomsnitt ({ $answered } svar)
course-evaluation-offering = Samlinga { $date }, { $place }
course-evaluation-year = Alle evalueringar sende i { $year }
course-evaluate-part = Evaluer { $part }
course-evaluations-link = Evalueringar
course-evaluations-title = Evalueringar av { $title }
course-evaluations-small = Svara blir viste lagde saman, aldri kven som har svart kva. Ei gruppe med færre enn { $min } evalueringar blir berre vist med talet.
course-evaluations-none = Kurset har inga evaluering.
course-evaluations-count = { $count ->
    [one] Éi evaluering.
   *[other] { $count } evalueringar.
}
course-evaluations-answer = Svar
course-evaluations-number = Tal
course-evaluations-share = Del
course-evaluations-no-comments = Ingen har skrive noko her.
course-evaluations-too-few = Færre enn { $min } evalueringar: svara blir ikkje viste, så ingen kan kjennast att.
course-problem-not-complete = Du kan evaluere ein del av kurset når du har fullført han.
course-problem-evaluated = Du har alt evaluert denne delen av kurset.

## Participant accounts (decision 0044)
course-take-sign-up-link = Lag ein deltakarkonto
signup-title = Lag ein deltakarkonto
signup-intro = Ein deltakarkonto er for helsepersonell som tek kurs her. Han gir ikkje tilgang til pasientopplysningar.
signup-how = Vi sender ei lenke til e-postadressa di, og der vel du passord. Første gong du loggar inn, set du opp ein kode frå ein autentiseringsapp på telefonen (til dømes Microsoft Authenticator eller Google Authenticator). Koden bruker du kvar gong du loggar inn.
signup-name = Fullt namn, slik det skal stå på kursbeviset
signup-email = E-postadresse
signup-email-hint = Ho blir brukarnamnet ditt.
signup-send = Send meg lenka
signup-sent = Sjekk e-posten din. Viss adressa kan brukast til ein deltakarkonto, har vi sendt ei lenke dit. Lenka verkar i 24 timar.
signup-sent-next = Kom det ingen e-post i løpet av nokre minutt, kan du sjå i mappa for søppelpost eller be om ei ny lenke. Har du alt ein deltakarkonto, gir lenka deg eit nytt passord.
signup-have-account = Har du alt ein deltakarkonto?
signup-problem-name = Skriv namnet ditt (høgst 200 teikn).
signup-problem-email = Skriv ei gyldig e-postadresse, til dømes namn@døme.no.
signup-helseid-heading = Helsepersonell med HelseID
signup-helseid = Har du HelseID, loggar du inn der. Første gong lagar vi ein deltakarkonto knytt til HPR-nummeret ditt, utan eige passord.
signup-email-heading = Eller med e-postadressa di
