# The patient's pages.

link-access-log = Hvem har sett opplysningene mine?
link-own-data = Last ned mine data
link-measurements = Mine målinger

home-title = Min side
home-hello = Hei
home-hello-name = Hei, { $name }
home-enrolled-in = Du er skrevet inn i
home-steps = Slik kommer du i gang
home-step-terms = Les og godta vilkårene
home-step-screening = Svar på noen spørsmål om deg
home-step-baseline = Fyll ut startskjemaet
home-step-modules = Start på modulene
home-read-terms = Les vilkårene
home-baseline-why = Før modulene åpner, trenger vi å vite hvordan du har det nå. Da kan vi sammen se om behandlingen hjelper.
home-baseline-start = Fyll ut startskjemaet
home-waiting = Vi vurderer henvisningen din
home-stopped = Programmet passer ikke for deg nå
home-finished = Du er ferdig med programmet. Godt jobbet!
home-not-enrolled = Du er ikke skrevet inn i noe program ennå. Når behandleren din har skrevet deg inn, ser du programmet her.
home-program-ended = Behandlingen er avsluttet. Ta kontakt med fastlegen din hvis du har spørsmål.

terms-title = Vilkår
terms-heading = Før du starter på { $program }
terms-must-tick = Du må krysse av
terms-must-tick-text = Kryss av for at du har lest vilkårene før du går videre.
terms-accept-label = Jeg har lest vilkårene og vil starte
terms-accept = Godta og gå videre

screening-title = Noen spørsmål om deg
screening-intro = Vi stiller noen spørsmål for å være sikre på at programmet er trygt og riktig for deg.
screening-born = Vi har registrert at du er født { $date } og er { $age } år. Stemmer ikke dette, ta kontakt med oss før du går videre.
screening-send = Send svar
screening-answer-yes-no = Svar ja eller nei på spørsmålet.

modules-title = Modulene
modules-paused = Behandlerne dine har satt oppfølgingen på pause. Du får ingen skjemaer eller påminnelser, og målingene dine blir ikke fulgt med på, før den starter igjen. Sidene kan du fortsatt lese. Blir du dårligere, kontakt fastlegen eller legevakten (116 117); ved fare for liv, ring 113.
modules-read-share = Du har lest { $percent } % av sidene.
modules-progress = Fremdrift i programmet
modules-resume = Fortsett der du slapp
modules-requests = Timeønsket ditt
modules-request-open = Du ba om en kontrolltime { $asked }. Vi har fått forespørselen og tar kontakt med deg.
modules-request-handled = Du ba om en kontrolltime { $asked }. Forespørselen ble behandlet { $handled }.
modules-begin = Begynn å lese
modules-forms = Skjemaer å fylle ut
modules-answer-by = svar innen { $date }
modules-waiting-answer = Venter på svar
modules-yours = Dine moduler
modules-optional = Valgfri
modules-pages-done = { $total } av { $total } sider lest – ferdig
modules-pages-read = { $read } av { $total } sider lest
modules-choose = Velg fordypninger
modules-choose-intro = Du kan velge én eller flere, eller ingen. Du kan endre valget senere.
modules-extra = Fordypninger
modules-save-choice = Lagre valget
modules-baseline-saved = Takk! Svarene dine er lagret. Nå kan du begynne på modulene.
modules-choice-saved = Valget ditt er lagret.
modules-choice-failed = Valget kunne ikke lagres. Last siden på nytt og prøv igjen.

page-number = Side { $number } av { $count }
page-number-read = Side { $number } av { $count } · lest
page-transcript = Les det som blir sagt
page-done-module = Ferdig med modulen
page-read-next = Jeg har lest siden – neste side
page-previous = Forrige side

result-title = Resultat: { $form }
result-heading = Takk for svarene
result-urgent = Les dette nå
result-saved = Svarene dine på «{ $form }» er lagret.
result-shows = Dette viser svarene dine
result-your-score = Skåren din:
result-not-diagnosis = Skåren er et hjelpemiddel for deg og behandlerne dine, ikke en diagnose. Ta kontakt hvis du er bekymret for noe.

measurements-title = Mine målinger
measurements-none-asked = Programmet ditt ber ikke om målinger hjemme.
measurements-fix = Målingen må rettes
measurements-what = Hva har du målt?
measurements-value = Verdi
measurements-save = Lagre målingen
measurements-saved = Målingen er lagret.
measurements-saved-advice = { $name } er lagret.
measurements-choose-kind = Velg hva du har målt.
measurements-latest = Siste måling: { $colour }.
measurements-chart = de siste målingene fra venstre (eldst) til høyre (nyest), mellom { $low } og { $high }
measurements-chart-table = Tallene står i tabellen under.
measurements-caption = { $name }, nyeste først ({ $unit })
measurement-not-a-number = { $name }: skriv et tall.
measurement-too-precise =
    { $name }: skriv tallet med høyst { $decimals ->
        [0] null desimaler
        [one] én desimal
       *[other] { $decimals } desimaler
    }.
measurement-out-of-range = { $name } må være mellom { $min } og { $max } { $unit }. Sjekk at tallet er skrevet riktig.
measurement-pressure-order = Det øvre tallet (systolisk) må være høyere enn det nedre (diastolisk). Sjekk at tallene står i riktig felt.
measurement-blood-pressure = Blodtrykk
measurements-pressure-upper = Øvre tall (systolisk)
measurements-pressure-lower = Nedre tall (diastolisk)
measurements-pressure-hint = Skriv begge tallene fra blodtrykksmåleren, for eksempel 130 og 85.
measurements-pressure-both = Skriv både det øvre og det nedre tallet fra blodtrykksmåleren.
measurement-systolic = Blodtrykk, øvre (systolisk)
measurement-diastolic = Blodtrykk, nedre (diastolisk)
measurement-pulse = Puls
measurement-spo2 = Oksygenmetning (SpO2)
measurement-weight = Vekt
measurement-temperature = Temperatur
measurement-glucose = Blodsukker
measurement-steps = Skritt
measurement-symptoms = Hvor plaget er du i dag (0-10)
unit-beats-per-minute = slag per minutt
unit-steps = skritt
unit-of-ten = av 10
colour-green = Grønn
colour-yellow = Gul
colour-red = Rød

access-title = Hvem har sett opplysningene mine
access-intro = Her ser du hvem som har sett på eller endret opplysningene om deg, og når. Alt helsepersonell som åpner opplysningene dine, blir logget. Du ser ikke dine egne besøk her.
access-none = Ingen andre har sett på opplysningene dine ennå.
access-caption = Tilganger til opplysningene dine, nyeste først
access-reason = Begrunnelse: { $reason }
access-complain = Mener du at noen har sett på opplysningene dine uten grunn, kan du kontakte sykehuset og be om at det blir undersøkt.
access-role-clinician = behandler
access-role-coordinator = koordinator
access-role-admin = administrator
access-role-researcher = forsker
access-role-author = innholdsforfatter
access-role-other = annen rolle
access-tried = Prøvde å åpne
access-read = Så på
access-created = Registrerte
access-changed = Endret
access-thing-patient = opplysningene om deg
access-thing-care-plan = behandlingsforløpet ditt
access-thing-response = svarene dine på et skjema
access-thing-referral = henvisningen din
access-thing-emergency = nødtilgang til opplysningene dine
access-thing-copy = en kopi av alle opplysningene dine
access-thing-observation = en måling eller skår
access-thing-task = oppgavene dine
access-thing-other = opplysninger om deg
access-what = { $verb } { $thing }
access-what-refused = { $verb } { $thing }, men fikk ikke: de hører til en annen enhet

own-title = Mine data
own-intro = Du har rett til en kopi av alt vi har lagret om deg. Kopien inneholder:
own-has-identity = navn, fødselsnummer, fødselsdato og fastlege
own-has-programs = hvert behandlingsprogram du er skrevet inn i, med status, valg og hvor mye du har lest
own-has-answers = alle svarene dine på skjemaer
own-has-measurements = målingene dine og skårene av skjemaene
own-has-messages = meldingene mellom deg og behandlerne, med vedlegg
own-has-log = hvem som har sett på eller endret opplysningene dine, og når
own-print = Vis kopien for utskrift
own-print-how = Siden kan skrives ut eller lagres som PDF fra nettleseren («Skriv ut» og «Lagre som PDF»).
own-download = Last ned kopien som fil (FHIR JSON)
own-download-what = et standardformat som andre helsetjenester og apper kan lese.
own-careful = Kopien inneholder helseopplysninger. Lagre den et trygt sted, og ikke send den med vanlig e-post.
own-letters = Brev til fastlegen din
own-letters-none = Ingen brev er sendt til fastlegen din ennå.
own-letters-intro = Dette er brevene enheten har sendt til fastlegen din om behandlingen. De åpnes som PDF.
own-letter-sent = sendt { $date }

content-not-translated = Innholdet i programmet vises på bokmål.

q-title-default = Spørreskjema
q-original-language = Dette skjemaet vises på originalspråket inntil sykehuset har lagt inn den offisielle norske oversettelsen.
q-placeholder = Dette skjemaet bruker plassholdertekst skrevet av carepath-prosjektet. Sykehuset skal erstatte den med den lisensierte teksten.
q-saved = Svarene er lagret. Du kan fortsette nå eller senere; de er her når du kommer tilbake.
q-progress = Fremdrift i skjemaet
q-fix = Noen svar må rettes
q-required = (må besvares)
q-other-answer = Annet svar
q-choose = Velg
q-next = Neste side
q-send = Send svarene
q-save-later = Lagre og fortsett senere
q-hint-format = Format: { $format }
q-hint-slider = Skriv et tall fra { $min } ({ $low }) til { $max } ({ $high }).
q-hint-range = Skriv et tall fra { $min } til { $max }.
q-hint-number = Skriv et tall.
q-hint-date = For eksempel 23.11.2026.
q-hint-time = For eksempel 08:30.
q-hint-datetime = Dato og klokkeslett.
q-hint-url = En nettadresse, for eksempel https://eksempel.no.
q-hint-checkbox = Velg alle som passer.
q-hint-open-choice = Velg ett alternativ, eller skriv ditt eget svar.
q-only-if-many = Svar bare hvis spørsmålet gjelder deg etter svarene over.
q-only-if = Svar bare hvis { $conditions }.
q-or = eller
q-and = og
q-cond-answered = du har svart på «{ $question }»
q-cond-not-answered = du ikke har svart på «{ $question }»
q-cond-not-equal = du svarte noe annet enn «{ $answer }» på «{ $question }»
q-cond-greater = svaret på «{ $question }» er over { $answer }
q-cond-less = svaret på «{ $question }» er under { $answer }
q-cond-at-least = svaret på «{ $question }» er { $answer } eller mer
q-cond-at-most = svaret på «{ $question }» er { $answer } eller mindre
q-cond-equal = du svarte «{ $answer }» på «{ $question }»
q-problem-required = Svar på dette spørsmålet.
q-problem-yes-no = Velg ja eller nei.
q-problem-integer = Skriv et helt tall, for eksempel 3.
q-problem-number = Skriv et tall, for eksempel 2,5.
q-problem-date = Skriv en dato som finnes, for eksempel 23.11.2026.
q-problem-time = Skriv et klokkeslett, for eksempel 08:30.
q-problem-url = Skriv en hel nettadresse, for eksempel https://eksempel.no.
q-problem-form = Svaret har feil form. Sjekk det og prøv igjen.
q-problem-below = Tallet kan ikke være lavere enn { $min }.
q-problem-above = Tallet kan ikke være høyere enn { $max }.
q-problem-option = Velg ett av alternativene.
q-problem-too-long = Svaret kan ha høyst { $max } tegn.
q-problem-one-answer = Gi bare ett svar: velg et alternativ eller skriv ditt eget.
q-problem-changed = Skjemaet har endret seg. Last siden på nytt.
q-change = Ved første måling var skåren { $before }. Endringen er { $diff }.
q-change-clear = Det er en tydelig bedring.
q-no-score = Ingen skår: for mange spørsmål er ikke besvart

print-crumb = Utskrift
print-heading = Opplysninger om { $name }
print-made = Kopi laget { $date }.
print-you = Deg
list-name-person = Navn
print-nin = Fødselsnummer
print-born = Født
print-gp = Fastlege
print-programs = Behandlingsprogram
print-no-program = Du er ikke skrevet inn i noe program.
print-status = Status
print-enrolled = Skrevet inn
print-terms = Vilkår godtatt
print-read = Lest
print-pages = { $pages } sider ({ $percent } %)
print-chosen = Valgte fordypninger
print-measurements = Målinger
print-no-measurements = Du har ikke registrert noen målinger.
print-measurement = Måling
print-none = Ingen
print-procedures = Prosedyrer registrert om deg
print-no-procedures = Ingen prosedyrer er registrert om deg.
print-procedure = { $what }, { $date } ({ $by })
print-no-entries = Ingen oppføringer.
print-not-yet = Ikke ennå
print-yourself = Du selv
print-not-registered = Ikke registrert
access-reason-review = Gjennomgang av nødtilgang
access-reason-bootstrap = Første administrator, opprettet med carepath admin bootstrap
access-reason-emergency = Nødtilgang: { $reason }
call-unit = Ring { $unit } på { $phone }.
call-unit-hours = Ring { $unit } på { $phone } ({ $hours }).

messages-title = Meldinger
link-messages = Meldinger
link-messages-unread = Meldinger ({ $count } uleste)
messages-intro = Her skriver du med behandlerne dine i { $unit }. Alle i behandlerteamet kan lese og svare.
messages-not-urgent = Meldinger er ikke for det som haster. Ring 113 ved fare for liv, eller legevakten på 116 117.
messages-empty = Ingen meldinger ennå.
messages-thread = Meldingene, eldste først
messages-you = Du
messages-the-patient = Pasienten
messages-team-member = { $name }, { $unit }
messages-read = Lest
messages-unread = Ikke lest ennå
messages-photo = Bilde: { $name }
messages-write = Skriv en melding
messages-answer-time = Du får svar innen { $days ->
    [one] én virkedag
   *[other] { $days } virkedager
    }.
messages-text = Meldingen din
messages-files = Vedlegg (valgfritt)
messages-files-hint = Bilder (JPEG eller PNG) og PDF, opptil 10 MB hver og høyst 3. Stedsinformasjon fjernes fra bilder.
messages-send = Send
messages-sent = Meldingen er sendt.
messages-fix = Meldingen ble ikke sendt
messages-error-empty = Skriv en melding eller legg ved en fil.
messages-error-long = Meldingen er for lang. Den kan ha høyst 5000 tegn.
messages-error-file-large = En fil er større enn 10 MB. Velg en mindre fil, eller ta et nytt bilde med lavere oppløsning.
messages-error-file-type = Bare bilder (JPEG eller PNG) og PDF-dokumenter kan legges ved.
messages-error-file-damaged = En fil er skadet og kan ikke leses. Prøv å lagre den på nytt.
messages-error-file-many = Du kan legge ved høyst 3 filer i én melding.
messages-error-closed = Du kan ikke sende meldinger her nå.
messages-none = Du er ikke med i et tilbud med meldinger.
messages-off = Dette tilbudet har ikke meldinger. Ring oss hvis du lurer på noe.
messages-one-way = Behandlerne dine sender deg beskjeder her, men du kan ikke svare på dem. Ring oss hvis du lurer på noe.
messages-ended = Tilbudet er avsluttet. Du kan lese meldingene, men ikke sende nye.
size-kb = { $n } kB
size-mb = { $n } MB
nav-patient = Dine sider
print-attachment = Vedlegg: { $name }
# A score over time (the overview and the finished patient's page).
score-outside-plan = utenom planen
score-at-start = ved start
score-after-days =
    { $count ->
        [one] etter { $count } dag
       *[other] etter { $count } dager
    }
score-after-weeks =
    { $count ->
        [one] etter { $count } uke
       *[other] etter { $count } uker
    }
score-after-months =
    { $count ->
        [one] etter { $count } måned
       *[other] etter { $count } måneder
    }
score-change = { $diff } fra første
home-results = Resultatene dine fra start til slutt
home-results-intro = Skårene fra skjemaene du har svart på, med endringen fra det første svaret. Behandlerne dine ser de samme tallene.
home-reread = Les modulene igjen

link-appointments = Avtaler
access-thing-appointment = avtalene dine
access-thing-letter = brevene til fastlegen din
my-appointments-title = Mine avtaler
my-appointments-upcoming = Kommende avtaler
my-appointments-none = Du har ingen avtaler som kommer.
my-appointments-place = Sted: { $place }
my-appointments-join = Bli med i videomøtet
my-appointments-join-hint = Lenken åpner sykehusets videotjeneste. Bli med noen minutter før avtalen begynner.
my-appointments-past = Tidligere og avlyste avtaler
my-appointments-change = Trenger du å flytte eller avlyse en avtale, send en melding til behandlerne dine.
own-has-letters = brevene som er sendt til fastlegen din
own-has-appointments = avtalene dine
own-has-procedures = prosedyrer en enhet har registrert om deg, med svarene i skjemaet

## Research consent (issue 16)
consent-title = Samtykke til forskning
consent-intro = Sykehuset forsker på hvordan behandlingen virker, for å gjøre den bedre for andre. Du kan la svarene dine brukes i slik forskning.
consent-what = Det som brukes, er svarene på spørreskjemaene, skårene og når du startet og sluttet – uten navn, fødselsnummer, fritekst eller eksakte datoer (bare måned og år).
consent-who = Bare forskere i prosjekter som er godkjent av etisk komité (REK), får se det, og aldri tall for grupper på færre enn fem.
consent-voluntary = Det er frivillig. Behandlingen din blir den samme om du sier ja eller nei.
consent-withdraw = Du kan trekke samtykket når som helst her. Da blir du ikke med i nye uttrekk; det som allerede er levert til et prosjekt, kan ikke hentes tilbake.
consent-status-none = Du har ikke svart ennå.
consent-status-given = Du samtykket { $when }.
consent-status-withdrawn = Du sa nei eller trakk samtykket { $when }.
consent-give-button = Ja, jeg samtykker
consent-decline-button = Nei takk
consent-withdraw-button = Trekk samtykket
consent-saved = Svaret ditt er lagret.
consent-conflict = Svaret ble endret et annet sted i mellomtiden. Se over og svar igjen.

## Group courses on site (decision 0046)
group-course-title = Kurs på sykehuset
group-course-intro = Programmet ditt holdes også som kurs sammen med andre, på sykehuset. Du kan melde deg på et kurs med ledig plass, og melde deg av fram til kurset begynner.
group-course-none = Det er ingen kurs med ledige plasser akkurat nå. Kom tilbake senere.
group-course-free = { $free ->
    [one] Én ledig plass
   *[other] { $free } ledige plasser
}
group-course-you-are-in = Du er påmeldt.
group-course-sign-up = Meld meg på
group-course-withdraw = Meld meg av
group-course-after = Etter kurset får du et kort spørreskjema om hva du syntes. De andre deltakerne ser ikke at du er påmeldt før dere møtes.
group-course-signed-up = Du er påmeldt kurset. Du får en påminnelse dagen før.
group-course-withdrawn = Du er meldt av kurset.
group-course-error-full = Kurset ble fullt før du rakk å melde deg på. Velg et annet kurs.
group-course-error-already-in = Du er allerede påmeldt dette kurset.
group-course-error-closed = Kurset har begynt eller er avlyst, og påmeldingen er stengt.
group-course-error-changed = Kurset ble endret mens du så på siden. Se over og prøv igjen.
