link-access-log = Kven har sett opplysningane mine?
link-own-data = Last ned dataa mine
link-measurements = Målingane mine

home-title = Mi side
home-hello = Hei
home-hello-name = Hei, { $name }
home-enrolled-in = Du er skriven inn i
home-steps = Slik kjem du i gang
home-step-terms = Les og godta vilkåra
home-step-screening = Svar på nokre spørsmål om deg
home-step-baseline = Fyll ut startskjemaet
home-step-modules = Start på modulane
home-read-terms = Les vilkåra
home-baseline-why = Før modulane opnar, treng vi å vite korleis du har det no. Då kan vi saman sjå om behandlinga hjelper.
home-baseline-start = Fyll ut startskjemaet
home-waiting = Vi vurderer tilvisinga di
home-stopped = Programmet passar ikkje for deg no
home-finished = Du er ferdig med programmet. Godt jobba!
home-not-enrolled = Du er ikkje skriven inn i noko program enno. Når behandlaren din har skrive deg inn, ser du programmet her.
home-program-ended = Behandlinga er avslutta. Ta kontakt med fastlegen din viss du har spørsmål.

terms-title = Vilkår
terms-heading = Før du startar på { $program }
terms-must-tick = Du må krysse av
terms-must-tick-text = Kryss av for at du har lese vilkåra før du går vidare.
terms-accept-label = Eg har lese vilkåra og vil starte
terms-accept = Godta og gå vidare

screening-title = Nokre spørsmål om deg
screening-intro = Vi stiller nokre spørsmål for å vere sikre på at programmet er trygt og rett for deg.
screening-born = Vi har registrert at du er fødd { $date } og er { $age } år. Stemmer ikkje dette, ta kontakt med oss før du går vidare.
screening-send = Send svar
screening-answer-yes-no = Svar ja eller nei på spørsmålet.

modules-title = Modulane
modules-paused = Behandlarane dine har sett oppfølginga på pause. Du får ingen skjema eller påminningar, og målingane dine blir ikkje følgde med på, før ho startar igjen. Sidene kan du framleis lese. Blir du dårlegare, kontakt fastlegen eller legevakta (116 117); ved fare for liv, ring 113.
modules-read-share = Du har lese { $percent } % av sidene.
modules-progress = Framdrift i programmet
modules-resume = Hald fram der du slapp
modules-requests = Timeønsket ditt
modules-request-open = Du bad om ein kontrolltime { $asked }. Vi har fått førespurnaden og tek kontakt med deg.
modules-request-handled = Du bad om ein kontrolltime { $asked }. Førespurnaden vart handsama { $handled }.
modules-begin = Byrj å lese
modules-forms = Skjema å fylle ut
modules-answer-by = svar innan { $date }
modules-waiting-answer = Ventar på svar
modules-yours = Modulane dine
modules-optional = Valfri
modules-pages-done = { $total } av { $total } sider lesne – ferdig
modules-pages-read = { $read } av { $total } sider lesne
modules-choose = Vel fordjupingar
modules-choose-intro = Du kan velje éin eller fleire, eller ingen. Du kan endre valet seinare.
modules-extra = Fordjupingar
modules-save-choice = Lagre valet
modules-baseline-saved = Takk! Svara dine er lagra. No kan du byrje på modulane.
modules-choice-saved = Valet ditt er lagra.
modules-choice-failed = Valet kunne ikkje lagrast. Last sida på nytt og prøv igjen.

page-number = Side { $number } av { $count }
page-number-read = Side { $number } av { $count } · lesen
page-transcript = Les det som blir sagt
page-done-module = Ferdig med modulen
page-read-next = Eg har lese sida – neste side
page-previous = Førre side

result-title = Resultat: { $form }
result-heading = Takk for svara
result-urgent = Les dette no
result-saved = Svara dine på «{ $form }» er lagra.
result-shows = Dette viser svara dine
result-your-score = Skåren din:
result-not-diagnosis = Skåren er eit hjelpemiddel for deg og behandlarane dine, ikkje ein diagnose. Ta kontakt viss du er uroa for noko.

measurements-title = Målingane mine
measurements-none-asked = Programmet ditt ber ikkje om målingar heime.
measurements-fix = Målinga må rettast
measurements-what = Kva har du målt?
measurements-value = Verdi
measurements-save = Lagre målinga
measurements-saved = Målinga er lagra.
measurements-saved-advice = { $name } er lagra.
measurements-choose-kind = Vel kva du har målt.
measurements-latest = Siste måling: { $colour }.
measurements-chart = dei siste målingane frå venstre (eldst) til høgre (nyast), mellom { $low } og { $high }
measurements-chart-table = Tala står i tabellen under.
measurements-caption = { $name }, nyaste først ({ $unit })
measurement-not-a-number = { $name }: skriv eit tal.
measurement-too-precise =
    { $name }: skriv talet med høgst { $decimals ->
        [0] null desimalar
        [one] éin desimal
       *[other] { $decimals } desimalar
    }.
measurement-out-of-range = { $name } må vere mellom { $min } og { $max } { $unit }. Sjekk at talet er skrive rett.
measurement-pressure-order = Det øvre talet (systolisk) må vere høgare enn det nedre (diastolisk). Sjekk at tala står i rett felt.
measurement-blood-pressure = Blodtrykk
measurements-pressure-upper = Øvre tal (systolisk)
measurements-pressure-lower = Nedre tal (diastolisk)
measurements-pressure-hint = Skriv begge tala frå blodtrykksmålaren, til dømes 130 og 85.
measurements-pressure-both = Skriv både det øvre og det nedre talet frå blodtrykksmålaren.
measurement-systolic = Blodtrykk, øvre (systolisk)
measurement-diastolic = Blodtrykk, nedre (diastolisk)
measurement-pulse = Puls
measurement-spo2 = Oksygenmetning (SpO2)
measurement-weight = Vekt
measurement-temperature = Temperatur
measurement-glucose = Blodsukker
measurement-steps = Steg
measurement-symptoms = Kor plaga er du i dag (0-10)
unit-beats-per-minute = slag per minutt
unit-steps = steg
unit-of-ten = av 10
colour-green = Grøn
colour-yellow = Gul
colour-red = Raud

access-title = Kven har sett opplysningane mine
access-intro = Her ser du kven som har sett på eller endra opplysningane om deg, og når. Alt helsepersonell som opnar opplysningane dine, blir logga. Du ser ikkje dine eigne besøk her.
access-none = Ingen andre har sett på opplysningane dine enno.
access-caption = Tilgangar til opplysningane dine, nyaste først
access-reason = Grunngiving: { $reason }
access-complain = Meiner du at nokon har sett på opplysningane dine utan grunn, kan du kontakte sjukehuset og be om at det blir undersøkt.
access-role-clinician = behandlar
access-role-coordinator = koordinator
access-role-admin = administrator
access-role-researcher = forskar
access-role-author = innhaldsforfattar
access-role-other = anna rolle
access-tried = Prøvde å opne
access-read = Såg på
access-created = Registrerte
access-changed = Endra
access-thing-patient = opplysningane om deg
access-thing-care-plan = behandlingsforløpet ditt
access-thing-response = svara dine på eit skjema
access-thing-referral = tilvisinga di
access-thing-emergency = naudtilgang til opplysningane dine
access-thing-copy = ein kopi av alle opplysningane dine
access-thing-observation = ei måling eller ein skår
access-thing-task = oppgåvene dine
access-thing-other = opplysningar om deg
access-what = { $verb } { $thing }
access-what-refused = { $verb } { $thing }, men fekk ikkje: dei høyrer til ei anna eining

own-title = Dataa mine
own-intro = Du har rett til ein kopi av alt vi har lagra om deg. Kopien inneheld:
own-has-identity = namn, fødselsnummer, fødselsdato og fastlege
own-has-programs = kvart behandlingsprogram du er skriven inn i, med status, val og kor mykje du har lese
own-has-answers = alle svara dine på skjema
own-has-measurements = målingane dine og skårane av skjemaa
own-has-messages = meldingane mellom deg og behandlarane, med vedlegg
own-has-log = kven som har sett på eller endra opplysningane dine, og når
own-print = Vis kopien for utskrift
own-print-how = Sida kan skrivast ut eller lagrast som PDF frå nettlesaren («Skriv ut» og «Lagre som PDF»).
own-download = Last ned kopien som fil (FHIR JSON)
own-download-what = eit standardformat som andre helsetenester og appar kan lese.
own-careful = Kopien inneheld helseopplysningar. Lagre han ein trygg stad, og ikkje send han med vanleg e-post.
own-letters = Brev til fastlegen din
own-letters-none = Ingen brev er sende til fastlegen din enno.
own-letters-intro = Dette er breva eininga har sendt til fastlegen din om behandlinga. Dei blir opna som PDF.
own-letter-sent = sendt { $date }

content-not-translated = Innhaldet i programmet finst ikkje på nynorsk enno, så det blir vist på bokmål.

q-title-default = Spørjeskjema
q-original-language = Dette skjemaet blir vist på originalspråket til sjukehuset har lagt inn den offisielle norske omsetjinga.
q-placeholder = Dette skjemaet brukar plasshaldartekst skriven av carepath-prosjektet. Sjukehuset skal byte han ut med den lisensierte teksten.
q-saved = Svara er lagra. Du kan halde fram no eller seinare; dei er her når du kjem tilbake.
q-progress = Framdrift i skjemaet
q-fix = Nokre svar må rettast
q-required = (må svarast på)
q-other-answer = Anna svar
q-choose = Vel
q-next = Neste side
q-send = Send svara
q-save-later = Lagre og hald fram seinare
q-hint-format = Format: { $format }
q-hint-slider = Skriv eit tal frå { $min } ({ $low }) til { $max } ({ $high }).
q-hint-range = Skriv eit tal frå { $min } til { $max }.
q-hint-number = Skriv eit tal.
q-hint-date = Til dømes 23.11.2026.
q-hint-time = Til dømes 08:30.
q-hint-datetime = Dato og klokkeslett.
q-hint-url = Ei nettadresse, til dømes https://eksempel.no.
q-hint-checkbox = Vel alle som passar.
q-hint-open-choice = Vel eitt alternativ, eller skriv ditt eige svar.
q-only-if-many = Svar berre viss spørsmålet gjeld deg etter svara over.
q-only-if = Svar berre viss { $conditions }.
q-or = eller
q-and = og
q-cond-answered = du har svart på «{ $question }»
q-cond-not-answered = du ikkje har svart på «{ $question }»
q-cond-not-equal = du svarte noko anna enn «{ $answer }» på «{ $question }»
q-cond-greater = svaret på «{ $question }» er over { $answer }
q-cond-less = svaret på «{ $question }» er under { $answer }
q-cond-at-least = svaret på «{ $question }» er { $answer } eller meir
q-cond-at-most = svaret på «{ $question }» er { $answer } eller mindre
q-cond-equal = du svarte «{ $answer }» på «{ $question }»
q-problem-required = Svar på dette spørsmålet.
q-problem-yes-no = Vel ja eller nei.
q-problem-integer = Skriv eit heilt tal, til dømes 3.
q-problem-number = Skriv eit tal, til dømes 2,5.
q-problem-date = Skriv ein dato som finst, til dømes 23.11.2026.
q-problem-time = Skriv eit klokkeslett, til dømes 08:30.
q-problem-url = Skriv ei heil nettadresse, til dømes https://eksempel.no.
q-problem-form = Svaret har feil form. Sjekk det og prøv igjen.
q-problem-below = Talet kan ikkje vere lågare enn { $min }.
q-problem-above = Talet kan ikkje vere høgare enn { $max }.
q-problem-option = Vel eitt av alternativa.
q-problem-too-long = Svaret kan ha høgst { $max } teikn.
q-problem-one-answer = Gi berre eitt svar: vel eit alternativ eller skriv ditt eige.
q-problem-changed = Skjemaet har endra seg. Last sida på nytt.
q-change = Ved første måling var skåren { $before }. Endringa er { $diff }.
q-change-clear = Det er ei tydeleg betring.
q-no-score = Ingen skår: for mange spørsmål er ikkje svara på

print-crumb = Utskrift
print-heading = Opplysningar om { $name }
print-made = Kopi laga { $date }.
print-you = Deg
list-name-person = Namn
print-nin = Fødselsnummer
print-born = Fødd
print-gp = Fastlege
print-programs = Behandlingsprogram
print-no-program = Du er ikkje skriven inn i noko program.
print-status = Status
print-enrolled = Skriven inn
print-terms = Vilkår godtekne
print-read = Lese
print-pages = { $pages } sider ({ $percent } %)
print-chosen = Valde fordjupingar
print-measurements = Målingar
print-no-measurements = Du har ikkje registrert nokon målingar.
print-measurement = Måling
print-none = Ingen
print-procedures = Prosedyrar registrerte om deg
print-no-procedures = Ingen prosedyrar er registrerte om deg.
print-procedure = { $what }, { $date } ({ $by })
print-no-entries = Ingen oppføringar.
print-not-yet = Ikkje enno
print-yourself = Du sjølv
print-not-registered = Ikkje registrert
access-reason-review = Gjennomgang av naudtilgang
access-reason-bootstrap = Første administrator, oppretta med carepath admin bootstrap
access-reason-emergency = Naudtilgang: { $reason }
call-unit = Ring { $unit } på { $phone }.
call-unit-hours = Ring { $unit } på { $phone } ({ $hours }).

messages-title = Meldingar
link-messages = Meldingar
link-messages-unread = Meldingar ({ $count } ulesne)
messages-intro = Her skriv du med behandlarane dine i { $unit }. Alle i behandlarteamet kan lese og svare.
messages-not-urgent = Meldingar er ikkje for det som hastar. Ring 113 ved fare for liv, eller legevakta på 116 117.
messages-empty = Ingen meldingar enno.
messages-thread = Meldingane, eldste først
messages-you = Du
messages-the-patient = Pasienten
messages-team-member = { $name }, { $unit }
messages-read = Lesen
messages-unread = Ikkje lesen enno
messages-photo = Bilete: { $name }
messages-write = Skriv ei melding
messages-answer-time = Du får svar innan { $days ->
    [one] éin yrkedag
   *[other] { $days } yrkedagar
    }.
messages-text = Meldinga di
messages-files = Vedlegg (valfritt)
messages-files-hint = Bilete (JPEG eller PNG) og PDF, opptil 10 MB kvar og høgst 3. Stadinformasjon blir fjerna frå bilete.
messages-send = Send
messages-sent = Meldinga er send.
messages-fix = Meldinga vart ikkje send
messages-error-empty = Skriv ei melding eller legg ved ei fil.
messages-error-long = Meldinga er for lang. Ho kan ha høgst 5000 teikn.
messages-error-file-large = Ei fil er større enn 10 MB. Vel ei mindre fil, eller ta eit nytt bilete med lågare oppløysing.
messages-error-file-type = Berre bilete (JPEG eller PNG) og PDF-dokument kan leggjast ved.
messages-error-file-damaged = Ei fil er skadd og kan ikkje lesast. Prøv å lagre ho på nytt.
messages-error-file-many = Du kan leggje ved høgst 3 filer i ei melding.
messages-error-closed = Du kan ikkje sende meldingar her no.
messages-none = Du er ikkje med i eit tilbod med meldingar.
messages-off = Dette tilbodet har ikkje meldingar. Ring oss om du lurer på noko.
messages-one-way = Behandlarane dine sender deg beskjedar her, men du kan ikkje svare på dei. Ring oss om du lurer på noko.
messages-ended = Tilbodet er avslutta. Du kan lese meldingane, men ikkje sende nye.
size-kb = { $n } kB
size-mb = { $n } MB
nav-patient = Sidene dine
print-attachment = Vedlegg: { $name }
# A score over time (the overview and the finished patient's page).
score-outside-plan = utanom planen
score-at-start = ved start
score-after-days =
    { $count ->
        [one] etter { $count } dag
       *[other] etter { $count } dagar
    }
score-after-weeks =
    { $count ->
        [one] etter { $count } veke
       *[other] etter { $count } veker
    }
score-after-months =
    { $count ->
        [one] etter { $count } månad
       *[other] etter { $count } månader
    }
score-change = { $diff } frå første
home-results = Resultata dine frå start til slutt
home-results-intro = Skårane frå skjemaa du har svart på, med endringa frå det første svaret. Behandlarane dine ser dei same tala.
home-reread = Les modulane igjen

link-appointments = Avtalar
access-thing-appointment = avtalane dine
access-thing-letter = breva til fastlegen din
my-appointments-title = Avtalane mine
my-appointments-upcoming = Komande avtalar
my-appointments-none = Du har ingen avtalar som kjem.
my-appointments-place = Stad: { $place }
my-appointments-join = Bli med i videomøtet
my-appointments-join-hint = Lenka opnar videotenesta til sjukehuset. Bli med nokre minutt før avtalen byrjar.
my-appointments-past = Tidlegare og avlyste avtalar
my-appointments-change = Treng du å flytte eller avlyse ein avtale, send ei melding til behandlarane dine.
own-has-letters = breva som er sende til fastlegen din
own-has-appointments = avtalane dine
own-has-procedures = prosedyrar ei eining har registrert om deg, med svara i skjemaet

## Research consent (issue 16)
consent-title = Samtykke til forsking
consent-intro = Sjukehuset forskar på korleis behandlinga verkar, for å gjere ho betre for andre. Du kan la svara dine brukast i slik forsking.
consent-what = Det som blir brukt, er svara på spørjeskjemaa, skårane og når du starta og slutta – utan namn, fødselsnummer, fritekst eller eksakte datoar (berre månad og år).
consent-who = Berre forskarar i prosjekt som er godkjende av etisk komité (REK), får sjå det, og aldri tal for grupper på færre enn fem.
consent-voluntary = Det er frivillig. Behandlinga di blir den same om du seier ja eller nei.
consent-withdraw = Du kan trekkje samtykket når som helst her. Då blir du ikkje med i nye uttrekk; det som alt er levert til eit prosjekt, kan ikkje hentast tilbake.
consent-status-none = Du har ikkje svart enno.
consent-status-given = Du samtykte { $when }.
consent-status-withdrawn = Du sa nei eller trekte samtykket { $when }.
consent-give-button = Ja, eg samtykkjer
consent-decline-button = Nei takk
consent-withdraw-button = Trekk samtykket
consent-saved = Svaret ditt er lagra.
consent-conflict = Svaret vart endra ein annan stad i mellomtida. Sjå over og svar igjen.

## Group courses on site (decision 0046)
group-course-title = Kurs på sjukehuset
group-course-intro = Programmet ditt blir også halde som kurs saman med andre, på sjukehuset. Du kan melde deg på eit kurs med ledig plass, og melde deg av fram til kurset byrjar.
group-course-none = Det er ingen kurs med ledige plassar akkurat no. Kom tilbake seinare.
group-course-free = { $free ->
    [one] Éin ledig plass
   *[other] { $free } ledige plassar
}
group-course-you-are-in = Du er påmeld.
group-course-sign-up = Meld meg på
group-course-withdraw = Meld meg av
group-course-after = Etter kurset får du eit kort spørjeskjema om kva du syntest. Dei andre deltakarane ser ikkje at du er påmeld før de møtest.
group-course-signed-up = Du er påmeld kurset. Du får ei påminning dagen før.
group-course-withdrawn = Du er meld av kurset.
group-course-error-full = Kurset vart fullt før du rakk å melde deg på. Vel eit anna kurs.
group-course-error-already-in = Du er allereie påmeld dette kurset.
group-course-error-closed = Kurset har byrja eller er avlyst, og påmeldinga er stengd.
group-course-error-changed = Kurset vart endra medan du såg på sida. Sjå over og prøv igjen.
