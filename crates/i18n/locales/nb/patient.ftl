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
own-has-log = hvem som har sett på eller endret opplysningene dine, og når
own-print = Vis kopien for utskrift
own-print-how = Siden kan skrives ut eller lagres som PDF fra nettleseren («Skriv ut» og «Lagre som PDF»).
own-download = Last ned kopien som fil (FHIR JSON)
own-download-what = et standardformat som andre helsetjenester og apper kan lese.
own-careful = Kopien inneholder helseopplysninger. Lagre den et trygt sted, og ikke send den med vanlig e-post.

content-not-translated = Innholdet i programmet vises på bokmål.
