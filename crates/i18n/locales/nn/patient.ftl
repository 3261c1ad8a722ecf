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
own-has-log = kven som har sett på eller endra opplysningane dine, og når
own-print = Vis kopien for utskrift
own-print-how = Sida kan skrivast ut eller lagrast som PDF frå nettlesaren («Skriv ut» og «Lagre som PDF»).
own-download = Last ned kopien som fil (FHIR JSON)
own-download-what = eit standardformat som andre helsetenester og appar kan lese.
own-careful = Kopien inneheld helseopplysningar. Lagre han ein trygg stad, og ikkje send han med vanleg e-post.

content-not-translated = Innhaldet i programmet finst ikkje på nynorsk enno, så det blir vist på bokmål.
