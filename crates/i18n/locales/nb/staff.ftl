# The care team's and administrators' pages, and messages to them (no Ukrainian: staff
# pages are in bokmål, nynorsk and English).

# To the unit's alert address; names the unit and the wait, never the patient.
escalation-subject = Varsel venter: { $unit }
escalation-body =
    { $colour ->
        [red] Et rødt varsel
        [yellow] Et gult varsel
       *[other] Et varsel
    } i { $unit } har ventet i { $hours ->
        [0] { $minutes ->
            [one] { $minutes } minutt
           *[other] { $minutes } minutter
        }
       *[other] { $hours } timer
    } uten å bli kvittert ut. Se arbeidslisten: { $link }

staff-patients = Pasienter
staff-worklist = Arbeidsliste
staff-statistics = Timeønsker: statistikk
staff-emergency = Nødtilgang til en pasient utenfor enheten

list-title = Pasienter – { $unit }
list-heading = Pasienter i { $unit }
list-search = Søk på navn eller fødselsnummer
list-status = Status
list-all = Alle
list-show = Vis
list-count =
    { $count ->
        [one] { $count } pasient
       *[other] { $count } pasienter
    }
list-none = Ingen pasienter passer med søket.
list-caption = Innskrevne pasienter
list-name = Navn
list-read = Lest
list-enrolled = Innskrevet
list-pages = Sider

referral-title = Registrer henvisning
referral-new = Ny henvisning
referral-unit = Enhet
referral-program = Program
referral-nin = Fødselsnummer eller D-nummer (11 siffer)
referral-name = Navn
referral-gp = Fastlege (valgfritt)
referral-language = Språket pasienten leser
referral-language-hint = Invitasjonen og påminnelsene kommer på dette språket. Pasienten kan bytte språk selv etterpå.
referral-source = Hvem henviste?
referral-heard = Hvor hørte pasienten om tilbudet?
referral-choose = Velg …
referral-submit = Registrer henvisning
referral-error-unit = Velg enheten henvisningen gjelder.
referral-error-name = Skriv pasientens fulle navn.
referral-error-name-long = Navnet kan ha høyst 200 tegn.
referral-error-gp-long = Fastlegens navn kan ha høyst 200 tegn.
referral-error-source = Velg hvem som henviste.
referral-region = Henviserens fylke eller helseregion
referral-region-hint = Valgfritt. Brukes bare til å telle henvisninger og andelen fra fastleger per region.
referral-error-region = Velg et fylke eller en helseregion fra listen.
referral-error-heard = Velg hvor pasienten hørte om tilbudet.
referral-error-program = Velg et program enheten tilbyr.
nin-length = Fødselsnummeret må ha 11 siffer.
nin-digits = Fødselsnummeret kan bare inneholde siffer.
nin-check-digits = Kontrollsifrene stemmer ikke. Sjekk at nummeret er skrevet riktig.
nin-birth-date = De seks første sifrene er ikke en gyldig fødselsdato.

source-gp = Fastlege
source-hospital = Sykehus
source-other = Annet
heard-gp = Fastlegen
heard-hospital = Sykehuset
heard-website = Nettsider
heard-friend = Venner eller familie
heard-media = Media
heard-other = Annet
heard-unknown = Vet ikke / ikke spurt


worklist-title = Arbeidsliste – { $unit }
worklist-heading = Arbeidsliste for { $unit }
worklist-intro = Det som venter på dere: røde og gule målinger fra pasientenes egenbehandlingsplan, meldinger fra pasienter som venter på svar, pasienter som ønsker time, og skjemaer som ikke er besvart i tide. Det mest alvorlige står først, deretter det eldste.
worklist-all-programs = Alle programmer
worklist-alerts = Varsler ({ $count })
worklist-no-alerts = Ingen varsler venter.
worklist-severity = Alvor
worklist-patient = Pasient
worklist-measurement = Måling
worklist-acknowledge = Kvitter ut
worklist-what-done = Hva er gjort?
worklist-requests = Ønsker time ({ $count })
worklist-no-requests = Ingen pasienter venter på time.
worklist-answered = Svarte
worklist-handled = Håndtert
worklist-mark-handled = Marker som håndtert
worklist-overdue = Skjema ikke besvart ({ $count })
worklist-no-overdue = Ingen skjemaer er på etterskudd.
worklist-form = Skjema
worklist-sent = Sendt
worklist-closes = Stenger
worklist-acknowledged = Varselet er kvittert ut.
worklist-request-handled = Timeønsket er markert som håndtert.
worklist-note-needed = Skriv kort hva du har gjort, for eksempel «ringt pasienten».
alert-missing = { $name }: ingen måling på { $days } døgn
alert-score = { $score }: { $value }
alert-expired = Skjemaet «{ $form }» ble ikke besvart
alert-unanswered = En melding fra pasienten er ikke besvart innen svarfristen
alert-trend = { $name }: { $value } { $unit }, endret mye på få dager
alert-value = { $name }: { $value } { $unit }

emergency-title = Nødtilgang
emergency-heading = Nødtilgang til en pasient utenfor enheten din
emergency-intro = Bruk nødtilgang bare når du må se opplysningene for å gi helsehjelp nå, og pasienten ikke hører til enheten din. Du får lese i fire timer. Begrunnelsen logges, pasienten kan se den, og tilgangen blir gjennomgått av en administrator.
emergency-nin = Pasientens fødselsnummer eller D-nummer (11 siffer)
emergency-reason = Begrunnelse (minst { $min } tegn)
emergency-open = Åpne med nødtilgang
emergency-reason-short = Skriv hvorfor du trenger tilgang, med minst { $min } tegn: hva situasjonen er og hva du skal bruke opplysningene til.
emergency-reason-long = Begrunnelsen kan ha høyst { $max } tegn.
emergency-no-patient = Det finnes ingen pasient med dette nummeret i carepath.

statistics-crumb = Timeønsker
statistics-heading = Timeønsker i behovsstyrt oppfølging
statistics-intro = Hvor mange som svarte ja, nei eller ikke svarte på spørsmålet «Ønsker du en kontrolltime?», per program, i enhetene dine. Bare antall: ingen pasienter vises.
statistics-from = Fra
statistics-to = Til og med
statistics-none = Ingen svar på timespørsmålet i perioden { $period }.
statistics-caption = Svar i perioden { $period }
statistics-total = Svar i alt
statistics-yes = Ja, ønsker time
statistics-no-answer = Ikke svart
statistics-error-order = Fra-datoen må være før til-datoen.
statistics-error-format = Skriv datoene som år-måned-dag, for eksempel 2026-01-31.

admin-title = Administrasjon
admin-review-title = Nødtilgang til gjennomgang
admin-waiting = { $count } venter
admin-unusual-title = Uvanlig tilgang
admin-unusual-what = nødtilgang og mange pasienter på kort tid
admin-contacts = Enhetenes kontaktopplysninger
admin-contacts-intro = Et varsel som ikke er kvittert ut i tide (programmet bestemmer hvor lenge), sendes til enhetens varslingsadresse, for eksempel vakttelefonen. Meldingen sier hvilken enhet og hvor lenge varselet har ventet, aldri hvem pasienten er. Telefonnummeret og åpningstiden vises for pasientene der rådene sier at de skal ringe.
admin-email = E-post
admin-mobile = Mobil (SMS)
admin-save-for = Lagre for { $unit }
admin-audit-api = Tilgangsloggen kan også hentes som FHIR AuditEvent gjennom API-et. Denne kommandoen kontrollerer at den ikke er endret:
admin-contacts-saved = Kontaktopplysningene er lagret.
admin-email-invalid = Skriv en gyldig e-postadresse, for eksempel vakt@sykehus.no, eller la feltet stå tomt.
admin-mobile-invalid = Skriv et mobilnummer med 8 til 15 sifre, gjerne med landskode (+47), eller la feltet stå tomt.
admin-all-reviewed = All nødtilgang er gjennomgått.
admin-to-review =
    { $count ->
        [one] { $count } nødtilgang venter på gjennomgang.
       *[other] { $count } nødtilganger venter på gjennomgang.
    }
admin-many-heading = Mange pasienter på kort tid
admin-many-intro = Personer som har sett opplysninger om minst { $threshold } ulike pasienter i løpet av én klokketime, de siste { $days } dagene. Lister teller også: den som blar gjennom mange sider av pasientlisten, kommer med her.
admin-threshold = Antall pasienter i timen
admin-threshold-invalid = Terskelen må være et helt tall fra 2.
admin-many-none = Ingen har sett så mange pasienter i løpet av én time.
admin-many-caption = Timer med mange ulike pasienter, flest først
admin-hour = Time
admin-distinct = Ulike pasienter
admin-audit-token = Hele tilgangsloggen kan hentes som FHIR AuditEvent med et API-token for en administrator:
admin-review-intro = Behandlere som har åpnet en pasient utenfor sin egen enhet, med begrunnelsen de skrev. Vurder om tilgangen var nødvendig, og merk den som gjennomgått. De som ikke er gjennomgått, står først.
admin-review-count =
    { $count ->
        [one] { $count } tilgang
       *[other] { $count } tilganger
    }
admin-review-none = Ingen har brukt nødtilgang.
admin-review-caption = Nødtilganger, ikke gjennomgåtte først
admin-reason = Begrunnelse
admin-review = Gjennomgang
admin-note = Merknad (valgfritt)
admin-mark-reviewed = Merk som gjennomgått
admin-marked-reviewed = Tilgangen er merket som gjennomgått.
admin-note-too-long = Merknaden kan ha høyst 1000 tegn.
admin-reviewed-by = Gjennomgått av { $name } { $when }{ $note }

cp-emergency-until = Du ser denne pasienten med nødtilgang til kl. { $time }, bare for lesing. Begrunnelsen din er logget, pasienten kan se den, og tilgangen blir gjennomgått.
cp-enroll-failed = Kunne ikke skrive inn
cp-born = { $date } ({ $age } år)
cp-others-keep = Andre enheter har opplysninger om pasienten som ikke vises her. Trenger du dem for å gi helsehjelp nå, kan du
cp-ask-emergency = be om nødtilgang
cp-no-enrollment = Pasienten er ikke skrevet inn i noe program i din enhet.
cp-screening = Kartlegging
cp-paused-since = På pause siden { $date }: pasienten får ingen skjemaer, påminnelser eller varsler.
cp-resume = Gjenoppta oppfølgingen
cp-pause = Sett på pause
cp-withdraw-summary = Skriv ut av programmet
cp-withdraw-confirm = Jeg vil skrive pasienten ut av { $program }. Skjemaer som venter, trekkes tilbake, og det kan ikke angres.
cp-withdraw = Skriv ut
cp-exception-question = Pasienten er 16–17 år. Kan pasienten starte?
cp-exception-yes = Ja, godkjenn unntak
cp-exception-no = Nei, avslå
cp-exception-save = Lagre vurdering
cp-plan-heading = Egenbehandlingsplan: grenser
cp-plan-hint = Programmets grenser gjelder til du setter pasientens egne. Rådene pasienten får for hver farge er programmets.
cp-plan-program = Programmet: { $limits }.
cp-plan-own = Pasientens egne: { $limits }
cp-plan-set-by = (satt av { $name } { $date })
cp-plan-legend = Pasientens grenser for { $name }
cp-plan-legend-unit = Pasientens grenser for { $name } ({ $unit })
limit-red-below = Rød under
limit-yellow-below = Gul under
limit-yellow-above = Gul over
limit-red-above = Rød over
cp-plan-save = Lagre grensene
cp-plan-reset = Bruk programmets grenser
cp-enroll-heading = Skriv inn i program
cp-version = Program og versjon
cp-enroll = Skriv inn
cp-no-limits = ingen grenser
cp-screening-none = Ikke kartlagt ennå
cp-screening-eligible = Aktuell
cp-screening-exception = 16–17 år: trenger unntaksvurdering
cp-screening-too-young = Under aldersgrensen
cp-screening-excluded = Svarte ja på et eksklusjonsspørsmål
cp-screening-unknown = Ukjent
cp-version-of = versjon { $number } ({ $label })
cp-version-newest = { $program } – versjon { $number } ({ $label }, nyeste)
cp-version-choice = { $program } – versjon { $number } ({ $label })
cp-notice-referral = Henvisningen er registrert. Skriv pasienten inn i et program nedenfor.
cp-notice-referral-existing = Henvisningen er registrert på en pasient som var registrert fra før med dette fødselsnummeret, med navnet og opplysningene som står her. Sjekk at det er riktig person; navnet du skrev, ble ikke brukt.
cp-notice-enrolled = Pasienten er skrevet inn. Pasienten kan nå logge inn og starte.
cp-notice-decided = Vurderingen er lagret.
cp-notice-limits = Grensene i egenbehandlingsplanen er lagret.
cp-notice-paused = Oppfølgingen er satt på pause. Pasienten får ingen skjemaer, påminnelser eller varsler før den gjenopptas.
cp-notice-resumed = Oppfølgingen er gjenopptatt.
cp-notice-withdrawn = Pasienten er skrevet ut av programmet. Skjemaer som ventet, er trukket tilbake.
cp-error-choose-version = Velg hvilket program og hvilken versjon pasienten skal skrives inn i.
cp-error-not-offered = Enheten tilbyr ikke dette programmet.
cp-error-already-enrolled = Pasienten er allerede skrevet inn i dette programmet.
cp-error-approve-or-refuse = Velg godkjenn eller avslå.
cp-error-no-limits = Programmet har ingen grenser for denne målingen.
cp-error-one-limit = Fyll inn minst én grense, eller velg «Bruk programmets grenser».
cp-error-limit-order = Rød grense må ligge utenfor gul: «rød under» kan ikke være over «gul under», og «rød over» kan ikke være under «gul over».
cp-error-confirm-withdraw = Kryss av for at du vil skrive pasienten ut av programmet. Det kan ikke angres.
cp-error-which-change = Velg pause, gjenoppta eller avslutt.
cp-error-limit-range = { $label }: skriv et tall mellom { $min } og { $max } { $unit }.
cp-error-limit-number = { $label }: skriv et tall, eller la feltet stå tomt.

# The patient overview: scores, measurements and alerts.
cp-when = Når
cp-value = Verdi
cp-colour = Farge
cp-what = Hva
cp-handled = Behandlet
cp-measurements = Målinger
cp-measurement-limits = (grenser: { $limits })
cp-no-measurements = Ingen målinger ennå.
cp-alerts = Varsler
cp-no-alerts = Ingen varsler.
cp-alert-open = Ikke behandlet
cp-alert-handled = Kvittert ut { $time }
# Contact details.
contact-email = E-post
contact-mobile = Mobil
contact-none = Ikke oppgitt
contact-change = Endre kontaktopplysninger
contact-hint = Påminnelser og beskjeder til pasienten går hit. Tomt felt fjerner opplysningen.
contact-save = Lagre kontaktopplysningene
contact-email-invalid = E-postadressen er ikke gyldig. Skriv den som navn@domene.no.
contact-mobile-invalid = Mobilnummeret må ha 8 til 15 siffer, eventuelt med + og landskode.
contact-changed = Noen andre endret pasientens opplysninger i mellomtiden. Se over og lagre på nytt.
cp-notice-contact = Kontaktopplysningene er lagret.
referral-contact-hint = E-post og mobil (valgfritt) for en ny pasient: invitasjonen og påminnelsene går hit. En pasient som er registrert fra før, beholder sine; de endres på pasientens side.
admin-phone = Telefon for pasienter
admin-hours = Åpningstid (for eksempel «hverdager 08.00–15.30»)
admin-phone-invalid = Skriv et telefonnummer med 8 til 15 sifre, gjerne med landskode (+47), eller la feltet stå tomt.
admin-hours-too-long = Skriv åpningstiden med høyst 200 tegn.

team-message-subject = Ny melding til { $unit }
team-message-email =
    En pasient har sendt en melding til { $unit }. Les og svar i carepath:
    { $link }
team-message-sms = Ny pasientmelding til { $unit }: { $link }

cp-messages-title = Meldinger – { $name }
cp-messages-no-threads = Pasienten har ingen meldingstråd hos enhetene dine.
cp-messages-answer-time = Svarfrist: { $days ->
    [one] én virkedag
   *[other] { $days } virkedager
    }
cp-messages-due = Må besvares innen utgangen av { $date }
cp-messages-template = Svarmal
cp-messages-use-template = Bruk malen
cp-messages-reply = Svar til pasienten
cp-messages-sent = Svaret er sendt. Pasienten får beskjed uten innhold.
cp-messages-not-ours = Tråden hører til en annen enhet. Du kan lese den, men ikke svare.
cp-messages-ended = Forløpet er ikke aktivt. Tråden kan leses, men ikke besvares.
cp-messages-off = Programmet har ikke meldinger.
cp-messages-open = Meldinger
cp-templates-title = Svarmaler
cp-templates-intro = Svar enheten bruker ofte. En mal fyller bare ut svarfeltet; les og tilpass før du sender.
cp-templates-none = Ingen maler ennå.
cp-templates-remove = Slett «{ $title }»
cp-templates-new = Ny mal
cp-templates-unit = Enhet
cp-templates-name = Navn på malen
cp-templates-text = Tekst
cp-templates-add = Lagre malen
cp-templates-saved = Malen er lagret.
cp-templates-removed = Malen er slettet.
cp-templates-error-title = Gi malen et navn på høyst 100 tegn.
cp-templates-error-body = Skriv malens tekst (høyst 5000 tegn).

worklist-messages = Meldinger som venter på svar ({ $count })
worklist-no-messages = Ingen meldinger venter.
worklist-waited-head = Har ventet
worklist-waited = { $days ->
    [0] { $hours } t
   *[other] { $days } d { $hours } t
    }
worklist-answer-by = Svarfrist
worklist-message-state = Status
worklist-message-late = Over fristen
worklist-message-unread = { $count } ulest
worklist-message-unanswered = Lest, ikke besvart ({ $count })
list-referred = Henvist, ikke skrevet inn ({ $count })
list-referred-at = henvist { $date }
worklist-see-answers = Se svarene i «{ $form }»
cp-tasks = Skjemaer
cp-task-due = Sendt
cp-task-open = Venter på svar
cp-task-overdue = Forfalt, venter fortsatt
cp-task-completed = Besvart { $date }
cp-task-expired = Ikke besvart (stengt { $date })
cp-task-cancelled = Avlyst
cp-requests = Ønsker om time
cp-request-asked = Ønsket time { $date }
cp-request-open = venter på å bli håndtert
cp-request-handled = håndtert { $date }
cp-messages-open-unread = Meldinger ({ $count } uleste)
cp-answers-when = Besvart { $time }
cp-answers-none = Ingen spørsmål er besvart.
cp-answers-back = Tilbake til { $name }

# Staff accounts (administrators)
admin-staff-link = Ansatte og tilganger
admin-staff-what = legg til ansatte, gi roller i enheter, deaktiver kontoer, nye passordlenker
staff-title = Ansatte og tilganger
staff-caption = Ansatte med roller, etter navn
staff-name = Navn
staff-roles = Roller
staff-state = Status
staff-hpr-is = HPR { $hpr }
staff-disabled = Deaktivert
staff-active = Aktiv
staff-password = Pålogging
staff-password-set = passord satt
staff-password-missing = passord ikke satt ennå
staff-helseid-only = ingen lokalt passord; HelseID med HPR-nummeret
staff-factor-set = engangskoder satt opp
staff-tokens-count = { $count ->
    [one] ett API-token
   *[other] { $count } API-token
}
staff-add = Legg til en ansatt
staff-add-intro = Den nye ansatte får en lenke for å velge passord. Lenken vises én gang her, virker i 24 timer, og må gis til personen på en trygg måte. Ved første pålogging setter personen opp engangskoder i en app.
staff-username = Brukernavn
staff-username-hint = 3 til 40 tegn: små bokstaver a–z, sifre, punktum, bindestrek eller understrek.
staff-hpr = HPR-nummer
staff-hpr-hint = Helsepersonellnummeret (6 til 9 sifre). Brukes for pålogging med HelseID. Kan stå tomt.
staff-role = Rolle
staff-unit = Enhet
staff-unit-hint = Behandlere og koordinatorer arbeider i én enhet og ser bare dens pasienter. Andre roller har ingen enhet.
staff-no-unit = Ingen enhet
staff-add-button = Legg til
staff-role-in = { $role } i { $unit }
staff-username-invalid = Skriv et brukernavn med 3 til 40 tegn: små bokstaver a–z, sifre, punktum, bindestrek eller understrek.
staff-name-invalid = Skriv navnet, høyst 100 tegn.
staff-hpr-invalid = Et HPR-nummer har 6 til 9 sifre. La feltet stå tomt hvis personen ikke har et.
staff-role-invalid = Velg en av rollene i listen.
staff-unit-missing = Velg enheten behandleren eller koordinatoren skal arbeide i.
staff-taken = Brukernavnet eller HPR-nummeret er allerede i bruk av en annen konto.
staff-own-account = Du kan ikke deaktivere din egen konto eller ta fra deg selv administratorrollen. Be en annen administrator om det.
staff-link-heading = Lenke for å velge passord
staff-link-intro = Gi lenken til personen på en trygg måte. Den vises bare nå, virker én gang og i 24 timer.
staff-no-roles = Ingen roller: kontoen gir ikke tilgang til noe.
staff-remove-role = Fjern rollen { $role }
staff-give-role = Gi en rolle
staff-sign-in = Pålogging
staff-new-link = Lag ny passordlenke
staff-new-link-what = Når passordet er glemt. Det gamle passordet virker til det nye er valgt.
staff-reset-factor = Nullstill engangskoder
staff-reset-factor-what = Når telefonen med kodeappen er borte. Personen logges ut overalt og setter opp koder på nytt ved neste pålogging.
staff-new-codes = Lag reservekoder
staff-codes-left = { $count ->
    [0] Ingen ubrukte reservekoder. Hver reservekode kan brukes én gang i stedet for engangskoden fra appen.
    [one] Én ubrukt reservekode.
   *[other] { $count } ubrukte reservekoder.
}
staff-codes-heading = Reservekoder
staff-codes-intro = Gi kodene til personen på en trygg måte; de vises bare nå. Hver kode kan brukes én gang i stedet for engangskoden fra appen. Tidligere ubrukte reservekoder virker ikke lenger.
staff-save-hpr = Lagre HPR-nummeret
staff-hpr-changed-now = HPR-nummeret er lagret.
staff-tokens = API-token
staff-no-tokens = Ingen gyldige API-token.
staff-tokens-caption = Gyldige API-token
staff-token-made = Laget
staff-token-expires = Utløper
staff-revoke-tokens = Trekk tilbake alle API-token
staff-account = Konto
staff-disable-what = En deaktivert konto kan ikke logge inn; pågående pålogginger avsluttes og API-token trekkes tilbake. Navnet blir stående i journalen og tilgangsloggen.
staff-disable = Deaktiver kontoen
staff-enable-what = Kontoen er deaktivert og kan ikke logge inn.
staff-enable = Aktiver kontoen igjen
staff-disabled-now = Kontoen er deaktivert.
staff-enabled-now = Kontoen er aktivert igjen.
staff-factor-reset-now = Engangskodene er nullstilt.
staff-tokens-revoked-now = API-tokenene er trukket tilbake.
staff-roles-changed-now = Rollene er endret.
staff-unchanged = Ingenting å endre.

# The access log on screen (administrators)
admin-log-link = Tilgangsloggen
admin-log-what = hvem som har lest og endret hva, med filter og nedlasting
log-title = Tilgangsloggen
log-intro = Hver lesing og endring av pasientopplysninger, og hver endring av ansattes tilganger, nyeste først. Pasienter vises med sin id, ikke med navn.
log-person-filter = Person (brukernavn)
log-patient-filter = Pasient-id
log-patient-hint = Id-en står i adressen til pasientens side (/klinikk/pasient/…) og i API-et.
log-from = Fra og med dato
log-until = Til og med dato
log-kind = Slags opplysning
log-all = Alle
log-action = Handling
log-show = Vis
log-found = { $count ->
    [one] Én hendelse
   *[other] { $count } hendelser
}
log-download = Last ned som CSV (høyst 10 000)
log-caption = Hendelser i tilgangsloggen, nyeste først
log-when = Tidspunkt
log-person = Person
log-role = Rolle
log-unit = Enhet
log-record = Opplysning
log-patient = Pasient
log-reason = Begrunnelse
log-pages = Sider i tilgangsloggen
log-newer = Nyere
log-older = Eldre
log-page-of = Side { $page } av { $pages }
log-action-read = lest
log-action-create = opprettet
log-action-update = endret
log-date-invalid = Skriv datoen som år-måned-dag, for eksempel 2026-12-01.
log-person-unknown = Ingen har det brukernavnet.
log-patient-invalid = En pasient-id ser slik ut: 01a2434f-2321-71ce-ac6b-3cb6ca6a2037.
log-the-patient = Pasienten selv
log-kind-patient = Pasientopplysninger
log-kind-care-plan = Behandlingsforløp
log-kind-response = Skjemasvar
log-kind-observation = Måling eller skår
log-kind-task = Oppgave
log-kind-flag = Varsel
log-kind-referral = Henvisning eller timeønske
log-kind-message = Melding
log-kind-attachment = Vedlegg
log-kind-staff = Ansatt
log-kind-staff-role = Ansattrolle
log-kind-log = Tilgangsloggen
log-kind-copy = Kopi av alle opplysninger
log-refused-other-unit = Forsøkte, men fikk ikke: posten tilhører en annen enhet
log-file-name = tilgangslogg

## Letters to the GP (decision 0034). The letter itself is always in bokmål.
letter-message-subject = Brev til fastlege
letter-phone = Telefon { $phone }
letter-to-gp = Til fastlegen
letter-her-id = HER-id { $id }
letter-patient = Pasient
letter-nin = Fødselsnummer
letter-program = Program
letter-started = Startet
letter-not-answered = Ikke besvart
letter-yes = Ja
letter-no = Nei
letter-regards = Med vennlig hilsen
letter-hpr = HPR-nummer { $hpr }
letter-results = Resultater
letter-col-score = Skår
letter-col-start = Ved start
letter-col-now = Nå
letter-col-change = Endring
letter-col-responder = Klinisk respons
letter-assessment = Vurdering
letter-note-text = Brev fra spesialisthelsetjenesten om pasientens behandlingsprogram. Brevet ligger vedlagt som PDF.
letter-suggest-change = { $title }: { $start } ved start og { $now } nå, en endring på { $change }.
letter-suggest-now = { $title }: { $now }.
letter-suggest-missing = { $title }: ikke besvart ennå.
letter-suggest-responder = Endringen er stor nok til å regnes som klinisk respons.
letter-suggest-not-responder = Endringen er mindre enn det som regnes som klinisk respons.
letter-status-draft = Utkast siden { $date }
letter-status-sending = Signert, sendes nå
letter-status-sent = Sendt { $date }
letter-status-sent-again = Sendt { $date } (sendt { $count } ganger)
letter-hold-no-gp = Pasienten har ingen fastlege registrert. Legg inn fastlegen før brevet kan sendes.
letter-hold-no-gp-her-id = Fastlegen mangler HER-id, så brevet har ingen adresse. Legg inn HER-id før brevet kan sendes.
letter-hold-no-unit-her-id = Enheten mangler HER-id å sende fra. En administrator legger den inn på administrasjonssiden.
letter-hold-fix = Legg inn fastlege og HER-id på pasientens side
letter-error-empty = Skriv en vurdering før du signerer.
letter-error-long = Vurderingen kan være på høyst { $max } tegn.
letter-error-sending = Brevet er på vei til fastlegen. Vent til det er sendt.
letter-error-again = Brevet er allerede sendt. Kryss av for å sende det på nytt.
letter-error-changed = Noen andre endret brevet i mellomtiden. Se over og prøv igjen.
letter-not-answered-yet = Ikke besvart
letter-not-asked = Ikke spurt
letter-responder-yes = Ja
letter-responder-no = Nei
letter-notice-signed = Brevet er signert og sendes til fastlegen i løpet av et minutt.
letter-notice-saved = Vurderingen er lagret. Brevet er ikke sendt.
letter-recipient = Mottaker
letter-open-pdf = Åpne brevet (PDF)
letter-no-scores = Programmet har ingen skårer for dette tidspunktet.
letter-assessment-hint = Forslaget er laget fra skårene. Endre det til din vurdering før du signerer; det er dette fastlegen leser.
letter-assessment-sent-hint = Slik ble vurderingen sendt.
letter-save = Lagre utkastet
letter-sign-send = Signer og send til fastlegen
letter-clinician-signs = En behandler ved enheten signerer og sender brevet.
letter-again = Send brevet på nytt til fastlegen (for eksempel når fastlegen har byttet)
letter-send-again = Send på nytt
letter-code = Aktivitetskode
letter-code-hint = Koden arbeidet registreres med i enhetens månedsrapport til NPR. Koder merket plassholder må byttes ut av enheten.
letter-code-none = Ingen kode
letter-error-code = Velg en av årets koder for brev.
letter-sending-hint = Brevet settes opp og sendes. Siden viser når det er sendt.
cp-gp-with-her-id = { $name } (HER-id { $id })
cp-letters = Brev til fastlegen
contact-gp = Fastlege
contact-gp-her-id = Fastlegens HER-id
contact-gp-her-id-hint = Adressen brev til fastlegen sendes til (fra Adresseregisteret), 1 til 9 sifre.
contact-her-id-invalid = En HER-id er 1 til 9 sifre.
admin-her-id = HER-id (brev til fastleger sendes herfra)
admin-her-id-invalid = En HER-id er 1 til 9 sifre.
worklist-letters = Brev til fastlege som venter ({ $count })
worklist-no-letters = Ingen brev venter.
worklist-letter = Brev
worklist-letter-since = Laget
worklist-letter-hold = Venter på

## The monthly activity report (decision 0035).
activity-title = Aktivitetsrapport
activity-intro = Arbeid som er registrert med aktivitetskode, talt per kode og behandler for én måned, klart for rapportering til NPR. Rapporten viser ingen pasienter.
activity-unit = Enhet
activity-month = Måned
activity-show = Vis
activity-none = Ingen arbeid er registrert med kode denne måneden.
activity-totals = Sum per kode
activity-csv = Last ned som CSV
activity-xlsx = Last ned som regneark (XLSX)
activity-bad-month = Måneden må skrives som år og måned, for eksempel 2026-12.
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
activity-col-month = Måned
activity-col-unit = Enhet
activity-col-code = Kode
activity-col-system = Kodeverk
activity-col-kind = Arbeid
activity-col-person = Behandler
activity-col-count = Antall
activity-file-name = aktivitet
activity-kind-message-answer = Svar på melding
activity-kind-video = Videokonsultasjon
activity-kind-group = Gruppesamling
activity-kind-letter = Brev til fastlege
activity-kind-assessment = Vurdering
activity-kind-other = Annet
staff-activity = Aktivitetsrapport
letter-file-name = brev-til-fastlege

activity-kind-on-site = Oppmøte
appointment-request-note = Time bestilt { $date } kl. { $time }
appointments-title = Avtaler
appointments-intro = Enhetens kommende avtaler: videokonsultasjoner, gruppesamlinger på video, oppmøter og kurs på sykehuset. Pasienten får beskjed på e-post og SMS når en avtale bestilles, flyttes eller avlyses, og en påminnelse dagen før.
appointments-none = Enheten har ingen kommende avtaler.
appointments-how-to-book = Du bestiller en avtale fra et ønske om time på arbeidslisten, eller fra pasientens side.
appointments-link = Avtaler
appointment-col-when = Tid
appointment-col-kind = Type
appointment-col-who = Pasient
appointment-places-taken = { $taken } av { $capacity } plasser tatt
appointment-new-title = Bestill time
appointment-new-for = For { $patient }.
appointment-new-from-request = Pasienten har ønsket time. Ønsket regnes som håndtert når timen er bestilt.
appointment-join-group = Legg til i en gruppesamling med ledig plass
appointment-group-choice = { $when }, { $free } ledige plasser
appointment-join-button = Legg til i gruppesamlingen
appointment-or-new = Eller bestill en ny avtale
appointment-kind = Type avtale
appointment-no-video-service = Sykehusets videotjeneste er ikke satt opp (CAREPATH_VIDEO_URL), så bare oppmøte kan bestilles.
appointment-date = Dato
appointment-time = Klokkeslett
appointment-minutes = Varighet i minutter
appointment-capacity = Plasser
appointment-capacity-hint = Bare for gruppesamlinger: hvor mange pasienter som kan være med.
appointment-place = Sted
appointment-place-hint = Bare for oppmøte: hvor pasienten skal møte, for eksempel «Poliklinikken, 2. etasje».
appointment-patient-told = Pasienten får beskjed om tidspunktet på e-post og SMS, og en påminnelse dagen før. Beskjeden sier ikke hva avtalen gjelder.
appointment-book = Bestill
appointment-join-link = Lenke til videomøtet
appointment-participants = Pasienter
appointment-no-participants = Ingen pasienter er med.
appointment-attended = møtte
appointment-not-attended = møtte ikke
appointment-remove = Ta { $patient } ut av gruppen
appointment-record = Registrer som gjennomført
appointment-who-came = Hvem møtte?
appointment-code-hint = Koden registreres for hver pasient som møtte, og telles i enhetens aktivitetsrapport.
appointment-record-button = Registrer som gjennomført
appointment-clinician-records = En behandler i enheten registrerer avtalen som gjennomført.
appointment-move = Flytt avtalen
appointment-move-button = Flytt
appointment-cancel = Avlys avtalen
appointment-cancel-button = Avlys
appointment-patients-told = Pasientene får beskjed på e-post og SMS.
appointment-notice-booked = Avtalen er bestilt, og pasienten har fått beskjed.
appointment-notice-changed = Avtalen er endret.
appointment-error-past = Velg et tidspunkt fram i tid.
appointment-error-when = Skriv inn dato og klokkeslett.
appointment-error-kind = Velg type avtale.
appointment-error-minutes = Varigheten må være mellom { $min } og { $max } minutter.
appointment-error-capacity = En gruppesamling må ha mellom { $min } og { $max } plasser.
appointment-error-place = Skriv hvor pasienten skal møte (høyst 200 tegn).
appointment-error-no-video = Sykehusets videotjeneste er ikke satt opp. Velg oppmøte.
appointment-error-full = Gruppesamlingen er full.
appointment-error-already-in = Pasienten er allerede med i gruppesamlingen.
appointment-error-closed = Avtalen er avlyst, gjennomført eller over, og kan ikke endres.
appointment-error-changed = Noen andre endret avtalen samtidig. Se over og prøv igjen.
appointment-error-code = Velg en kode fra listen.
appointment-error-choose-group = Velg en gruppesamling.
cp-appointments = Avtaler
cp-book = Bestill time
worklist-book = Bestill time
cp-messages-code-hint = Velg en kode hvis svaret ditt er en konsultasjon som skal rapporteres. Den telles i enhetens aktivitetsrapport.
worklist-code = Aktivitetskode for vurderingen (valgfritt)
appointment-open-video = Åpne videomøtet
appointment-add-hint = Flere pasienter legges til fra sin egen side: «Bestill time» viser gruppesamlinger med ledig plass.

## Outcome reports and research (issue 16)
staff-reports = Utfallsrapporter
report-title = Utfallsrapport
report-intro = Velg et program. Rapporten viser effekten av programmet fra dets egne data: skår ved hvert tidspunkt, hvor mange som svarte, hvem som startet og fullførte, og hvor de ble henvist fra.
report-no-programs = Ingen av enhetene dine kjører et program ennå.
report-no-projects = Du er ikke med i noe godkjent forskningsprosjekt som dekker et program akkurat nå.
report-bad-year = Skriv årstallet med fire sifre, for eksempel 2024.
report-at-start = Start
report-at-days = { $n } dager
report-at-weeks = { $n } uker
report-at-months = { $n } måneder
report-hidden = under 5
report-hidden-together = Skjult (grupper under 5) samlet
report-section-paired = Fordeling, parvis (svarte både ved start og senere)
report-section-responders = Andel som responderte
report-section-change = Gjennomsnittlig endring fra start
report-section-bands = Fordeling, alle som svarte
report-section-mean = Gjennomsnitt
report-section-response-rate = Svarprosent
report-answered = Svarte
report-missed = Svarte ikke (lukket)
report-still-open = Ennå åpen
report-section-years = Per år
report-started = Startet
report-finished = Fullførte
report-withdrawn = Avsluttet før tiden
report-running = Pågår
report-referrals = Henvisninger mottatt
report-gp-share = Henvist fra fastlege
report-section-sources = Hvem som henviste
report-section-heard = Hvor pasienten hørte om tilbudet
report-section-age = Alder ved start
report-mean-age = Gjennomsnittsalder
report-section-sex = Kjønn
report-sex-female = Kvinne
report-sex-male = Mann
report-sex-other = Annet
report-sex-unknown = Ikke registrert
report-section-alerts = Varsler
report-alerts-yellow = Gule varsler
report-alerts-red = Røde varsler
report-per-patient-week = per pasientuke
report-red-hours = Timer fra rødt varsel til kvittering (gjennomsnitt)
report-red-median-hours = Timer fra rødt varsel til kvittering (median)
report-adherence = Dager med minst én måling (gjennomsnitt per pasient)
report-chart-paired = { $score }: fordeling ved start og { $time } for de { $n } som svarte begge gangene
report-chart-all = { $score }: fordeling for alle som svarte, per tidspunkt
report-chart-table = Tallene står i tabellen under.
report-whose-research = Alle enheter, gjennom prosjektet «{ $project }»
report-research-consent = Bare pasienter som har samtykket til forskning, er talt med
report-canonical = Programadresse: { $url }
report-unit = Enhet
report-all-units = Alle enhetene mine
report-from-year = Startet fra og med år
report-to-year = Til og med år
report-show = Vis
report-patients = { $count ->
    [one] { $count } pasient startet
   *[other] { $count } pasienter startet
}
report-small-cells = Grupper med færre enn 5 pasienter vises ikke, så ingen kan kjennes igjen.
report-summary-title = Hovedtall
report-summary-line = { $score }, { $time } mot start ({ $n } pasienter med begge): { $responders } responderte, gjennomsnittlig endring { $change }.
report-summary-share = { $share } ({ $k })
report-summary-change = { $mean } (95 % KI { $low } til { $high })
report-some-hidden = Noen tall i denne rapporten er skjult av den grunn (står som «under 5»); i diagrammene er de skjulte gruppene slått sammen i grått.
report-explain = Parvis betyr pasienter som svarte både ved start og ved det senere tidspunktet. Intervallene er 95 % konfidensintervaller (Wilson for andeler, t-fordeling for gjennomsnitt). En responder er en pasient som forbedret seg minst så mye som skåren krever.
report-csv = Last ned som CSV
report-xlsx = Last ned som regneark (XLSX)
report-file-name = utfallsrapport
report-col-section = Del
report-col-item = Hva
report-col-time = Tidspunkt
report-col-group = Gruppe
report-col-n = n
report-col-value = Antall eller verdi
report-col-share = Andel
report-col-low = Nedre grense
report-col-high = Øvre grense
report-col-interval = 95 % intervall
research-title = Forskning
research-intro = Prosjektene du er med i. Et godkjent prosjekt gir deg tall fra alle enheter for programmene det dekker, bare for pasienter som har samtykket til forskning, og aldri for grupper under 5.
research-none = Du er ikke med i noe forskningsprosjekt. En administrator legger deg til når prosjektet er godkjent.
research-approval = Godkjenning: { $ref }
research-closed = Ikke åpent nå (venter på godkjenning eller utenfor perioden)
research-report-of = Utfallsrapport: { $program }
research-admin-title = Forskningsprosjekter
research-admin-what = prosjekter som får se tall og lage uttrekk, med godkjenning, periode, forskere og programmer.
research-admin-intro = Et prosjekt gir forskerne sine tall fra alle enheter og pseudonymiserte uttrekk for programmene det dekker – bare når det er godkjent og innenfor perioden, og bare for pasienter som har samtykket til forskning.
research-admin-none = Ingen prosjekter ennå.
research-admin-project = Prosjekttittel
research-admin-approval = Godkjenning (referanse)
research-admin-approval-hint = For eksempel REK-nummeret.
research-admin-approved = Godkjenningen foreligger
research-admin-waiting = venter på godkjenning
research-admin-period = Periode
research-admin-from = Fra og med
research-admin-to = Til og med
research-admin-members = Forskere i prosjektet
research-admin-no-researchers = Ingen ansatte har forskerrollen ennå. Gi rollen under Ansatte først.
research-admin-programs = Programmer prosjektet dekker
research-admin-new = Nytt prosjekt
research-admin-edit = Endre prosjektet
research-admin-save = Lagre prosjektet
research-admin-bad-date = Skriv begge datoene, for eksempel 2026-01-01.
research-admin-no-title = Skriv prosjektets tittel.
research-admin-no-approval = Skriv referansen til godkjenningen.
research-admin-ends-before = Perioden kan ikke slutte før den begynner.
research-admin-conflict = Prosjektet ble endret av en annen i mellomtiden. Se over og lagre igjen.
research-exports = Uttrekk
research-exports-how = Et pseudonymisert uttrekk (FHIR Bulk Data, NDJSON) av pasientene som har samtykket, bestilles med knappen under prosjektet og lastes ned her når det er klart (oppdater siden for å se om det er ferdig). Det kan også bestilles og hentes med API-tokenet ditt: GET /fhir/Group/{"{"}prosjekt{"}"}/$export med Prefer: respond-async, deretter statusadressen under. Filene slettes etter et døgn.
research-exports-none = Du har ikke bestilt noe uttrekk.
research-export-asked = Bestilt
research-export-status = Status
research-export-files = Innhold
research-export-expires = Slettes
research-export-address = Statusadresse
research-export-running = Lages
research-export-done = Klart
research-export-failed = Mislyktes – slett og bestill på nytt
research-export-count = { $files } filer, { $resources } ressurser
research-export-order = Bestill et pseudonymisert uttrekk
research-export-delete = Slett uttrekket
research-export-resources = { $count } ressurser

## Group courses on site (decision 0046)
group-course-new-title = Planlegg kurs på sykehuset
group-course-new-intro = Et kurs på sykehuset for pasientene i et program ved { $unit }. Pasientene melder seg på selv på sidene sine, fram til kurset begynner.
group-course-program = Program
group-course-capacity = Antall plasser
group-course-place = Sted (rom, etasje, adresse)
group-course-new-hint = Ingen får beskjed når kurset planlegges. Pasientene ser det under «Mine avtaler» og får påminnelse dagen før.
group-course-plan = Planlegg kurset
group-course-error-program = Enheten har ikke et program med kurs på sykehuset. Velg et annet program.
group-course-add-hint = Pasientene i programmet melder seg på selv. Du kan også legge til en pasient fra pasientens side.
group-course-record-hint = Pasientene som kom, får spørreskjemaet om tilfredshet på sidene sine.
report-section-group-courses = Kurs på sykehuset
report-group-sessions = Kurs holdt
report-group-attended = Pasienter som kom
report-group-answered = Svarte på spørreskjemaet om tilfredshet
report-group-recommend = Ville anbefale kurset
report-summary-group = Kurs på sykehuset { $year }: { $sessions } kurs holdt, { $share } av { $n } som svarte ville anbefale kurset.
worklist-enquiries = { $count ->
    [one] Én henvendelse fra helsepersonell
   *[other] { $count } henvendelser fra helsepersonell
}
worklist-no-enquiries = Ingen henvendelser fra helsepersonell venter.
worklist-enquiry-contact = Svar til: { $contact }
worklist-enquiry-what-done = Hva ble svart, og hvordan?
worklist-enquiry-handled = Henvendelsen er markert som besvart.
## Dissemination statistics (decision 0049)
spread-title = Spredning
spread-intro = Hvor langt tilbudet når, per år: henvisninger og andelen fra fastleger, pasienter som startet, henvendelser fra helsepersonell, kursdeltakere på enhetens kursdager og besøk på de offentlige sidene.
spread-section-years = Per år
spread-referrals = Henvisninger
spread-started = Pasienter som startet
spread-enquiries = Henvendelser fra helsepersonell
spread-course-participants = Kursdeltakere som møtte
spread-visits = Besøk på de offentlige sidene
spread-section-professions = Kursdeltakere etter yrke
spread-section-regions = Kursdeltakere etter region
spread-section-referral-regions = Henvisninger etter henviserens region
spread-section-gp-share-regions = Henvist fra fastlege etter henviserens region
spread-region-unknown = Ikke oppgitt
spread-section-most-read = Mest leste offentlige sider
spread-section-places = Steder som driver programmene
spread-none = Ingen tall ennå.
spread-sources = Kilder: henvisningene og forløpene i enhetens programmer, henvendelsene fra de offentlige sidene, oppmøtet på enhetens kursdager og besøkstellingen på de offentlige sidene (forsiden og programsidene).
spread-file-name = spredning
spread-all-years = Alle år
spread-now = Nå
spread-small-cells = Antall personer under 5 vises ikke (står som «under 5»), så ingen kan kjennes igjen; da vises heller ikke andelen fra fastleger. Besøkstall er ikke personer og vises alltid.
## The dissemination plan (decision 0050)
plan-title = Spredningsplan
plan-intro = Tiltakene enheten gjør for å spre tilbudet, med virkemiddel, delmål, periode, hvem som er ansvarlig og hvor tiltaket står. Velg en indikator fra spredningstallene, så ser du framgangen for året. Hvert år har sin egen plan; tidligere års planer blir stående.
plan-year = År
plan-none = Det er ingen plan for dette året ennå. Legg til det første tiltaket under.
plan-means = Virkemiddel
plan-sub-goal = Delmål
plan-period = Periode
plan-responsible = Ansvarlig
plan-indicator = Indikator
plan-indicator-none = Ingen
plan-status = Status
plan-set-status = Lagre status
plan-status-planned = Planlagt
plan-status-ongoing = Pågår
plan-status-done = Gjennomført
plan-status-dropped = Droppet
plan-add = Nytt tiltak
plan-measure = Tiltak
plan-add-button = Legg til tiltaket
plan-next = Start planen for { $year }
plan-next-hint = Planen for { $year } starter med tiltakene som ikke er gjennomført eller droppet. Denne planen blir stående som den er.
plan-changed = Planen er oppdatert.
plan-problem-measure = Skriv hva tiltaket er (høyst 300 tegn).
plan-problem-long = Et felt kan ha høyst 300 tegn.
plan-problem-year = Det kan bare lages planer fra ti år tilbake til neste år.
plan-problem-exists = Neste år har allerede en plan.
## The annual report (decision 0051)
annual-title = Årsrapport om spredning { $year }
annual-link = Årsrapport
annual-pdf = Last ned som PDF
annual-file-name = arsrapport-spredning
annual-unit = Enhet
annual-intro = Rapporten samler tallene for { $year } fra spredningsstatistikken, utfallet i enhetens programmer og status for tiltakene i årets spredningsplan. Hvert tall oppgir kilden.
annual-figures = Nøkkeltall { $year }
annual-col-source = Kilde
annual-source-referrals = Henvisninger mottatt i året, etter henviser
annual-source-started = Forløp startet i året
annual-source-enquiries = Spørsmål fra helsepersonell via de offentlige sidene
annual-source-courses = Oppmøte på enhetens kursdager
annual-source-visits = Besøkstelling på forsiden og programsidene
annual-outcomes = Utfall for pasientene som startet i året
annual-patients = Pasienter
annual-responders = Respondere, { $score }
annual-col-program = Program
annual-no-outcomes = Ingen utfallstall for året.
annual-source-outcomes = Kilde: utfallsrapporten for pasientene i enhetens programmer som startet i året.
annual-plan = Spredningsplanen { $year }
annual-no-plan = Enheten har ingen spredningsplan for året.
annual-col-page = Side
annual-col-visits = Besøk (alle år)
annual-col-places = Steder som driver programmet
annual-small-cells = Antall personer under 5 vises ikke, så ingen kan kjennes igjen.
annual-footer = Årsrapport om spredning { $year }, { $unit }

## Procedure registration for a quality registry (decision 0052)
proc-title = Prosedyreregister
proc-intro = Registrer prosedyrer enheten har utført, til enhetens eget kvalitetsregister. Kvalitetsmålene regnes ut fra registreringene, og året kan lastes ned som CSV eller FHIR til et nasjonalt register.
proc-form = Prosedyre
proc-register = Registrer prosedyre
proc-one = Registrering
proc-indicators = Kvalitetsmål for { $unit }
proc-indicators-note = Registreringer merket som feilregistrert er ikke med. Diagnostiske vevsprøver regnes bare av prøvene der svaret er kjent.
proc-count = Registreringer
proc-measure = Kvalitetsmål
proc-share = { $k } av { $n } ({ $pct })
proc-share-none = ingen å regne av
proc-none = Enheten har ingen registreringer av denne prosedyren ennå.
proc-year-list = Registreringer { $year }
proc-none-year = Ingen registreringer dette året.
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
proc-export-note = Nedlastingen inneholder fødselsnumre. Hver pasients registrering i den står i pasientens tilgangslogg.
proc-registered = Prosedyren er registrert.
proc-changed = Registreringen er endret. Den forrige versjonen er tatt vare på.
proc-new-intro = Registreringen hører til { $unit }, og du står som den som utførte prosedyren.
proc-name = Pasientens navn
proc-name-hint = Trengs bare når pasienten ikke er registrert i carepath fra før. En pasient som finnes, beholder navnet sitt.
proc-day = Dato for prosedyren
proc-save = Lagre registreringen
proc-version = Versjon
proc-answers = Svar
proc-correct = Rett registreringen
proc-save-correction = Lagre rettingen
proc-in-error = Merk som feilregistrert
proc-in-error-hint = Gjelder registreringen feil pasient eller en prosedyre som ikke ble gjort? Da merkes den som feilregistrert. Den slettes ikke, men telles ikke med.
proc-error-name = Skriv pasientens navn. Fødselsnummeret finnes ikke i carepath fra før.
proc-error-day = Velg datoen prosedyren ble gjort (år-måned-dag, for eksempel 2026-01-31).
proc-error-day-future = Datoen kan ikke være etter i dag.
proc-error-day-old = Prosedyrer over ett år tilbake kan ikke registreres her.

## Places running a program (decision 0054)
place-title = Steder som driver programmene
place-what = hvilke enheter som driver hvilke program, med status, oppstart og kontakt
place-intro = Enhetene som driver et program, med status, dato for oppstart og en kontakt for helsepersonell. Det som står her, vises på de offentlige sidene; et avsluttet program vises ikke, og henvisninger til det tas ikke imot. Pasienter som har startet, beholder alt sitt.
place-saved = Lagret.
place-status = Status
place-start = Oppstart (dato)
place-contact = Kontakt for helsepersonell
place-contact-hint = Valgfritt: en rolle, et telefonnummer eller en e-postadresse. Vises på programmets offentlige side.
place-save = Lagre
place-add = Legg til et program for en enhet
place-program = Program
place-add-button = Legg til
place-status-planned = Planlagt
place-status-running = I drift
place-status-paused = Satt på pause
place-status-ended = Avsluttet
place-error-status = Velg en status fra listen.
place-error-start = Velg datoen for oppstart (år-måned-dag, for eksempel 2026-01-31).
place-error-contact = Kontakten kan være høyst 200 tegn.
