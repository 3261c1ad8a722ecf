escalation-subject = Varsel ventar: { $unit }
escalation-body =
    { $colour ->
        [red] Eit raudt varsel
        [yellow] Eit gult varsel
       *[other] Eit varsel
    } i { $unit } har venta i { $hours ->
        [0] { $minutes ->
            [one] { $minutes } minutt
           *[other] { $minutes } minutt
        }
       *[other] { $hours } timar
    } utan å bli kvittert ut. Sjå arbeidslista: { $link }

staff-patients = Pasientar
staff-worklist = Arbeidsliste
staff-statistics = Timeønske: statistikk
staff-emergency = Naudtilgang til ein pasient utanfor eininga

list-title = Pasientar – { $unit }
list-heading = Pasientar i { $unit }
list-search = Søk på namn eller fødselsnummer
list-status = Status
list-all = Alle
list-show = Vis
list-count =
    { $count ->
        [one] { $count } pasient
       *[other] { $count } pasientar
    }
list-none = Ingen pasientar passar med søket.
list-caption = Innskrivne pasientar
list-name = Namn
list-read = Lese
list-enrolled = Innskriven
list-pages = Sider

referral-title = Registrer tilvising
referral-new = Ny tilvising
referral-unit = Eining
referral-program = Program
referral-nin = Fødselsnummer eller D-nummer (11 siffer)
referral-name = Namn
referral-gp = Fastlege (valfritt)
referral-language = Språket pasienten les
referral-language-hint = Invitasjonen og påminningane kjem på dette språket. Pasienten kan byte språk sjølv etterpå.
referral-source = Kven tilviste?
referral-heard = Kvar høyrde pasienten om tilbodet?
referral-choose = Vel …
referral-submit = Registrer tilvising
referral-error-unit = Vel eininga tilvisinga gjeld.
referral-error-name = Skriv det fulle namnet til pasienten.
referral-error-name-long = Namnet kan ha høgst 200 teikn.
referral-error-gp-long = Namnet til fastlegen kan ha høgst 200 teikn.
referral-error-source = Vel kven som tilviste.
referral-region = Fylket eller helseregionen til tilvisaren
referral-region-hint = Valfritt. Blir berre brukt til å telje tilvisingar og delen frå fastlegar per region.
referral-error-region = Vel eit fylke eller ein helseregion frå lista.
referral-error-heard = Vel kvar pasienten høyrde om tilbodet.
referral-error-program = Vel eit program eininga tilbyr.
nin-length = Fødselsnummeret må ha 11 siffer.
nin-digits = Fødselsnummeret kan berre innehalde siffer.
nin-check-digits = Kontrollsifra stemmer ikkje. Sjekk at nummeret er skrive rett.
nin-birth-date = Dei seks første sifra er ikkje ein gyldig fødselsdato.

source-gp = Fastlege
source-hospital = Sjukehus
source-other = Anna
heard-gp = Fastlegen
heard-hospital = Sjukehuset
heard-website = Nettsider
heard-friend = Vener eller familie
heard-media = Media
heard-other = Anna
heard-unknown = Veit ikkje / ikkje spurt


worklist-title = Arbeidsliste – { $unit }
worklist-heading = Arbeidsliste for { $unit }
worklist-intro = Det som ventar på dykk: raude og gule målingar frå eigenbehandlingsplanen til pasientane, meldingar frå pasientar som ventar på svar, pasientar som ønskjer time, og skjema som ikkje er svara på i tide. Det mest alvorlege står først, deretter det eldste.
worklist-all-programs = Alle program
worklist-alerts = Varsel ({ $count })
worklist-no-alerts = Ingen varsel ventar.
worklist-severity = Alvor
worklist-patient = Pasient
worklist-measurement = Måling
worklist-acknowledge = Kvitter ut
worklist-what-done = Kva er gjort?
worklist-requests = Ønskjer time ({ $count })
worklist-no-requests = Ingen pasientar ventar på time.
worklist-answered = Svarte
worklist-handled = Handtert
worklist-mark-handled = Merk som handtert
worklist-overdue = Skjema ikkje svart på ({ $count })
worklist-no-overdue = Ingen skjema er på etterskot.
worklist-form = Skjema
worklist-sent = Sendt
worklist-closes = Stengjer
worklist-acknowledged = Varselet er kvittert ut.
worklist-request-handled = Timeønsket er merkt som handtert.
worklist-note-needed = Skriv kort kva du har gjort, til dømes «ringt pasienten».
alert-missing = { $name }: inga måling på { $days } døgn
alert-score = { $score }: { $value }
alert-expired = Skjemaet «{ $form }» vart ikkje svart på
alert-unanswered = Ei melding frå pasienten er ikkje svart på innan svarfristen
alert-trend = { $name }: { $value } { $unit }, endra mykje på få dagar
alert-value = { $name }: { $value } { $unit }

emergency-title = Naudtilgang
emergency-heading = Naudtilgang til ein pasient utanfor eininga di
emergency-intro = Bruk naudtilgang berre når du må sjå opplysningane for å gi helsehjelp no, og pasienten ikkje høyrer til eininga di. Du får lese i fire timar. Grunngivinga blir logga, pasienten kan sjå ho, og tilgangen blir gjennomgått av ein administrator.
emergency-nin = Fødselsnummeret eller D-nummeret til pasienten (11 siffer)
emergency-reason = Grunngiving (minst { $min } teikn)
emergency-open = Opne med naudtilgang
emergency-reason-short = Skriv kvifor du treng tilgang, med minst { $min } teikn: kva situasjonen er og kva du skal bruke opplysningane til.
emergency-reason-long = Grunngivinga kan ha høgst { $max } teikn.
emergency-no-patient = Det finst ingen pasient med dette nummeret i carepath.

statistics-crumb = Timeønske
statistics-heading = Timeønske i behovsstyrt oppfølging
statistics-intro = Kor mange som svarte ja, nei eller ikkje svarte på spørsmålet «Ønskjer du ein kontrolltime?», per program, i einingane dine. Berre tal: ingen pasientar blir viste.
statistics-from = Frå
statistics-to = Til og med
statistics-none = Ingen svar på timespørsmålet i perioden { $period }.
statistics-caption = Svar i perioden { $period }
statistics-total = Svar i alt
statistics-yes = Ja, ønskjer time
statistics-no-answer = Ikkje svart
statistics-error-order = Frå-datoen må vere før til-datoen.
statistics-error-format = Skriv datoane som år-månad-dag, til dømes 2026-01-31.

admin-title = Administrasjon
admin-review-title = Naudtilgang til gjennomgang
admin-waiting = { $count } ventar
admin-unusual-title = Uvanleg tilgang
admin-unusual-what = naudtilgang og mange pasientar på kort tid
admin-contacts = Kontaktopplysningane til einingane
admin-contacts-intro = Eit varsel som ikkje er kvittert ut i tide (programmet bestemmer kor lenge), blir sendt til varslingsadressa til eininga, til dømes vakttelefonen. Meldinga seier kva eining og kor lenge varselet har venta, aldri kven pasienten er. Telefonnummeret og opningstida blir viste for pasientane der råda seier at dei skal ringje.
admin-email = E-post
admin-mobile = Mobil (SMS)
admin-save-for = Lagre for { $unit }
admin-audit-api = Tilgangsloggen kan òg hentast som FHIR AuditEvent gjennom API-et. Denne kommandoen kontrollerer at han ikkje er endra:
admin-contacts-saved = Kontaktopplysningane er lagra.
admin-email-invalid = Skriv ei gyldig e-postadresse, til dømes vakt@sykehus.no, eller la feltet stå tomt.
admin-mobile-invalid = Skriv eit mobilnummer med 8 til 15 siffer, gjerne med landskode (+47), eller la feltet stå tomt.
admin-all-reviewed = All naudtilgang er gjennomgått.
admin-to-review =
    { $count ->
        [one] { $count } naudtilgang ventar på gjennomgang.
       *[other] { $count } naudtilgangar ventar på gjennomgang.
    }
admin-many-heading = Mange pasientar på kort tid
admin-many-intro = Personar som har sett opplysningar om minst { $threshold } ulike pasientar i løpet av éin klokketime, dei siste { $days } dagane. Lister tel òg: den som blar gjennom mange sider av pasientlista, kjem med her.
admin-threshold = Tal på pasientar i timen
admin-threshold-invalid = Terskelen må vere eit heilt tal frå 2.
admin-many-none = Ingen har sett så mange pasientar i løpet av éin time.
admin-many-caption = Timar med mange ulike pasientar, flest først
admin-hour = Time
admin-distinct = Ulike pasientar
admin-audit-token = Heile tilgangsloggen kan hentast som FHIR AuditEvent med eit API-token for ein administrator:
admin-review-intro = Behandlarar som har opna ein pasient utanfor si eiga eining, med grunngivinga dei skreiv. Vurder om tilgangen var naudsynt, og merk han som gjennomgått. Dei som ikkje er gjennomgått, står først.
admin-review-count =
    { $count ->
        [one] { $count } tilgang
       *[other] { $count } tilgangar
    }
admin-review-none = Ingen har brukt naudtilgang.
admin-review-caption = Naudtilgangar, ikkje gjennomgåtte først
admin-reason = Grunngiving
admin-review = Gjennomgang
admin-note = Merknad (valfritt)
admin-mark-reviewed = Merk som gjennomgått
admin-marked-reviewed = Tilgangen er merkt som gjennomgått.
admin-note-too-long = Merknaden kan ha høgst 1000 teikn.
admin-reviewed-by = Gjennomgått av { $name } { $when }{ $note }

cp-emergency-until = Du ser denne pasienten med naudtilgang til kl. { $time }, berre for lesing. Grunngivinga di er logga, pasienten kan sjå ho, og tilgangen blir gjennomgått.
cp-enroll-failed = Kunne ikkje skrive inn
cp-born = { $date } ({ $age } år)
cp-others-keep = Andre einingar har opplysningar om pasienten som ikkje blir viste her. Treng du dei for å gi helsehjelp no, kan du
cp-ask-emergency = be om naudtilgang
cp-no-enrollment = Pasienten er ikkje skriven inn i noko program i eininga di.
cp-screening = Kartlegging
cp-paused-since = På pause sidan { $date }: pasienten får ingen skjema, påminningar eller varsel.
cp-resume = Ta opp att oppfølginga
cp-pause = Set på pause
cp-withdraw-summary = Skriv ut av programmet
cp-withdraw-confirm = Eg vil skrive pasienten ut av { $program }. Skjema som ventar, blir trekte tilbake, og det kan ikkje angrast.
cp-withdraw = Skriv ut
cp-exception-question = Pasienten er 16–17 år. Kan pasienten starte?
cp-exception-yes = Ja, godkjenn unntak
cp-exception-no = Nei, avslå
cp-exception-save = Lagre vurdering
cp-plan-heading = Eigenbehandlingsplan: grenser
cp-plan-hint = Grensene til programmet gjeld til du set grensene til pasienten. Råda pasienten får for kvar farge, er programmet sine.
cp-plan-program = Programmet: { $limits }.
cp-plan-own = Pasienten sine eigne: { $limits }
cp-plan-set-by = (sett av { $name } { $date })
cp-plan-legend = Grensene til pasienten for { $name }
cp-plan-legend-unit = Grensene til pasienten for { $name } ({ $unit })
limit-red-below = Raud under
limit-yellow-below = Gul under
limit-yellow-above = Gul over
limit-red-above = Raud over
cp-plan-save = Lagre grensene
cp-plan-reset = Bruk grensene til programmet
cp-enroll-heading = Skriv inn i program
cp-version = Program og versjon
cp-enroll = Skriv inn
cp-no-limits = ingen grenser
cp-screening-none = Ikkje kartlagd enno
cp-screening-eligible = Aktuell
cp-screening-exception = 16–17 år: treng unntaksvurdering
cp-screening-too-young = Under aldersgrensa
cp-screening-excluded = Svarte ja på eit eksklusjonsspørsmål
cp-screening-unknown = Ukjend
cp-version-of = versjon { $number } ({ $label })
cp-version-newest = { $program } – versjon { $number } ({ $label }, nyaste)
cp-version-choice = { $program } – versjon { $number } ({ $label })
cp-notice-referral = Tilvisinga er registrert. Skriv pasienten inn i eit program nedanfor.
cp-notice-referral-existing = Tilvisinga er registrert på ein pasient som var registrert frå før med dette fødselsnummeret, med namnet og opplysningane som står her. Sjekk at det er rett person; namnet du skreiv, vart ikkje brukt.
cp-notice-enrolled = Pasienten er skriven inn. Pasienten kan no logge inn og starte.
cp-notice-decided = Vurderinga er lagra.
cp-notice-limits = Grensene i eigenbehandlingsplanen er lagra.
cp-notice-paused = Oppfølginga er sett på pause. Pasienten får ingen skjema, påminningar eller varsel før ho blir teken opp att.
cp-notice-resumed = Oppfølginga er teken opp att.
cp-notice-withdrawn = Pasienten er skriven ut av programmet. Skjema som venta, er trekte tilbake.
cp-error-choose-version = Vel kva program og kva versjon pasienten skal skrivast inn i.
cp-error-not-offered = Eininga tilbyr ikkje dette programmet.
cp-error-already-enrolled = Pasienten er allereie skriven inn i dette programmet.
cp-error-approve-or-refuse = Vel godkjenn eller avslå.
cp-error-no-limits = Programmet har ingen grenser for denne målinga.
cp-error-one-limit = Fyll inn minst éi grense, eller vel «Bruk grensene til programmet».
cp-error-limit-order = Raud grense må liggje utanfor gul: «raud under» kan ikkje vere over «gul under», og «raud over» kan ikkje vere under «gul over».
cp-error-confirm-withdraw = Kryss av for at du vil skrive pasienten ut av programmet. Det kan ikkje angrast.
cp-error-which-change = Vel pause, ta opp att eller avslutt.
cp-error-limit-range = { $label }: skriv eit tal mellom { $min } og { $max } { $unit }.
cp-error-limit-number = { $label }: skriv eit tal, eller la feltet stå tomt.

# The patient overview: scores, measurements and alerts.
cp-when = Når
cp-value = Verdi
cp-colour = Farge
cp-what = Kva
cp-handled = Handsama
cp-measurements = Målingar
cp-measurement-limits = (grenser: { $limits })
cp-no-measurements = Ingen målingar enno.
cp-alerts = Varsel
cp-no-alerts = Ingen varsel.
cp-alert-open = Ikkje handsama
cp-alert-handled = Kvittert ut { $time }
# Contact details.
contact-email = E-post
contact-mobile = Mobil
contact-none = Ikkje oppgitt
contact-change = Endre kontaktopplysningar
contact-hint = Påminningar og meldingar til pasienten går hit. Tomt felt fjernar opplysninga.
contact-save = Lagre kontaktopplysningane
contact-email-invalid = E-postadressa er ikkje gyldig. Skriv ho som namn@domene.no.
contact-mobile-invalid = Mobilnummeret må ha 8 til 15 siffer, eventuelt med + og landskode.
contact-changed = Nokon andre endra opplysningane til pasienten i mellomtida. Sjå over og lagre på nytt.
cp-notice-contact = Kontaktopplysningane er lagra.
referral-contact-hint = E-post og mobil (valfritt) for ein ny pasient: invitasjonen og påminningane går hit. Ein pasient som er registrert frå før, held på sine; dei blir endra på sida til pasienten.
admin-phone = Telefon for pasientar
admin-hours = Opningstid (til dømes «kvardagar 08.00–15.30»)
admin-phone-invalid = Skriv eit telefonnummer med 8 til 15 siffer, gjerne med landskode (+47), eller la feltet stå tomt.
admin-hours-too-long = Skriv opningstida med høgst 200 teikn.

team-message-subject = Ny melding til { $unit }
team-message-email =
    Ein pasient har sendt ei melding til { $unit }. Les og svar i carepath:
    { $link }
team-message-sms = Ny pasientmelding til { $unit }: { $link }

cp-messages-title = Meldingar – { $name }
cp-messages-no-threads = Pasienten har inga meldingstråd hos einingane dine.
cp-messages-answer-time = Svarfrist: { $days ->
    [one] éin yrkedag
   *[other] { $days } yrkedagar
    }
cp-messages-due = Må svarast innan utgangen av { $date }
cp-messages-template = Svarmal
cp-messages-use-template = Bruk malen
cp-messages-reply = Svar til pasienten
cp-messages-sent = Svaret er sendt. Pasienten får beskjed utan innhald.
cp-messages-not-ours = Tråden høyrer til ei anna eining. Du kan lese han, men ikkje svare.
cp-messages-ended = Forløpet er ikkje aktivt. Tråden kan lesast, men ikkje svarast på.
cp-messages-off = Programmet har ikkje meldingar.
cp-messages-open = Meldingar
cp-templates-title = Svarmalar
cp-templates-intro = Svar eininga brukar ofte. Ein mal fyller berre ut svarfeltet; les og tilpass før du sender.
cp-templates-none = Ingen malar enno.
cp-templates-remove = Slett «{ $title }»
cp-templates-new = Ny mal
cp-templates-unit = Eining
cp-templates-name = Namn på malen
cp-templates-text = Tekst
cp-templates-add = Lagre malen
cp-templates-saved = Malen er lagra.
cp-templates-removed = Malen er sletta.
cp-templates-error-title = Gi malen eit namn på høgst 100 teikn.
cp-templates-error-body = Skriv teksten i malen (høgst 5000 teikn).

worklist-messages = Meldingar som ventar på svar ({ $count })
worklist-no-messages = Ingen meldingar ventar.
worklist-waited-head = Har venta
worklist-waited = { $days ->
    [0] { $hours } t
   *[other] { $days } d { $hours } t
    }
worklist-answer-by = Svarfrist
worklist-message-state = Status
worklist-message-late = Over fristen
worklist-message-unread = { $count } ulesen
worklist-message-unanswered = Lesen, ikkje svart på ({ $count })
list-referred = Tilvist, ikkje skriven inn ({ $count })
list-referred-at = tilvist { $date }
worklist-see-answers = Sjå svara i «{ $form }»
cp-tasks = Skjema
cp-task-due = Sendt
cp-task-open = Ventar på svar
cp-task-overdue = Forfalle, ventar framleis
cp-task-completed = Svart på { $date }
cp-task-expired = Ikkje svart på (stengt { $date })
cp-task-cancelled = Avlyst
cp-requests = Ønske om time
cp-request-asked = Ønskte time { $date }
cp-request-open = ventar på å bli handtert
cp-request-handled = handtert { $date }
cp-messages-open-unread = Meldingar ({ $count } ulesne)
cp-answers-when = Svart på { $time }
cp-answers-none = Ingen spørsmål er svara på.
cp-answers-back = Tilbake til { $name }

# Staff accounts (administrators)
admin-staff-link = Tilsette og tilgangar
admin-staff-what = legg til tilsette, gi roller i einingar, deaktiver kontoar, nye passordlenkjer
staff-title = Tilsette og tilgangar
staff-caption = Tilsette med roller, etter namn
staff-name = Namn
staff-roles = Roller
staff-state = Status
staff-hpr-is = HPR { $hpr }
staff-disabled = Deaktivert
staff-active = Aktiv
staff-password = Pålogging
staff-password-set = passord sett
staff-password-missing = passord ikkje sett enno
staff-helseid-only = inkje lokalt passord; HelseID med HPR-nummeret
staff-factor-set = eingongskodar sette opp
staff-tokens-count = { $count ->
    [one] eitt API-token
   *[other] { $count } API-token
}
staff-add = Legg til ein tilsett
staff-add-intro = Den nye tilsette får ei lenkje for å velje passord. Lenkja blir vist éin gong her, verkar i 24 timar, og må givast til personen på ein trygg måte. Ved første pålogging set personen opp eingongskodar i ein app.
staff-username = Brukarnamn
staff-username-hint = 3 til 40 teikn: små bokstavar a–z, siffer, punktum, bindestrek eller understrek.
staff-hpr = HPR-nummer
staff-hpr-hint = Helsepersonellnummeret (6 til 9 siffer). Blir brukt for pålogging med HelseID. Kan stå tomt.
staff-role = Rolle
staff-unit = Eining
staff-unit-hint = Behandlarar og koordinatorar arbeider i éi eining og ser berre pasientane der. Andre roller har inga eining.
staff-no-unit = Inga eining
staff-add-button = Legg til
staff-role-in = { $role } i { $unit }
staff-username-invalid = Skriv eit brukarnamn med 3 til 40 teikn: små bokstavar a–z, siffer, punktum, bindestrek eller understrek.
staff-name-invalid = Skriv namnet, høgst 100 teikn.
staff-hpr-invalid = Eit HPR-nummer har 6 til 9 siffer. La feltet stå tomt om personen ikkje har eit.
staff-role-invalid = Vel ei av rollene i lista.
staff-unit-missing = Vel eininga behandlaren eller koordinatoren skal arbeide i.
staff-taken = Brukarnamnet eller HPR-nummeret er alt i bruk av ein annan konto.
staff-own-account = Du kan ikkje deaktivere din eigen konto eller ta frå deg sjølv administratorrolla. Be ein annan administrator om det.
staff-link-heading = Lenkje for å velje passord
staff-link-intro = Gi lenkja til personen på ein trygg måte. Ho blir berre vist no, verkar éin gong og i 24 timar.
staff-no-roles = Ingen roller: kontoen gir ikkje tilgang til noko.
staff-remove-role = Fjern rolla { $role }
staff-give-role = Gi ei rolle
staff-sign-in = Pålogging
staff-new-link = Lag ny passordlenkje
staff-new-link-what = Når passordet er gløymt. Det gamle passordet verkar til det nye er valt.
staff-reset-factor = Nullstill eingongskodar
staff-reset-factor-what = Når telefonen med kodeappen er borte. Personen blir logga ut overalt og set opp kodar på nytt ved neste pålogging.
staff-new-codes = Lag reservekodar
staff-codes-left = { $count ->
    [0] Ingen ubrukte reservekodar. Kvar reservekode kan brukast éin gong i staden for eingongskoden frå appen.
    [one] Éin ubrukt reservekode.
   *[other] { $count } ubrukte reservekodar.
}
staff-codes-heading = Reservekodar
staff-codes-intro = Gi kodane til personen på ein trygg måte; dei blir berre viste no. Kvar kode kan brukast éin gong i staden for eingongskoden frå appen. Tidlegare ubrukte reservekodar verkar ikkje lenger.
staff-save-hpr = Lagre HPR-nummeret
staff-hpr-changed-now = HPR-nummeret er lagra.
staff-tokens = API-token
staff-no-tokens = Ingen gyldige API-token.
staff-tokens-caption = Gyldige API-token
staff-token-made = Laga
staff-token-expires = Går ut
staff-revoke-tokens = Trekk tilbake alle API-token
staff-account = Konto
staff-disable-what = Ein deaktivert konto kan ikkje logge inn; pågåande påloggingar blir avslutta og API-token trekte tilbake. Namnet blir ståande i journalen og tilgangsloggen.
staff-disable = Deaktiver kontoen
staff-enable-what = Kontoen er deaktivert og kan ikkje logge inn.
staff-enable = Aktiver kontoen igjen
staff-disabled-now = Kontoen er deaktivert.
staff-enabled-now = Kontoen er aktivert igjen.
staff-factor-reset-now = Eingongskodane er nullstilte.
staff-tokens-revoked-now = API-tokena er trekte tilbake.
staff-roles-changed-now = Rollene er endra.
staff-unchanged = Ingenting å endre.

# The access log on screen (administrators)
admin-log-link = Tilgangsloggen
admin-log-what = kven som har lese og endra kva, med filter og nedlasting
log-title = Tilgangsloggen
log-intro = Kvar lesing og endring av pasientopplysningar, og kvar endring av tilsette sine tilgangar, nyaste først. Pasientar blir viste med id-en sin, ikkje med namn.
log-person-filter = Person (brukarnamn)
log-patient-filter = Pasient-id
log-patient-hint = Id-en står i adressa til sida til pasienten (/klinikk/pasient/…) og i API-et.
log-from = Frå og med dato
log-until = Til og med dato
log-kind = Slag opplysning
log-all = Alle
log-action = Handling
log-show = Vis
log-found = { $count ->
    [one] Éi hending
   *[other] { $count } hendingar
}
log-download = Last ned som CSV (høgst 10 000)
log-caption = Hendingar i tilgangsloggen, nyaste først
log-when = Tidspunkt
log-person = Person
log-role = Rolle
log-unit = Eining
log-record = Opplysning
log-patient = Pasient
log-reason = Grunngiving
log-pages = Sider i tilgangsloggen
log-newer = Nyare
log-older = Eldre
log-page-of = Side { $page } av { $pages }
log-action-read = lese
log-action-create = oppretta
log-action-update = endra
log-date-invalid = Skriv datoen som år-månad-dag, til dømes 2026-12-01.
log-person-unknown = Ingen har det brukarnamnet.
log-patient-invalid = Ein pasient-id ser slik ut: 01a2434f-2321-71ce-ac6b-3cb6ca6a2037.
log-the-patient = Pasienten sjølv
log-kind-patient = Pasientopplysningar
log-kind-care-plan = Behandlingsforløp
log-kind-response = Skjemasvar
log-kind-observation = Måling eller skår
log-kind-task = Oppgåve
log-kind-flag = Varsel
log-kind-referral = Tilvising eller timeønske
log-kind-message = Melding
log-kind-attachment = Vedlegg
log-kind-staff = Tilsett
log-kind-staff-role = Tilsettrolle
log-kind-log = Tilgangsloggen
log-kind-copy = Kopi av alle opplysningane
log-refused-other-unit = Prøvde, men fekk ikkje: posten høyrer til ei anna eining
log-file-name = tilgangslogg

## Letters to the GP (decision 0034). The letter itself is always in bokmål.
letter-message-subject = Brev til fastlege
letter-phone = Telefon { $phone }
letter-to-gp = Til fastlegen
letter-her-id = HER-id { $id }
letter-patient = Pasient
letter-nin = Fødselsnummer
letter-program = Program
letter-started = Starta
letter-not-answered = Ikkje svara på
letter-yes = Ja
letter-no = Nei
letter-regards = Med venleg helsing
letter-hpr = HPR-nummer { $hpr }
letter-results = Resultat
letter-col-score = Skår
letter-col-start = Ved start
letter-col-now = No
letter-col-change = Endring
letter-col-responder = Klinisk respons
letter-assessment = Vurdering
letter-note-text = Brev frå spesialisthelsetenesta om behandlingsprogrammet til pasienten. Brevet ligg ved som PDF.
letter-suggest-change = { $title }: { $start } ved start og { $now } no, ei endring på { $change }.
letter-suggest-now = { $title }: { $now }.
letter-suggest-missing = { $title }: ikkje svara på enno.
letter-suggest-responder = Endringa er stor nok til å reknast som klinisk respons.
letter-suggest-not-responder = Endringa er mindre enn det som blir rekna som klinisk respons.
letter-status-draft = Utkast sidan { $date }
letter-status-sending = Signert, blir sendt no
letter-status-sent = Sendt { $date }
letter-status-sent-again = Sendt { $date } (sendt { $count } gonger)
letter-hold-no-gp = Pasienten har ingen fastlege registrert. Legg inn fastlegen før brevet kan sendast.
letter-hold-no-gp-her-id = Fastlegen manglar HER-id, så brevet har ingen adresse. Legg inn HER-id før brevet kan sendast.
letter-hold-no-unit-her-id = Eininga manglar HER-id å sende frå. Ein administrator legg han inn på administrasjonssida.
letter-hold-fix = Legg inn fastlege og HER-id på sida til pasienten
letter-error-empty = Skriv ei vurdering før du signerer.
letter-error-long = Vurderinga kan vere på høgst { $max } teikn.
letter-error-sending = Brevet er på veg til fastlegen. Vent til det er sendt.
letter-error-again = Brevet er allereie sendt. Kryss av for å sende det på nytt.
letter-error-changed = Nokon andre endra brevet i mellomtida. Sjå over og prøv igjen.
letter-not-answered-yet = Ikkje svara på
letter-not-asked = Ikkje spurt
letter-responder-yes = Ja
letter-responder-no = Nei
letter-notice-signed = Brevet er signert og blir sendt til fastlegen i løpet av eit minutt.
letter-notice-saved = Vurderinga er lagra. Brevet er ikkje sendt.
letter-recipient = Mottakar
letter-open-pdf = Opne brevet (PDF)
letter-no-scores = Programmet har ingen skårar for dette tidspunktet.
letter-assessment-hint = Forslaget er laga frå skårane. Endre det til vurderinga di før du signerer; det er dette fastlegen les.
letter-assessment-sent-hint = Slik vart vurderinga sendt.
letter-save = Lagre utkastet
letter-sign-send = Signer og send til fastlegen
letter-clinician-signs = Ein behandlar ved eininga signerer og sender brevet.
letter-again = Send brevet på nytt til fastlegen (til dømes når fastlegen er bytt)
letter-send-again = Send på nytt
letter-code = Aktivitetskode
letter-code-hint = Koden arbeidet blir registrert med i månadsrapporten til eininga til NPR. Kodar merkte plasshaldar må eininga byte ut.
letter-code-none = Ingen kode
letter-error-code = Vel ein av kodane for brev i år.
letter-sending-hint = Brevet blir sett opp og sendt. Sida viser når det er sendt.
cp-gp-with-her-id = { $name } (HER-id { $id })
cp-letters = Brev til fastlegen
contact-gp = Fastlege
contact-gp-her-id = HER-id til fastlegen
contact-gp-her-id-hint = Adressa brev til fastlegen blir sende til (frå Adresseregisteret), 1 til 9 siffer.
contact-her-id-invalid = Ein HER-id er 1 til 9 siffer.
admin-her-id = HER-id (brev til fastlegar blir sende herifrå)
admin-her-id-invalid = Ein HER-id er 1 til 9 siffer.
worklist-letters = Brev til fastlege som ventar ({ $count })
worklist-no-letters = Ingen brev ventar.
worklist-letter = Brev
worklist-letter-since = Laga
worklist-letter-hold = Ventar på

## The monthly activity report (decision 0035).
activity-title = Aktivitetsrapport
activity-intro = Arbeid som er registrert med aktivitetskode, talt per kode og behandlar for éin månad, klart for rapportering til NPR. Rapporten viser ingen pasientar.
activity-unit = Eining
activity-month = Månad
activity-show = Vis
activity-none = Ikkje noko arbeid er registrert med kode denne månaden.
activity-totals = Sum per kode
activity-csv = Last ned som CSV
activity-xlsx = Last ned som rekneark (XLSX)
activity-bad-month = Månaden må skrivast som år og månad, til dømes 2026-12.
activity-month-name = { $month ->
    [1] januar
    [2] februar
    [3] mars
    [4] april
    [5] mai
    [6] juni
    [7] juli
    [8] august
    [9] september
    [10] oktober
    [11] november
   *[12] desember
} { $year }
activity-col-month = Månad
activity-col-unit = Eining
activity-col-code = Kode
activity-col-system = Kodeverk
activity-col-kind = Arbeid
activity-col-person = Behandlar
activity-col-count = Tal
activity-file-name = aktivitet
activity-kind-message-answer = Svar på melding
activity-kind-video = Videokonsultasjon
activity-kind-group = Gruppesamling
activity-kind-letter = Brev til fastlege
activity-kind-assessment = Vurdering
activity-kind-other = Anna
staff-activity = Aktivitetsrapport
letter-file-name = brev-til-fastlege

activity-kind-on-site = Oppmøte
appointment-request-note = Time bestilt { $date } kl. { $time }
appointments-title = Avtalar
appointments-intro = Dei komande avtalane til eininga: videokonsultasjonar, gruppesamlingar på video, oppmøte og kurs på sjukehuset. Pasienten får beskjed på e-post og SMS når ein avtale blir bestilt, flytta eller avlyst, og ei påminning dagen før.
appointments-none = Eininga har ingen komande avtalar.
appointments-how-to-book = Du bestiller ein avtale frå eit ønske om time på arbeidslista, eller frå sida til pasienten.
appointments-link = Avtalar
appointment-col-when = Tid
appointment-col-kind = Type
appointment-col-who = Pasient
appointment-places-taken = { $taken } av { $capacity } plassar tekne
appointment-new-title = Bestill time
appointment-new-for = For { $patient }.
appointment-new-from-request = Pasienten har ønskt time. Ønsket blir rekna som handtert når timen er bestilt.
appointment-join-group = Legg til i ei gruppesamling med ledig plass
appointment-group-choice = { $when }, { $free } ledige plassar
appointment-join-button = Legg til i gruppesamlinga
appointment-or-new = Eller bestill ein ny avtale
appointment-kind = Type avtale
appointment-no-video-service = Videotenesta til sjukehuset er ikkje sett opp (CAREPATH_VIDEO_URL), så berre oppmøte kan bestillast.
appointment-date = Dato
appointment-time = Klokkeslett
appointment-minutes = Varigheit i minutt
appointment-capacity = Plassar
appointment-capacity-hint = Berre for gruppesamlingar: kor mange pasientar som kan vere med.
appointment-place = Stad
appointment-place-hint = Berre for oppmøte: kvar pasienten skal møte, til dømes «Poliklinikken, 2. etasje».
appointment-patient-told = Pasienten får beskjed om tidspunktet på e-post og SMS, og ei påminning dagen før. Beskjeden seier ikkje kva avtalen gjeld.
appointment-book = Bestill
appointment-join-link = Lenke til videomøtet
appointment-participants = Pasientar
appointment-no-participants = Ingen pasientar er med.
appointment-attended = møtte
appointment-not-attended = møtte ikkje
appointment-remove = Ta { $patient } ut av gruppa
appointment-record = Registrer som gjennomført
appointment-who-came = Kven møtte?
appointment-code-hint = Koden blir registrert for kvar pasient som møtte, og blir talt i aktivitetsrapporten til eininga.
appointment-record-button = Registrer som gjennomført
appointment-clinician-records = Ein behandlar i eininga registrerer avtalen som gjennomført.
appointment-move = Flytt avtalen
appointment-move-button = Flytt
appointment-cancel = Avlys avtalen
appointment-cancel-button = Avlys
appointment-patients-told = Pasientane får beskjed på e-post og SMS.
appointment-notice-booked = Avtalen er bestilt, og pasienten har fått beskjed.
appointment-notice-changed = Avtalen er endra.
appointment-error-past = Vel eit tidspunkt fram i tid.
appointment-error-when = Skriv inn dato og klokkeslett.
appointment-error-kind = Vel type avtale.
appointment-error-minutes = Varigheita må vere mellom { $min } og { $max } minutt.
appointment-error-capacity = Ei gruppesamling må ha mellom { $min } og { $max } plassar.
appointment-error-place = Skriv kvar pasienten skal møte (høgst 200 teikn).
appointment-error-no-video = Videotenesta til sjukehuset er ikkje sett opp. Vel oppmøte.
appointment-error-full = Gruppesamlinga er full.
appointment-error-already-in = Pasienten er allereie med i gruppesamlinga.
appointment-error-closed = Avtalen er avlyst, gjennomført eller over, og kan ikkje endrast.
appointment-error-changed = Nokon andre endra avtalen samtidig. Sjå over og prøv igjen.
appointment-error-code = Vel ein kode frå lista.
appointment-error-choose-group = Vel ei gruppesamling.
cp-appointments = Avtalar
cp-book = Bestill time
worklist-book = Bestill time
cp-messages-code-hint = Vel ein kode dersom svaret ditt er ein konsultasjon som skal rapporterast. Han blir talt i aktivitetsrapporten til eininga.
worklist-code = Aktivitetskode for vurderinga (valfritt)
appointment-open-video = Opne videomøtet
appointment-add-hint = Fleire pasientar blir lagde til frå si eiga side: «Bestill time» viser gruppesamlingar med ledig plass.

## Outcome reports and research (issue 16)
staff-reports = Utfallsrapportar
report-title = Utfallsrapport
report-intro = Vel eit program. Rapporten viser effekten av programmet frå dei eigne dataa: skår ved kvart tidspunkt, kor mange som svarte, kven som starta og fullførte, og kvar dei vart tilviste frå.
report-no-programs = Ingen av einingane dine køyrer eit program enno.
report-no-projects = Du er ikkje med i noko godkjent forskingsprosjekt som dekkjer eit program akkurat no.
report-bad-year = Skriv årstalet med fire siffer, til dømes 2024.
report-at-start = Start
report-at-days = { $n } dagar
report-at-weeks = { $n } veker
report-at-months = { $n } månader
report-hidden = under 5
report-hidden-together = Skjult (grupper under 5) samla
report-section-paired = Fordeling, parvis (svarte både ved start og seinare)
report-section-responders = Del som responderte
report-section-change = Gjennomsnittleg endring frå start
report-section-bands = Fordeling, alle som svarte
report-section-mean = Gjennomsnitt
report-section-response-rate = Svarprosent
report-answered = Svarte
report-missed = Svarte ikkje (lukka)
report-still-open = Enno open
report-section-years = Per år
report-started = Starta
report-finished = Fullførte
report-withdrawn = Avslutta før tida
report-running = Pågår
report-referrals = Tilvisingar mottekne
report-gp-share = Tilvist frå fastlege
report-section-sources = Kven som tilviste
report-section-heard = Kvar pasienten høyrde om tilbodet
report-section-age = Alder ved start
report-mean-age = Gjennomsnittsalder
report-section-sex = Kjønn
report-sex-female = Kvinne
report-sex-male = Mann
report-sex-other = Anna
report-sex-unknown = Ikkje registrert
report-section-alerts = Varsel
report-alerts-yellow = Gule varsel
report-alerts-red = Raude varsel
report-per-patient-week = per pasientveke
report-red-hours = Timar frå raudt varsel til kvittering (gjennomsnitt)
report-red-median-hours = Timar frå raudt varsel til kvittering (median)
report-adherence = Dagar med minst éi måling (gjennomsnitt per pasient)
report-chart-paired = { $score }: fordeling ved start og { $time } for dei { $n } som svarte begge gongene
report-chart-all = { $score }: fordeling for alle som svarte, per tidspunkt
report-chart-table = Tala står i tabellen under.
report-whose-research = Alle einingar, gjennom prosjektet «{ $project }»
report-research-consent = Berre pasientar som har samtykt til forsking, er talde med
report-canonical = Programadresse: { $url }
report-unit = Eining
report-all-units = Alle einingane mine
report-from-year = Starta frå og med år
report-to-year = Til og med år
report-show = Vis
report-patients = { $count ->
    [one] { $count } pasient starta
   *[other] { $count } pasientar starta
}
report-small-cells = Grupper med færre enn 5 pasientar blir ikkje viste, så ingen kan kjennast att.
report-summary-title = Hovudtal
report-summary-line = { $score }, { $time } mot start ({ $n } pasientar med begge): { $responders } responderte, gjennomsnittleg endring { $change }.
report-summary-share = { $share } ({ $k })
report-summary-change = { $mean } (95 % KI { $low } til { $high })
report-some-hidden = Nokre tal i denne rapporten er skjulte av den grunnen (står som «under 5»); i diagramma er dei skjulte gruppene slegne saman i grått.
report-explain = Parvis tyder pasientar som svarte både ved start og ved det seinare tidspunktet. Intervalla er 95 % konfidensintervall (Wilson for delar, t-fordeling for gjennomsnitt). Ein responder er ein pasient som vart betre minst så mykje som skåren krev.
report-csv = Last ned som CSV
report-xlsx = Last ned som rekneark (XLSX)
report-file-name = utfallsrapport
report-col-section = Del
report-col-item = Kva
report-col-time = Tidspunkt
report-col-group = Gruppe
report-col-n = n
report-col-value = Tal eller verdi
report-col-share = Del
report-col-low = Nedre grense
report-col-high = Øvre grense
report-col-interval = 95 % intervall
research-title = Forsking
research-intro = Prosjekta du er med i. Eit godkjent prosjekt gir deg tal frå alle einingar for programma det dekkjer, berre for pasientar som har samtykt til forsking, og aldri for grupper under 5.
research-none = Du er ikkje med i noko forskingsprosjekt. Ein administrator legg deg til når prosjektet er godkjent.
research-approval = Godkjenning: { $ref }
research-closed = Ikkje ope no (ventar på godkjenning eller utanfor perioden)
research-report-of = Utfallsrapport: { $program }
research-admin-title = Forskingsprosjekt
research-admin-what = prosjekt som får sjå tal og lage uttrekk, med godkjenning, periode, forskarar og program.
research-admin-intro = Eit prosjekt gir forskarane sine tal frå alle einingar og pseudonymiserte uttrekk for programma det dekkjer – berre når det er godkjent og innanfor perioden, og berre for pasientar som har samtykt til forsking.
research-admin-none = Ingen prosjekt enno.
research-admin-project = Prosjekttittel
research-admin-approval = Godkjenning (referanse)
research-admin-approval-hint = Til dømes REK-nummeret.
research-admin-approved = Godkjenninga ligg føre
research-admin-waiting = ventar på godkjenning
research-admin-period = Periode
research-admin-from = Frå og med
research-admin-to = Til og med
research-admin-members = Forskarar i prosjektet
research-admin-no-researchers = Ingen tilsette har forskarrolla enno. Gi rolla under Tilsette først.
research-admin-programs = Program prosjektet dekkjer
research-admin-new = Nytt prosjekt
research-admin-edit = Endre prosjektet
research-admin-save = Lagre prosjektet
research-admin-bad-date = Skriv begge datoane, til dømes 2026-01-01.
research-admin-no-title = Skriv tittelen på prosjektet.
research-admin-no-approval = Skriv referansen til godkjenninga.
research-admin-ends-before = Perioden kan ikkje slutte før han byrjar.
research-admin-conflict = Prosjektet vart endra av ein annan i mellomtida. Sjå over og lagre igjen.
research-exports = Uttrekk
research-exports-how = Eit pseudonymisert uttrekk (FHIR Bulk Data, NDJSON) av pasientane som har samtykt, blir bestilt med knappen under prosjektet og lasta ned her når det er klart (oppdater sida for å sjå om det er ferdig). Det kan òg bestillast og hentast med API-tokenet ditt: GET /fhir/Group/{"{"}prosjekt{"}"}/$export med Prefer: respond-async, deretter statusadressa under. Filene blir sletta etter eit døgn.
research-exports-none = Du har ikkje bestilt noko uttrekk.
research-export-asked = Bestilt
research-export-status = Status
research-export-files = Innhald
research-export-expires = Blir sletta
research-export-address = Statusadresse
research-export-running = Blir laga
research-export-done = Klart
research-export-failed = Mislukka – slett og bestill på nytt
research-export-count = { $files } filer, { $resources } ressursar
research-export-order = Bestill eit pseudonymisert uttrekk
research-export-delete = Slett uttrekket
research-export-resources = { $count } ressursar

## Group courses on site (decision 0046)
group-course-new-title = Planlegg kurs på sjukehuset
group-course-new-intro = Eit kurs på sjukehuset for pasientane i eit program ved { $unit }. Pasientane melder seg på sjølve på sidene sine, fram til kurset byrjar.
group-course-program = Program
group-course-capacity = Tal på plassar
group-course-place = Stad (rom, etasje, adresse)
group-course-new-hint = Ingen får melding når kurset blir planlagt. Pasientane ser det under «Avtalane mine» og får påminning dagen før.
group-course-plan = Planlegg kurset
group-course-error-program = Eininga har ikkje eit program med kurs på sjukehuset. Vel eit anna program.
group-course-add-hint = Pasientane i programmet melder seg på sjølve. Du kan også leggje til ein pasient frå sida til pasienten.
group-course-record-hint = Pasientane som kom, får spørjeskjemaet om tilfredsheit på sidene sine.
report-section-group-courses = Kurs på sjukehuset
report-group-sessions = Kurs haldne
report-group-attended = Pasientar som kom
report-group-answered = Svarte på spørjeskjemaet om tilfredsheit
report-group-recommend = Ville tilrå kurset
report-summary-group = Kurs på sjukehuset { $year }: { $sessions } kurs haldne, { $share } av { $n } som svarte ville tilrå kurset.
worklist-enquiries = { $count ->
    [one] Éin førespurnad frå helsepersonell
   *[other] { $count } førespurnader frå helsepersonell
}
worklist-no-enquiries = Ingen førespurnader frå helsepersonell ventar.
worklist-enquiry-contact = Svar til: { $contact }
worklist-enquiry-what-done = Kva vart svart, og korleis?
worklist-enquiry-handled = Førespurnaden er markert som svart.
## Dissemination statistics (decision 0049)
spread-title = Spreiing
spread-intro = Kor langt tilbodet når, per år: tilvisingar og delen frå fastlegar, pasientar som starta, førespurnader frå helsepersonell, kursdeltakarar på kursdagane til eininga og besøk på dei opne sidene.
spread-section-years = Per år
spread-referrals = Tilvisingar
spread-started = Pasientar som starta
spread-enquiries = Førespurnader frå helsepersonell
spread-course-participants = Kursdeltakarar som møtte
spread-visits = Besøk på dei opne sidene
spread-section-professions = Kursdeltakarar etter yrke
spread-section-regions = Kursdeltakarar etter region
spread-section-referral-regions = Tilvisingar etter regionen til tilvisaren
spread-section-gp-share-regions = Tilvist frå fastlege etter regionen til tilvisaren
spread-region-unknown = Ikkje oppgitt
spread-section-most-read = Mest lesne opne sider
spread-section-places = Stader som driv programma
spread-none = Ingen tal enno.
spread-sources = Kjelder: tilvisingane og forløpa i programma til eininga, førespurnadene frå dei opne sidene, oppmøtet på kursdagane til eininga og besøksteljinga på dei opne sidene (framsida og programsidene).
spread-file-name = spreiing
spread-all-years = Alle år
spread-now = No
spread-small-cells = Tal på personar under 5 blir ikkje viste (står som «under 5»), så ingen kan kjennast att; då blir heller ikkje delen frå fastlegar vist. Besøkstal er ikkje personar og blir alltid viste.
## The dissemination plan (decision 0050)
plan-title = Spreiingsplan
plan-intro = Tiltaka eininga gjer for å spreie tilbodet, med verkemiddel, delmål, periode, kven som er ansvarleg og kvar tiltaket står. Vel ein indikator frå spreiingstala, så ser du framgangen for året. Kvart år har sin eigen plan; planane for tidlegare år blir ståande.
plan-year = År
plan-none = Det er ingen plan for dette året enno. Legg til det første tiltaket under.
plan-means = Verkemiddel
plan-sub-goal = Delmål
plan-period = Periode
plan-responsible = Ansvarleg
plan-indicator = Indikator
plan-indicator-none = Ingen
plan-status = Status
plan-set-status = Lagre status
plan-status-planned = Planlagt
plan-status-ongoing = Pågår
plan-status-done = Gjennomført
plan-status-dropped = Droppa
plan-add = Nytt tiltak
plan-measure = Tiltak
plan-add-button = Legg til tiltaket
plan-next = Start planen for { $year }
plan-next-hint = Planen for { $year } startar med tiltaka som ikkje er gjennomførte eller droppa. Denne planen blir ståande som han er.
plan-changed = Planen er oppdatert.
plan-problem-measure = Skriv kva tiltaket er (høgst 300 teikn).
plan-problem-long = Eit felt kan ha høgst 300 teikn.
plan-problem-year = Det kan berre lagast planar frå ti år tilbake til neste år.
plan-problem-exists = Neste år har alt ein plan.
## The annual report (decision 0051)
annual-title = Årsrapport om spreiing { $year }
annual-link = Årsrapport
annual-pdf = Last ned som PDF
annual-file-name = arsrapport-spreiing
annual-unit = Eining
annual-intro = Rapporten samlar tala for { $year } frå spreiingsstatistikken, utfallet i programma til eininga og status for tiltaka i spreiingsplanen for året. Kvart tal oppgir kjelda.
annual-figures = Nøkkeltal { $year }
annual-col-source = Kjelde
annual-source-referrals = Tilvisingar mottekne i året, etter tilvisar
annual-source-started = Forløp starta i året
annual-source-enquiries = Spørsmål frå helsepersonell via dei opne sidene
annual-source-courses = Oppmøte på kursdagane til eininga
annual-source-visits = Besøksteljing på framsida og programsidene
annual-outcomes = Utfall for pasientane som starta i året
annual-patients = Pasientar
annual-responders = Responderarar, { $score }
annual-col-program = Program
annual-no-outcomes = Ingen utfallstal for året.
annual-source-outcomes = Kjelde: utfallsrapporten for pasientane i programma til eininga som starta i året.
annual-plan = Spreiingsplanen { $year }
annual-no-plan = Eininga har ingen spreiingsplan for året.
annual-col-page = Side
annual-col-visits = Besøk (alle år)
annual-col-places = Stader som driv programmet
annual-small-cells = Tal på personar under 5 blir ikkje viste, så ingen kan kjennast att.
annual-footer = Årsrapport om spreiing { $year }, { $unit }

## Procedure registration for a quality registry (decision 0052)
proc-title = Prosedyreregister
proc-intro = Registrer prosedyrar eininga har utført, til eininga sitt eige kvalitetsregister. Kvalitetsmåla blir rekna ut frå registreringane, og året kan lastast ned som CSV eller FHIR til eit nasjonalt register.
proc-form = Prosedyre
proc-register = Registrer prosedyre
proc-one = Registrering
proc-indicators = Kvalitetsmål for { $unit }
proc-indicators-note = Registreringar merkte som feilregistrerte er ikkje med. Diagnostiske vevsprøver blir berre rekna av prøvene der svaret er kjent.
proc-count = Registreringar
proc-measure = Kvalitetsmål
proc-share = { $k } av { $n } ({ $pct })
proc-share-none = ingen å rekne av
proc-none = Eininga har ingen registreringar av denne prosedyren enno.
proc-year-list = Registreringar { $year }
proc-none-year = Ingen registreringar dette året.
proc-col-id = Registrering
proc-col-day = Utført
proc-col-nin = Fødselsnummer
proc-col-patient = Pasient
proc-col-performer = Utført av
proc-col-status = Status
proc-status-completed = Registrert
proc-status-in-error = Feilregistrert
proc-csv = Last ned året som CSV
proc-fhir = Last ned året som FHIR (Procedure og QuestionnaireResponse)
proc-export-note = Nedlastinga inneheld fødselsnummer. Registreringa til kvar pasient i ho står i tilgangsloggen til pasienten.
proc-registered = Prosedyren er registrert.
proc-changed = Registreringa er endra. Den førre versjonen er teken vare på.
proc-new-intro = Registreringa høyrer til { $unit }, og du står som den som utførte prosedyren.
proc-name = Namnet til pasienten
proc-name-hint = Trengst berre når pasienten ikkje er registrert i carepath frå før. Ein pasient som finst, held på namnet sitt.
proc-day = Dato for prosedyren
proc-save = Lagre registreringa
proc-version = Versjon
proc-answers = Svar
proc-correct = Rett registreringa
proc-save-correction = Lagre rettinga
proc-in-error = Merk som feilregistrert
proc-in-error-hint = Gjeld registreringa feil pasient eller ein prosedyre som ikkje vart gjord? Då blir ho merkt som feilregistrert. Ho blir ikkje sletta, men blir ikkje rekna med.
proc-error-name = Skriv namnet til pasienten. Fødselsnummeret finst ikkje i carepath frå før.
proc-error-day = Vel datoen prosedyren vart gjord (år-månad-dag, til dømes 2026-01-31).
proc-error-day-future = Datoen kan ikkje vere etter i dag.
proc-error-day-old = Prosedyrar over eitt år tilbake kan ikkje registrerast her.

## Places running a program (decision 0054)
place-title = Stader som driv programma
place-what = kva einingar som driv kva program, med status, oppstart og kontakt
place-intro = Einingane som driv eit program, med status, dato for oppstart og ein kontakt for helsepersonell. Det som står her, blir vist på dei opne sidene; eit avslutta program blir ikkje vist, og tilvisingar til det blir ikkje tekne imot. Pasientar som har starta, held på alt sitt.
place-saved = Lagra.
place-status = Status
place-start = Oppstart (dato)
place-contact = Kontakt for helsepersonell
place-contact-hint = Valfritt: ei rolle, eit telefonnummer eller ei e-postadresse. Blir vist på den opne sida til programmet.
place-save = Lagre
place-add = Legg til eit program for ei eining
place-program = Program
place-add-button = Legg til
place-status-planned = Planlagt
place-status-running = I drift
place-status-paused = Sett på pause
place-status-ended = Avslutta
place-error-status = Vel ein status frå lista.
place-error-start = Vel datoen for oppstart (år-månad-dag, til dømes 2026-01-31).
place-error-contact = Kontakten kan vere høgst 200 teikn.
