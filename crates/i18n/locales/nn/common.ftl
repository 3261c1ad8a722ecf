site-tagline = carepath – open plattform for digitale behandlingsprogram
skip-to-content = Hopp til innhaldet
nav-account = Konto
sign-out = Logg ut
sign-out-everywhere = Logg ut på alle einingar
demo-banner = Demoversjon med oppdikta pasientar. Ikkje bruk ekte helseopplysningar.
language-choice = Språk
form-errors-heading = Noko må rettast

error-code = Feilkode { $code }
error-home = Til startsida
error-not-found-heading = Sida finst ikkje
error-not-found-text = Sjekk adressa, eller gå tilbake til startsida.
error-forbidden-heading = Du har ikkje tilgang
error-forbidden-text = Du har ikkje tilgang til denne sida med rolla du er logga inn med.
error-csrf-heading = Skjemaet kunne ikkje sendast
error-csrf-text = Sida var for gammal, eller du har logga inn på nytt i mellomtida. Gå tilbake, last sida på nytt og prøv igjen.
error-too-many-heading = For mange forsøk
error-too-many-text = Det er gjort mange forsøk herfrå på kort tid. Vent litt og prøv igjen.
error-bad-request-heading = Noko var gale med førespurnaden
error-form-too-large = Skjemaet er for stort.
error-conflict-heading = Nokon andre endra dette samtidig
error-conflict-text = Ingenting er tapt. Last sida på nytt og prøv igjen.
error-gone-heading = Fann ikkje det du leita etter
error-gone-text = Det kan ha blitt flytt eller sletta.
error-internal-heading = Noko gjekk gale hos oss
error-internal-text = Prøv igjen om litt. Oppgi feilkode { $incident } viss du kontaktar oss.

sign-in-title = Logg inn
sign-in-button = Logg inn
sign-in-failed = Du vart ikkje logga inn
sign-in-demo-heading = Demoinnlogging
sign-in-demo-intro = Dette er ein demo. Du loggar inn berre med brukarnamn – i ein ekte installasjon loggar pasientar inn med BankID (ID-porten) og helsepersonell med HelseID.
sign-in-username = Brukarnamn
sign-in-password = Passord
sign-in-demo-users = Demobrukarar
sign-in-demo-patient1 = ny, ikkje kartlagd
sign-in-demo-patient2 = har svart på startskjemaet og les modul 1
sign-in-demo-patient3 = tre månader inne, har valt fordjupingar
sign-in-demo-patient4 = ferdig med kurset
sign-in-demo-patient5 = 17 år, ventar på unntaksvurdering
sign-in-demo-units = eining 1; { $second } – eining 2
sign-in-demo-admin = administrator: gjennomgang av naudtilgang
sign-in-demo-others = roller som ikkje har eigne sider enno
sign-in-not-configured = Innlogging med ID-porten (BankID) og HelseID er ikkje sett opp på denne installasjonen enno. Kontakt den som driftar tenesta.
sign-in-staff-password = Tilsett utan HelseID eller kursdeltakar? Logg inn med brukarnamn og passord
sign-in-participant-note = Kursdeltakarar bruker e-postadressa si som brukarnamn. Har du ingen deltakarkonto, eller har du gløymt passordet til han?
sign-in-staff-note = Du får ein eingongskode frå ein autentiseringsapp etterpå. Har du gløymt passordet, be administratoren om ei ny lenkje.
sign-in-unknown-demo-user = Vi fann ingen demobrukar med det brukarnamnet.
sign-in-password-set = Passordet er sett. Logg inn med det nye passordet.
sign-in-wrong-password = Feil brukarnamn eller passord. Etter fem feil forsøk blir kontoen låst i 15 minutt.
sign-in-too-slow = Innlogginga tok for lang tid. Byrj på nytt.
sign-in-provider-down = Innloggingstenesta svarar ikkje akkurat no. Prøv igjen om litt.
sign-in-cancelled = Innlogginga vart avbroten. Du kan prøve igjen.
sign-in-stale = Innlogginga kunne ikkje fullførast, kanskje fordi sida var for gammal eller vart opna to gonger. Start innlogginga på nytt.
sign-in-level-substantial = Du logga inn på tryggleiksnivå betydeleg (til dømes MinID). Fordi tenesta inneheld helseopplysningar, krev ho høgt tryggleiksnivå. Logg inn på nytt med BankID, Buypass eller Commfides.
sign-in-no-referral = Vi finn inga tilvising til deg. Du får tilgang når sjukehuset har registrert tilvisinga frå legen din. Ta kontakt med fastlegen eller poliklinikken viss du meiner dette er feil.
sign-in-level-staff = Innlogginga hadde for lågt tryggleiksnivå. Helsepersonell må logge inn på tryggleiksnivå 4.
sign-in-no-staff-account = HPR-nummeret ditt er ikkje knytt til ein brukar i carepath. Be administratoren på avdelinga om tilgang.

otp-title = Eingongskode
otp-setup-heading = Set opp eingongskodar
otp-enter-heading = Skriv inn eingongskoden
otp-setup-intro = Kontoen din treng ein andre faktor. Opne ein autentiseringsapp (til dømes Microsoft Authenticator eller Google Authenticator), vel å leggje til ein konto med nøkkel, og skriv inn denne nøkkelen:
otp-setup-link-before = På ein mobil med appen kan du i staden opne
otp-setup-link = denne lenkja
otp-setup-confirm = Skriv så inn koden appen viser, for å stadfeste.
otp-enter-intro = Opne autentiseringsappen og skriv inn koden han viser for carepath.
otp-recovery-hint = Mista telefonen? Skriv inn ein av reservekodane (10 siffer) du har fått av administratoren.
otp-code = Kode (6 siffer)
otp-wrong = Koden stemmer ikkje, eller han er brukt før. Skriv inn koden appen viser no.
otp-setup-failed = Eingongskoden kunne ikkje setjast opp. Prøv igjen.
otp-check-failed = Eingongskoden kunne ikkje kontrollerast. Prøv igjen.

password-title = Nytt passord
password-heading = Set nytt passord
password-intro = For brukaren { $username }. Passordet må ha minst { $min } teikn; ei setning av fleire ord er lett å hugse og vanskeleg å gjette. Alle innloggingar på andre einingar blir avslutta.
password-new = Nytt passord
password-repeat = Gjenta passordet
password-save = Lagre passordet
password-link-used = Lenkja for å setje passord er brukt eller gått ut. Be administratoren om ei ny.
password-too-short = Passordet må ha minst { $min } teikn. Ei setning av fleire ord er lett å hugse.
password-too-long = Passordet kan ha høgst { $max } teikn.
password-has-username = Passordet kan ikkje innehalde brukarnamnet.
password-not-same = Passorda er ikkje like.
password-not-saved = Passordet kunne ikkje lagrast.

account-title = Kontoen din
account-roles =
    { $count ->
        [one] Du er logga inn med rolla:
       *[other] Du er logga inn med rollene:
    }
account-no-pages = Sidene for innhaldsforfattarar er ikkje laga enno. Program blir førebels importerte med kommandoen carepath import.

role-patient = Pasient
role-clinician = Behandlar
role-coordinator = Koordinator
role-author = Innhaldsforfattar
role-researcher = Forskar
role-admin = Administrator
role-course-owner = Kurseigar
role-course-committee = Kurskomité
role-organiser = Lokal kursarrangør
role-participant = Kursdeltakar

answer-yes = Ja
answer-no = Nei
go-on = Gå vidare
breadcrumbs = Brødsmular
form-missing-heading = Noko manglar
table-when = Når
table-who = Kven
table-what = Kva
date-at-time = { $date } kl. { $time }

status-invited = Invitert
status-awaiting-exception = Ventar på unntaksvurdering
status-active = Aktiv
status-paused = På pause
status-ineligible = Ikkje aktuell
status-finished = Fullført
status-withdrawn = Avslutta
error-form-unreadable = Skjemaet kunne ikkje lesast. Last sida på nytt og send skjemaet ein gong til.

appointment-kind-video = Videokonsultasjon
appointment-kind-group = Gruppesamling på video
appointment-kind-group-course = Gruppekurs på sjukehuset
appointment-kind-on-site = Oppmøte på sjukehuset
appointment-status-booked = Bestilt
appointment-status-fulfilled = Gjennomført
appointment-status-cancelled = Avlyst
appointment-when = { $at } ({ $minutes } min)
code-error-unknown = Vel ein kode frå lista.

# Professions of course participants, and regions (a health region or a county).
profession-doctor = Lege
profession-nurse = Sjukepleiar
profession-physiotherapist = Fysioterapeut
profession-occupational-therapist = Ergoterapeut
profession-dietitian = Klinisk ernæringsfysiolog
profession-health-secretary = Helsesekretær
profession-other = Anna helsepersonell
region-helse-sor-ost = Helse Sør-Øst
region-helse-vest = Helse Vest
region-helse-midt-norge = Helse Midt-Noreg
region-helse-nord = Helse Nord
region-03 = Oslo
region-11 = Rogaland
region-15 = Møre og Romsdal
region-18 = Nordland
region-31 = Østfold
region-32 = Akershus
region-33 = Buskerud
region-34 = Innlandet
region-39 = Vestfold
region-40 = Telemark
region-42 = Agder
region-46 = Vestland
region-50 = Trøndelag
region-55 = Troms
region-56 = Finnmark

## Public pages (decision 0047)
public-front-title = Digitale behandlingstilbod
public-front-intro = Her finn du dei digitale behandlingsprogramma sjukehuset tilbyr: kva dei er, kven dei passar for, og korleis du blir tilvist. Er du alt med i eit program, loggar du inn.
public-sign-in = Logg inn
public-none = Ingen program er i bruk enno.
public-phone = Telefon { $phone }
public-phone-hours = Telefon { $phone } ({ $hours })
public-courses-title = Kurs for helsepersonell
public-courses-intro = Vi held også kurs for legar, sjukepleiarar og anna helsepersonell.
public-courses-link = Sjå kursa
public-visits = Vi tel kor mange som besøkjer kvar side per dag. Vi lagrar ikkje kven du er eller IP-adressa di, og desse sidene set ingen informasjonskapslar (cookies).
public-who-title = Kven tilbodet er for
public-who = For deg som er { $age } år eller eldre.
public-who-exception = Er du { $from } eller { $to } år, vurderer ein behandlar om du kan vere med.
public-months = { $months ->
    [one] Programmet varer i éin månad.
   *[other] Programmet varer i { $months } månader.
}
public-referral-title = Slik blir du tilvist
public-referral = Fastlegen din eller ein annan lege tilviser deg. Du kan ikkje melde deg på sjølv. Når tilvisinga er vurdert, får du beskjed om korleis du loggar inn og kjem i gang.
public-places-title = Her får du tilbodet
public-read-more = Les meir
public-referrers-title = For fastlegar og andre tilvisarar
public-not-translated = Denne sida finst berre på bokmål.
public-enquiry-intro = Har du spørsmål om tilbodet som helsepersonell?
public-enquiry-link = Send oss eit spørsmål
enquiry-title = Spørsmål frå helsepersonell
enquiry-intro = Her kan du som er lege, sjukepleiar eller anna helsepersonell stille spørsmål om tilbodet. Eininga svarar deg på e-post eller telefon.
enquiry-no-patients = Ikkje skriv namn, fødselsnummer eller andre opplysningar om pasientar. Gjeld spørsmålet ein bestemt pasient, send ei tilvising eller ring oss.
enquiry-unit = Kven skal få spørsmålet?
enquiry-name = Namnet ditt
enquiry-profession = Yrke (til dømes fastlege)
enquiry-workplace = Arbeidsstad (valfritt)
enquiry-contact = E-post eller telefonnummer
enquiry-contact-hint = Der vi kan svare deg.
enquiry-message = Spørsmålet ditt
enquiry-send = Send spørsmålet
enquiry-sent = Takk! Spørsmålet er sendt, og vi svarar deg så snart vi kan.
enquiry-back = Tilbake til tilbodet
enquiry-problem-name = Skriv namnet ditt (høgst 200 teikn).
enquiry-problem-profession = Skriv yrket ditt (høgst 200 teikn).
enquiry-problem-workplace = Arbeidsstaden kan ha høgst 200 teikn.
enquiry-problem-contact = Skriv ei e-postadresse eller eit telefonnummer vi kan svare på.
enquiry-problem-message = Skriv spørsmålet ditt (mellom 10 og 2000 teikn).
