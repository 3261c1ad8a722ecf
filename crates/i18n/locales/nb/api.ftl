# FHIR-API-ets tekster i OperationOutcome (diagnostics), for personer og systemer som bruker det.
# Navn på elementer og parametere (resourceType, valueQuantity, _count) står slik FHIR skriver dem.

api-unauthorized = Det trengs et gyldig tilgangstoken (carepath admin create-token).
api-forbidden = Rollen din gir ikke tilgang til dette.
api-not-found = Ressursen finnes ikke.
api-too-large = Innholdet er større enn 1 MiB.
api-media-type = Send ressursen som application/fhir+json.
api-method = Denne metoden støttes ikke på denne adressen.
api-not-acceptable = API-et svarer bare i JSON: be om application/fhir+json (Accept eller _format).
api-timeout = Forespørselen tok for lang tid. Prøv igjen.
api-unreadable = Forespørselen kunne ikke leses: sjekk parametere, overskrifter og innhold.
api-exception = Tjeneren kunne ikke svare. Prøv igjen senere.
api-unavailable = Databasen er ikke tilgjengelig akkurat nå. Prøv igjen om noen sekunder.
api-body-unreadable = Innholdet i forespørselen kunne ikke leses.
api-body-not-json = Innholdet er ikke gyldig JSON: { $why }
api-body-not-object = Innholdet må være et JSON-objekt, en FHIR-ressurs.
api-if-match = If-Match må angi en versjon, for eksempel W/"2".
api-conditional-identifier = En betinget oppdatering av en Patient trenger `identifier` med et fødselsnummer eller D-nummer (system|verdi), og ikke noe annet; ressursen må ha det samme nummeret.
api-id-mismatch = Ressursens id må være den samme som id-en i adressen.
api-version-stale = Ressursen er på versjon { $version }; les den på nytt og send endringen mot den versjonen.
api-resource-type = resourceType må være { $type }.
api-not-r4 = Ikke en FHIR R4 { $type }: { $why }
api-subject = subject må vise til pasienten som Patient/<id>.
api-contained = Innebygde ressurser (contained) tas ikke imot; vis til ressursen i stedet (for eksempel Patient/<id>).
api-status-one-of = status må være en av { $statuses }.

api-query-malformed = Søkeparameterne kunne ikke leses.
api-search-patient = { $name } må være Patient/<id> eller en pasient-id.
api-search-number = { $name } må være et helt tall fra 0 til { $max }.
api-search-sort = _sort={ $value } støttes ikke (støttes: { $supported }).
api-search-total = _total={ $value } støttes ikke (bruk none, estimate eller accurate).
api-search-unsupported = Søkeparameteren { $name } støttes ikke (støttes: { $supported }).
api-search-once = Oppgi { $name } bare én gang (flere verdier støttes ikke).
api-search-missing = { $name } må være true eller false.
api-search-id = _id må være én eller flere ressurs-id-er (bokstaver, sifre, «-» og «.», høyst 64), skilt med komma.
api-search-date = { $name } må være et år, en måned, en dato eller et tidspunkt, eventuelt med prefiksen eq, ne, ge, gt, le, lt, sa, eb eller ap, for eksempel { $name }=ge2026-01-01.
api-flag-status = status må være active eller inactive.
api-task-status = status må være ready, completed, failed eller cancelled (skilt med komma).
api-plan-status = status må være active, retired, draft eller unknown.

api-patient-nin-required = Fødselsnummer er påkrevd: en identifier med system { $nin } (fødselsnummer) eller { $dnr } (D-nummer).
api-patient-nin-empty = Fødselsnummeret mangler verdi.
api-patient-nin-several = Oppgi ett fødselsnummer, ikke flere.
api-patient-name-parts = Oppgi høyst 10 fornavn, og hvert navn og etternavnet med høyst { $max } tegn.
api-patient-gender = gender må være male, female, other eller unknown.
api-patient-name-required = Pasientens navn er påkrevd (name.text, eller name.given og name.family).
api-patient-name-long = Navnet kan ha høyst { $max } tegn.
api-patient-birth-date-differs = birthDate stemmer ikke med fødselsdatoen i fødselsnummeret.
api-patient-birth-date = birthDate må være en dato (ÅÅÅÅ-MM-DD).
api-patient-gp-one = Oppgi fastlegen som én generalPractitioner med navn (display).
api-patient-gp-her-id = Fastlegens HER-id gis som generalPractitioner.identifier med system urn:oid:2.16.578.1.12.4.1.2 og 1 til 9 sifre.
api-patient-gp-list = generalPractitioner må være en liste med referanser.
api-patient-gp-long = Fastlegens navn kan ha høyst { $max } tegn.
api-patient-unit = managingOrganization må vise til en enhet som Organization/<id>.
api-patient-email = E-postadressen er ikke gyldig (navn@domene.no).
api-patient-mobile = Mobilnummeret må ha 8 til 15 siffer, eventuelt med + og landskode.
api-patient-not-your-unit = managingOrganization må være en av enhetene dine (Organization/<enhets-id>).
api-patient-which-unit = Du jobber i flere enheter: oppgi i managingOrganization hvilken som har ansvaret for pasienten (Organization/<enhets-id>).
api-patient-not-registered = Pasienten kunne ikke registreres; prøv igjen.
api-patient-registered = Dette fødselsnummeret er allerede registrert som Patient/{ $id }; oppdater den pasienten i stedet.
api-patient-registered-elsewhere = Dette fødselsnummeret er allerede registrert i en annen enhet; registrer en henvisning til din enhet for å nå pasienten.
api-patient-changed = Pasienten ble endret av noen andre i mellomtiden; les den på nytt og gjør endringen igjen.
api-patient-nin-taken = Det fødselsnummeret tilhører en annen registrert pasient.

api-observation-code = code må angi en måling carepath kjenner: { $known }.
api-observation-value = valueQuantity.value er påkrevd.
api-observation-component = Blodtrykkspanelet ({ $panel }) må ha en component med koden { $code } og en valueQuantity.
api-observation-unit = Enheten må være UCUM-koden { $code } ({ $shown }).
api-observation-effective = effectiveDateTime er påkrevd: når det ble målt, med tidssone.
api-observation-future = effectiveDateTime er fram i tid: oppgi når det ble målt.

api-care-plan-canonical = instantiatesCanonical må inneholde ett program: url-en til PlanDefinition, med |versjon for en annen versjon enn den nyeste.
api-care-plan-unknown = instantiatesCanonical angir ingen programversjon som finnes her; søk i PlanDefinition etter programmene.
api-care-plan-not-offered = Ingen av enhetene dine som behandler denne pasienten, tilbyr dette programmet.
api-care-plan-enrolled = Pasienten er allerede med i dette programmet.
api-care-plan-status = status må være draft, active, completed eller revoked (skilt med komma).

api-response-status = status må være in-progress, completed eller amended for et nytt svar.
api-response-questionnaire = questionnaire er påkrevd: kanonisk url|versjon for skjemaet som er besvart.
api-response-unknown-questionnaire = Skjemaet { $questionnaire } finnes ikke her; opprett det først (POST /fhir/Questionnaire).
api-response-authored = authored må være et dateTime med tidssone, for eksempel 2026-11-23T08:00:00+01:00.
api-item-problem = Spørsmål `{ $item }`: { $problem }
api-item-no-value = Spørsmål `{ $item }`: svaret har ingen value[x] carepath kan lese (boolean, decimal, integer, date, dateTime, time, string, uri, Coding eller Quantity, med en verdi av den typen).
api-item-type = Svaret må være av typen { $type }.
api-item-unknown = Skjemaet har ikke dette spørsmålet her.
api-item-disabled = Spørsmålet er slått av av enableWhen-vilkårene sine og skal ikke besvares.
api-item-not-a-question = Dette er en gruppe eller en tekst og tar ikke imot svar.

api-q-resource-type = resourceType må være "Questionnaire", men er "{ $found }".
api-q-no-url = Skjemaet trenger en kanonisk url, slik at svar og skåring kan vise til det.
api-q-status = status må være draft, active, retired eller unknown, men er "{ $found }".
api-q-no-link-id = Et spørsmål (nummer { $n }) mangler linkId.
api-q-duplicate-link-id = linkId `{ $item }` er brukt mer enn én gang.
api-q-consultation = Spørsmål `{ $item }` er merket som spørsmålet om konsultasjon, men er ikke et ja/nei-spørsmål (boolean); merk bare ett ja/nei-spørsmål.
api-q-type = Spørsmål `{ $item }` har typen `{ $type }`, som carepath ikke kan vise ennå.
api-q-no-options = Spørsmål `{ $item }` er et valg uten answerOption eller et innebygd answerValueSet.
api-q-value-set = Spørsmål `{ $item }` henter svaralternativene fra verdisettet `{ $valueset }`, som ikke er med i skjemaet; carepath slår ikke opp eksterne verdisett, så legg det i contained.
api-q-enable-when-item = Spørsmål `{ $item }`: enableWhen viser til `{ $question }`, som ikke er et spørsmål i skjemaet.
api-q-enable-when-operator = Spørsmål `{ $item }`: enableWhen-operatoren `{ $operator }` er ikke en FHIR R4-operator.
api-q-enable-when-answer = Spørsmål `{ $item }`: et enableWhen-vilkår mangler answer[x].
api-q-answers-on-group = Spørsmål `{ $item }` er en gruppe eller en tekst med svar eller svaralternativer.
api-q-exists = Et skjema med url { $url } og versjon { $version } finnes; oppdater det, eller gi dette en ny versjon.
api-q-in-package = Skjemaet er en del av en programpakke; importer en ny versjon av pakken for å endre det.
api-q-has-responses = Denne versjonen er besvart, så bare statusen kan endres; publiser endringen som en ny versjon.
api-q-url-taken = Denne url-en og versjonen tilhører et annet skjema.
api-calculated-replaced = Spørsmål `{ $item }` regnes ut av sitt calculatedExpression; tjenerens verdi erstattet den som ble sendt.
api-expression-failed = Spørsmål `{ $item }`: { $what } kunne ikke regnes ut ({ $why }) og ble utelatt.
api-q-expression = Spørsmål `{ $item }`: { $what } er ikke gyldig FHIRPath ({ $why }).
api-q-unevaluated-item = Spørsmål `{ $item }` har en { $what } som carepath tar vare på, men ikke regner ut (en initialExpression er for skjemautfyllingen; andre språk enn FHIRPath leses ikke).
api-q-unevaluated = Skjemaet har en { $what } som carepath tar vare på, men ikke regner ut (bare FHIRPath leses).

api-score-questionnaire = Skåringen gjelder { $expected }, ikke { $found }.
api-score-item = Skåren `{ $score }` viser til spørsmålet `{ $item }`, som skjemaet ikke har.
api-score-weight = Skåren `{ $score }` teller vekter, men et svaralternativ i spørsmålet `{ $item }` har ingen.
api-score-bands = Skåren `{ $score }` har nivåene i feil rekkefølge.
api-score-number-item = Skåren `{ $score }` skrives til spørsmålet `{ $item }`, som ikke er et tallspørsmål i skjemaet.
api-score-duplicate = Skårkoden `{ $score }` er brukt mer enn én gang.

# Tekster i FHIR-ressursene (notater og beskrivelser), skrevet på bokmål, journalens språk.

fhir-care-plan-status = Status: { $status }
fhir-care-plan-terms = Vilkårene for behandlingen er godtatt.
fhir-care-plan-screening = Kartlegging: { $outcome }
fhir-care-plan-modules = Valgte fordypningsmoduler: { $modules }
fhir-action-at = { $at } etter start
fhir-action-every = { $at } etter start, deretter hver { $every }
fhir-version = Versjon { $version }
fhir-days =
    { $n ->
        [one] { $n } dag
       *[other] { $n } dager
    }
fhir-weeks =
    { $n ->
        [one] { $n } uke
       *[other] { $n } uker
    }
fhir-months =
    { $n ->
        [one] { $n } måned
       *[other] { $n } måneder
    }
fhir-task-text = Fyll ut skjema
fhir-score-missing = { $missing } av spørsmålene er ikke besvart; for mange til å regne ut en skår.

api-communication-recipient = recipient må vise til Organization/<id> eller Patient/<id>.
api-communication-status = status må være en av Communication-statusene, f.eks. completed.
api-communication-based-on = basedOn må vise til pasientens forløp som CarePlan/<id>.
api-communication-no-thread = Pasienten har ikke et aktivt forløp med meldinger som du kan skrive i.
api-communication-data = Vedlegget må ha innholdet sitt i data, base64-kodet.
api-communication-closed = Meldinger kan ikke sendes i dette forløpet nå: programmet tillater det ikke, eller forløpet er ikke aktivt.
api-communication-empty = Meldingen trenger tekst (payload.contentString) eller et vedlegg.
api-communication-long = Meldingen er lengre enn 5000 tegn.
api-communication-file-large = Vedlegg { $n } er større enn 10 MiB.
api-communication-file-type = Vedlegg { $n } er ikke et bilde (JPEG, PNG) eller en PDF; typen avgjøres av innholdet.
api-communication-file-damaged = Vedlegg { $n } er skadet og kan ikke leses.
api-communication-file-many = En melding kan ha høyst 3 vedlegg.

api-document-type = type må være en kode, gjerne med system: http://loinc.org|11488-4.
api-appointment-status = status må være booked, fulfilled eller cancelled.
api-activity-code = aktivitetskoden er ikke en av årets koder for svar på meldinger.
api-export-async = En eksport startes asynkront: send Prefer: respond-async.
api-export-parameter = Eksporten tar bare _type, _since og _outputFormat=application/fhir+ndjson.
api-export-since = _since må være et tidspunkt med tidssone, for eksempel 2025-01-01T00:00:00Z.
api-export-type = _type kan bare inneholde Patient, Task, QuestionnaireResponse og Observation.
api-export-which-project = Du er med i flere åpne prosjekter: be om eksporten med Group/{"{"}prosjekt{"}"}/$export.
api-export-failed = Eksporten kunne ikke lages. Slett den og be om en ny.
api-export-progress = { $files } filer er skrevet
api-bundle-type = Bundle.type må være batch: da behandles hver oppføring for seg.
api-bundle-too-many = En batch kan ha høyst { $max } oppføringer.
api-bundle-entry = Oppføring { $entry } må ha request.method og en request.url relativ til API-et (som Patient eller Patient/123).
api-patch-not-json-patch = Innholdet må være en JSON Patch (RFC 6902): en liste med operasjoner, hver med op (add, remove, replace, move, copy eller test), path og ved behov value ({ $why }).
api-patch-failed = Endringen kunne ikke brukes, og ingenting ble endret: { $why }
api-transaction-entry = Oppføring { $entry }: en transaksjon kan registrere pasienter (POST Patient) og opprette skjemasvar (POST QuestionnaireResponse), og lese (GET, besvart etter skrivingene); send alt annet som en batch.
api-transaction-same-number = To oppføringer registrerer samme fødselsnummer; ingenting ble lagret.
api-patient-gender-search = gender må være male, female, other eller unknown.
api-patient-name-use = name.use må være en av { $uses }.
api-patient-name-period = name.period.start og end må være datoer (2026-12-07) eller tidspunkter med tidssone.
