# The frame of every page, error pages, form summaries, signing in and the account page.

site-tagline = carepath – åpen plattform for digitale behandlingsprogram
skip-to-content = Hopp til innholdet
nav-account = Konto
sign-out = Logg ut
sign-out-everywhere = Logg ut på alle enheter
demo-banner = Demoversjon med oppdiktede pasienter. Ikke bruk ekte helseopplysninger.
language-choice = Språk
form-errors-heading = Noe må rettes

error-code = Feilkode { $code }
error-home = Til startsiden
error-not-found-heading = Siden finnes ikke
error-not-found-text = Sjekk adressen, eller gå tilbake til startsiden.
error-forbidden-heading = Du har ikke tilgang
error-forbidden-text = Du har ikke tilgang til denne siden med rollen du er logget inn med.
error-csrf-heading = Skjemaet kunne ikke sendes
error-csrf-text = Siden var for gammel, eller du har logget inn på nytt i mellomtiden. Gå tilbake, last siden på nytt og prøv igjen.
error-too-many-heading = For mange forsøk
error-too-many-text = Det er gjort mange forsøk herfra på kort tid. Vent litt og prøv igjen.
error-bad-request-heading = Noe var galt med forespørselen
error-form-too-large = Skjemaet er for stort.
error-conflict-heading = Noen andre endret dette samtidig
error-conflict-text = Ingenting er tapt. Last siden på nytt og prøv igjen.
error-gone-heading = Fant ikke det du lette etter
error-gone-text = Det kan ha blitt flyttet eller slettet.
error-internal-heading = Noe gikk galt hos oss
error-internal-text = Prøv igjen om litt. Oppgi feilkode { $incident } hvis du kontakter oss.
error-unavailable-heading = Tjenesten er midlertidig utilgjengelig
error-unavailable-text = Vi får ikke lagret eller hentet noe akkurat nå. Prøv igjen om litt.

sign-in-title = Logg inn
sign-in-button = Logg inn
sign-in-failed = Du ble ikke logget inn
sign-in-demo-heading = Demoinnlogging
sign-in-demo-intro = Dette er en demo. Du logger inn bare med brukernavn – i en ekte installasjon logger pasienter inn med BankID (ID-porten) og helsepersonell med HelseID.
sign-in-username = Brukernavn
sign-in-password = Passord
sign-in-demo-users = Demobrukere
sign-in-demo-patient1 = ny, ikke kartlagt
sign-in-demo-patient2 = har svart på startskjemaet og leser modul 1
sign-in-demo-patient3 = tre måneder inne, har valgt fordypninger
sign-in-demo-patient4 = ferdig med kurset
sign-in-demo-patient5 = 17 år, venter på unntaksvurdering
sign-in-demo-units = enhet 1; { $second } – enhet 2
sign-in-demo-admin = administrator: gjennomgang av nødtilgang
sign-in-demo-others = roller som ikke har egne sider ennå
sign-in-not-configured = Innlogging med ID-porten (BankID) og HelseID er ikke satt opp på denne installasjonen ennå. Kontakt den som drifter tjenesten.
sign-in-staff-password = Ansatt uten HelseID eller kursdeltaker? Logg inn med brukernavn og passord
sign-in-participant-note = Kursdeltakere bruker e-postadressen sin som brukernavn. Har du ingen deltakerkonto, eller har du glemt passordet til den?
sign-in-staff-note = Du får en engangskode fra en autentiseringsapp etterpå. Har du glemt passordet, be administratoren om en ny lenke.
sign-in-unknown-demo-user = Vi fant ingen demobruker med det brukernavnet.
sign-in-password-set = Passordet er satt. Logg inn med det nye passordet.
sign-in-wrong-password = Feil brukernavn eller passord. Etter fem feil forsøk blir kontoen låst i 15 minutter.
sign-in-too-slow = Innloggingen tok for lang tid. Begynn på nytt.
sign-in-provider-down = Innloggingstjenesten svarer ikke akkurat nå. Prøv igjen om litt.
sign-in-cancelled = Innloggingen ble avbrutt. Du kan prøve igjen.
sign-in-stale = Innloggingen kunne ikke fullføres, kanskje fordi siden var for gammel eller ble åpnet to ganger. Start innloggingen på nytt.
sign-in-level-substantial = Du logget inn på sikkerhetsnivå betydelig (for eksempel MinID). Fordi tjenesten inneholder helseopplysninger, krever den høyt sikkerhetsnivå. Logg inn på nytt med BankID, Buypass eller Commfides.
sign-in-no-referral = Vi finner ingen henvisning til deg. Du får tilgang når sykehuset har registrert henvisningen fra legen din. Ta kontakt med fastlegen eller poliklinikken hvis du mener dette er feil.
sign-in-level-staff = Innloggingen hadde for lavt sikkerhetsnivå. Helsepersonell må logge inn på sikkerhetsnivå 4.
sign-in-no-staff-account = HPR-nummeret ditt er ikke knyttet til en bruker i carepath. Be administratoren på avdelingen om tilgang.

otp-title = Engangskode
otp-setup-heading = Sett opp engangskoder
otp-enter-heading = Skriv inn engangskoden
otp-setup-intro = Kontoen din trenger en andre faktor. Åpne en autentiseringsapp (for eksempel Microsoft Authenticator eller Google Authenticator), velg å legge til en konto med nøkkel, og skriv inn denne nøkkelen:
otp-setup-link-before = På en mobil med appen kan du i stedet åpne
otp-setup-link = denne lenken
otp-setup-confirm = Skriv så inn koden appen viser, for å bekrefte.
otp-enter-intro = Åpne autentiseringsappen og skriv inn koden den viser for carepath.
otp-recovery-hint = Mistet telefonen? Skriv inn en av reservekodene (10 siffer) du har fått av administratoren.
otp-code = Kode (6 siffer)
otp-wrong = Koden stemmer ikke, eller den er brukt før. Skriv inn koden appen viser nå.
otp-setup-failed = Engangskoden kunne ikke settes opp. Prøv igjen.
otp-check-failed = Engangskoden kunne ikke kontrolleres. Prøv igjen.

password-title = Nytt passord
password-heading = Sett nytt passord
password-intro = For brukeren { $username }. Passordet må ha minst { $min } tegn; en setning av flere ord er lett å huske og vanskelig å gjette. Alle innlogginger på andre enheter avsluttes.
password-new = Nytt passord
password-repeat = Gjenta passordet
password-save = Lagre passordet
password-link-used = Lenken for å sette passord er brukt eller utløpt. Be administratoren om en ny.
password-too-short = Passordet må ha minst { $min } tegn. En setning av flere ord er lett å huske.
password-too-long = Passordet kan ha høyst { $max } tegn.
password-has-username = Passordet kan ikke inneholde brukernavnet.
password-not-same = Passordene er ikke like.
password-not-saved = Passordet kunne ikke lagres.

account-title = Din konto
account-roles =
    { $count ->
        [one] Du er logget inn med rollen:
       *[other] Du er logget inn med rollene:
    }
account-no-pages = Sidene for innholdsforfattere er ikke laget ennå. Programmer importeres foreløpig med kommandoen carepath import.

role-patient = Pasient
role-clinician = Behandler
role-coordinator = Koordinator
role-author = Innholdsforfatter
role-researcher = Forsker
role-admin = Administrator
role-course-owner = Kurseier
role-course-committee = Kurskomité
role-organiser = Lokal kursarrangør
role-participant = Kursdeltaker

answer-yes = Ja
answer-no = Nei
go-on = Gå videre
breadcrumbs = Brødsmuler
form-missing-heading = Noe mangler
table-when = Når
table-who = Hvem
table-what = Hva
date-at-time = { $date } kl. { $time }

status-invited = Invitert
status-awaiting-exception = Venter på unntaksvurdering
status-active = Aktiv
status-paused = På pause
status-ineligible = Ikke aktuell
status-finished = Fullført
status-withdrawn = Avsluttet
error-form-unreadable = Skjemaet kunne ikke leses. Last siden på nytt og send skjemaet en gang til.

appointment-kind-video = Videokonsultasjon
appointment-kind-group = Gruppesamling på video
appointment-kind-group-course = Gruppekurs på sykehuset
appointment-kind-on-site = Oppmøte på sykehuset
appointment-status-booked = Bestilt
appointment-status-fulfilled = Gjennomført
appointment-status-cancelled = Avlyst
appointment-when = { $at } ({ $minutes } min)
code-error-unknown = Velg en kode fra listen.

# Professions of course participants, and regions (a health region or a county).
profession-doctor = Lege
profession-nurse = Sykepleier
profession-physiotherapist = Fysioterapeut
profession-occupational-therapist = Ergoterapeut
profession-dietitian = Klinisk ernæringsfysiolog
profession-health-secretary = Helsesekretær
profession-other = Annet helsepersonell
region-helse-sor-ost = Helse Sør-Øst
region-helse-vest = Helse Vest
region-helse-midt-norge = Helse Midt-Norge
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
public-front-title = Digitale behandlingstilbud
public-front-intro = Her finner du de digitale behandlingsprogrammene sykehuset tilbyr: hva de er, hvem de passer for, og hvordan du blir henvist. Er du allerede med i et program, logger du inn.
public-sign-in = Logg inn
public-none = Ingen programmer er i bruk ennå.
public-place-since = I drift siden { $date }.
public-place-planned = Starter { $date }.
public-place-planned-undated = Starter snart.
public-place-paused = Tar ikke imot nye pasienter nå.
public-place-contact = Kontakt for helsepersonell: { $contact }
public-phone = Telefon { $phone }
public-phone-hours = Telefon { $phone } ({ $hours })
public-courses-title = Kurs for helsepersonell
public-courses-intro = Vi holder også kurs for leger, sykepleiere og annet helsepersonell.
public-courses-link = Se kursene
public-visits = Vi teller hvor mange som besøker hver side per dag. Vi lagrer ikke hvem du er eller IP-adressen din, og disse sidene setter ingen informasjonskapsler (cookies).
public-who-title = Hvem tilbudet er for
public-who = For deg som er { $age } år eller eldre.
public-who-exception = Er du { $from } eller { $to } år, vurderer en behandler om du kan være med.
public-months = { $months ->
    [one] Programmet varer i én måned.
   *[other] Programmet varer i { $months } måneder.
}
public-referral-title = Slik blir du henvist
public-referral = Fastlegen din eller en annen lege henviser deg. Du kan ikke melde deg på selv. Når henvisningen er vurdert, får du beskjed om hvordan du logger inn og kommer i gang.
public-places-title = Her får du tilbudet
public-read-more = Les mer
public-referrers-title = For fastleger og andre henvisere
public-not-translated = Denne siden finnes bare på bokmål.
public-enquiry-intro = Har du spørsmål om tilbudet som helsepersonell?
public-enquiry-link = Send oss et spørsmål
enquiry-title = Spørsmål fra helsepersonell
enquiry-intro = Her kan du som er lege, sykepleier eller annet helsepersonell stille spørsmål om tilbudet. Enheten svarer deg på e-post eller telefon.
enquiry-no-patients = Ikke skriv navn, fødselsnummer eller andre opplysninger om pasienter. Gjelder spørsmålet en bestemt pasient, send en henvisning eller ring oss.
enquiry-unit = Hvem skal få spørsmålet?
enquiry-name = Navnet ditt
enquiry-profession = Yrke (for eksempel fastlege)
enquiry-workplace = Arbeidssted (valgfritt)
enquiry-contact = E-post eller telefonnummer
enquiry-contact-hint = Der vi kan svare deg.
enquiry-message = Spørsmålet ditt
enquiry-send = Send spørsmålet
enquiry-sent = Takk! Spørsmålet er sendt, og vi svarer deg så snart vi kan.
enquiry-back = Tilbake til tilbudet
enquiry-problem-name = Skriv navnet ditt (høyst 200 tegn).
enquiry-problem-profession = Skriv yrket ditt (høyst 200 tegn).
enquiry-problem-workplace = Arbeidsstedet kan ha høyst 200 tegn.
enquiry-problem-contact = Skriv en e-postadresse eller et telefonnummer vi kan svare på.
enquiry-problem-message = Skriv spørsmålet ditt (mellom 10 og 2000 tegn).
