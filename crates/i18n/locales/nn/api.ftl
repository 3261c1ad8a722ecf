# Tekstane til FHIR-API-et i OperationOutcome (diagnostics), for personar og system som brukar det.
# Namn på element og parametrar (resourceType, valueQuantity, _count) står slik FHIR skriv dei.

api-unauthorized = Det trengst eit gyldig tilgangstoken (carepath admin create-token).
api-forbidden = Rolla di gir ikkje tilgang til dette.
api-not-found = Ressursen finst ikkje.
api-too-large = Innhaldet er større enn 1 MiB.
api-media-type = Send ressursen som application/fhir+json.
api-method = Denne metoden er ikkje støtta på denne adressa.
api-not-acceptable = API-et svarar berre i JSON: be om application/fhir+json (Accept eller _format).
api-timeout = Førespurnaden tok for lang tid. Prøv igjen.
api-unreadable = Førespurnaden kunne ikkje lesast: sjekk parametrar, overskrifter og innhald.
api-exception = Tenaren kunne ikkje svare. Prøv igjen seinare.
api-unavailable = Databasen er ikkje tilgjengeleg akkurat no. Prøv igjen om nokre sekund.
api-body-unreadable = Innhaldet i førespurnaden kunne ikkje lesast.
api-body-not-json = Innhaldet er ikkje gyldig JSON: { $why }
api-body-not-object = Innhaldet må vere eit JSON-objekt, ein FHIR-ressurs.
api-if-match = If-Match må gi ein versjon, til dømes W/"2".
api-conditional-identifier = Ei vilkårsbunden oppdatering av ein Patient treng `identifier` med eit fødselsnummer eller D-nummer (system|verdi), og ikkje noko anna; ressursen må ha det same nummeret.
api-id-mismatch = Id-en til ressursen må vere den same som id-en i adressa.
api-version-stale = Ressursen er på versjon { $version }; les han på nytt og send endringa mot den versjonen.
api-resource-type = resourceType må vere { $type }.
api-not-r4 = Ikkje ein FHIR R4 { $type }: { $why }
api-subject = subject må vise til pasienten som Patient/<id>.
api-contained = Innebygde ressursar (contained) blir ikkje tekne imot; vis til ressursen i staden (til dømes Patient/<id>).
api-status-one-of = status må vere ein av { $statuses }.

api-query-malformed = Søkjeparametrane kunne ikkje lesast.
api-search-patient = { $name } må vere Patient/<id> eller ein pasient-id.
api-search-number = { $name } må vere eit heilt tal frå 0 til { $max }.
api-search-sort = _sort={ $value } er ikkje støtta (støtta: { $supported }).
api-search-total = _total={ $value } er ikkje støtta (bruk none, estimate eller accurate).
api-search-unsupported = Søkjeparameteren { $name } er ikkje støtta (støtta: { $supported }).
api-search-once = Gi { $name } berre éin gong (fleire verdiar er ikkje støtta).
api-search-missing = { $name } må vere true eller false.
api-search-id = _id må vere éin eller fleire ressurs-id-ar (bokstavar, siffer, «-» og «.», høgst 64), skilde med komma.
api-search-date = { $name } må vere eit år, ein månad, ein dato eller eit tidspunkt, eventuelt med prefikset eq, ne, ge, gt, le, lt, sa, eb eller ap, til dømes { $name }=ge2026-01-01.
api-flag-status = status må vere active eller inactive.
api-task-status = status må vere ready, completed, failed eller cancelled (skilde med komma).
api-plan-status = status må vere active, retired, draft eller unknown.

api-patient-nin-required = Fødselsnummer er påkravd: ein identifier med system { $nin } (fødselsnummer) eller { $dnr } (D-nummer).
api-patient-nin-empty = Fødselsnummeret manglar verdi.
api-patient-nin-several = Gi eitt fødselsnummer, ikkje fleire.
api-patient-name-parts = Gi høgst 10 førenamn, og kvart namn og etternamnet med høgst { $max } teikn.
api-patient-gender = gender må vere male, female, other eller unknown.
api-patient-name-required = Namnet til pasienten er påkravd (name.text, eller name.given og name.family).
api-patient-name-long = Namnet kan ha høgst { $max } teikn.
api-patient-birth-date-differs = birthDate stemmer ikkje med fødselsdatoen i fødselsnummeret.
api-patient-birth-date = birthDate må vere ein dato (ÅÅÅÅ-MM-DD).
api-patient-gp-one = Gi fastlegen som éin generalPractitioner med namn (display).
api-patient-gp-her-id = HER-id-en til fastlegen blir gitt som generalPractitioner.identifier med system urn:oid:2.16.578.1.12.4.1.2 og 1 til 9 siffer.
api-patient-gp-list = generalPractitioner må vere ei liste med referansar.
api-patient-gp-long = Namnet til fastlegen kan ha høgst { $max } teikn.
api-patient-unit = managingOrganization må vise til ei eining som Organization/<id>.
api-patient-email = E-postadressa er ikkje gyldig (namn@domene.no).
api-patient-mobile = Mobilnummeret må ha 8 til 15 siffer, eventuelt med + og landskode.
api-patient-not-your-unit = managingOrganization må vere ei av einingane dine (Organization/<einings-id>).
api-patient-which-unit = Du jobbar i fleire einingar: gi i managingOrganization kva for ei som har ansvaret for pasienten (Organization/<einings-id>).
api-patient-not-registered = Pasienten kunne ikkje registrerast; prøv igjen.
api-patient-registered = Dette fødselsnummeret er alt registrert som Patient/{ $id }; oppdater den pasienten i staden.
api-patient-registered-elsewhere = Dette fødselsnummeret er alt registrert i ei anna eining; registrer ei tilvising til eininga di for å nå pasienten.
api-patient-changed = Pasienten vart endra av nokon andre i mellomtida; les han på nytt og gjer endringa igjen.
api-patient-nin-taken = Det fødselsnummeret høyrer til ein annan registrert pasient.

api-observation-code = code må gi ei måling carepath kjenner: { $known }.
api-observation-value = valueQuantity.value er påkravd.
api-observation-component = Blodtrykkspanelet ({ $panel }) må ha ein component med koden { $code } og ein valueQuantity.
api-observation-unit = Eininga må vere UCUM-koden { $code } ({ $shown }).
api-observation-effective = effectiveDateTime er påkravd: når det vart målt, med tidssone.
api-observation-future = effectiveDateTime er fram i tid: gi når det vart målt.

api-care-plan-canonical = instantiatesCanonical må innehalde eitt program: url-en til PlanDefinition, med |versjon for ein annan versjon enn den nyaste.
api-care-plan-unknown = instantiatesCanonical gir ingen programversjon som finst her; søk i PlanDefinition etter programma.
api-care-plan-not-offered = Ingen av einingane dine som behandlar denne pasienten, tilbyr dette programmet.
api-care-plan-enrolled = Pasienten er alt med i dette programmet.
api-care-plan-status = status må vere draft, active, completed eller revoked (skilde med komma).

api-response-status = status må vere in-progress, completed eller amended for eit nytt svar.
api-response-questionnaire = questionnaire er påkravd: kanonisk url|versjon for skjemaet som er svart på.
api-response-unknown-questionnaire = Skjemaet { $questionnaire } finst ikkje her; opprett det først (POST /fhir/Questionnaire).
api-response-authored = authored må vere eit dateTime med tidssone, til dømes 2026-11-23T08:00:00+01:00.
api-item-problem = Spørsmål `{ $item }`: { $problem }
api-item-no-value = Spørsmål `{ $item }`: svaret har ingen value[x] carepath kan lese (boolean, decimal, integer, date, dateTime, time, string, uri, Coding eller Quantity, med ein verdi av den typen).
api-item-type = Svaret må vere av typen { $type }.
api-item-unknown = Skjemaet har ikkje dette spørsmålet her.
api-item-disabled = Spørsmålet er slått av av enableWhen-vilkåra sine og skal ikkje svarast på.
api-item-not-a-question = Dette er ei gruppe eller ein tekst og tek ikkje imot svar.

api-q-resource-type = resourceType må vere "Questionnaire", men er "{ $found }".
api-q-no-url = Skjemaet treng ein kanonisk url, slik at svar og skåring kan vise til det.
api-q-status = status må vere draft, active, retired eller unknown, men er "{ $found }".
api-q-no-link-id = Eit spørsmål (nummer { $n }) manglar linkId.
api-q-duplicate-link-id = linkId `{ $item }` er brukt meir enn éin gong.
api-q-consultation = Spørsmål `{ $item }` er merkt som spørsmålet om konsultasjon, men er ikkje eit ja/nei-spørsmål (boolean); merk berre eitt ja/nei-spørsmål.
api-q-type = Spørsmål `{ $item }` har typen `{ $type }`, som carepath ikkje kan vise enno.
api-q-no-options = Spørsmål `{ $item }` er eit val utan answerOption eller eit innebygd answerValueSet.
api-q-value-set = Spørsmål `{ $item }` hentar svaralternativa frå verdisettet `{ $valueset }`, som ikkje er med i skjemaet; carepath slår ikkje opp eksterne verdisett, så legg det i contained.
api-q-enable-when-item = Spørsmål `{ $item }`: enableWhen viser til `{ $question }`, som ikkje er eit spørsmål i skjemaet.
api-q-enable-when-operator = Spørsmål `{ $item }`: enableWhen-operatoren `{ $operator }` er ikkje ein FHIR R4-operator.
api-q-enable-when-answer = Spørsmål `{ $item }`: eit enableWhen-vilkår manglar answer[x].
api-q-answers-on-group = Spørsmål `{ $item }` er ei gruppe eller ein tekst med svar eller svaralternativ.
api-q-exists = Eit skjema med url { $url } og versjon { $version } finst; oppdater det, eller gi dette ein ny versjon.
api-q-in-package = Skjemaet er ein del av ein programpakke; importer ein ny versjon av pakken for å endre det.
api-q-has-responses = Denne versjonen er svart på, så berre statusen kan endrast; publiser endringa som ein ny versjon.
api-q-url-taken = Denne url-en og versjonen høyrer til eit anna skjema.
api-calculated-replaced = Spørsmål `{ $item }` vert rekna ut av sitt calculatedExpression; verdien til tenaren erstatta den som vart send.
api-expression-failed = Spørsmål `{ $item }`: { $what } kunne ikkje reknast ut ({ $why }) og vart utelate.
api-q-expression = Spørsmål `{ $item }`: { $what } er ikkje gyldig FHIRPath ({ $why }).
api-q-unevaluated-item = Spørsmål `{ $item }` har ein { $what } som carepath tek vare på, men ikkje reknar ut (ein initialExpression er for skjemautfyllinga; andre språk enn FHIRPath vert ikkje lesne).
api-q-unevaluated = Skjemaet har ein { $what } som carepath tek vare på, men ikkje reknar ut (berre FHIRPath vert lese).

api-score-questionnaire = Skåringa gjeld { $expected }, ikkje { $found }.
api-score-item = Skåren `{ $score }` viser til spørsmålet `{ $item }`, som skjemaet ikkje har.
api-score-weight = Skåren `{ $score }` tel vekter, men eit svaralternativ i spørsmålet `{ $item }` har ingen.
api-score-bands = Skåren `{ $score }` har nivåa i feil rekkjefølgje.
api-score-number-item = Skåren `{ $score }` blir skriven til spørsmålet `{ $item }`, som ikkje er eit talspørsmål i skjemaet.
api-score-duplicate = Skårkoden `{ $score }` er brukt meir enn éin gong.

# Tekstar i FHIR-ressursane (notat og skildringar). carepath skriv dei på bokmål, språket i journalen.

fhir-care-plan-status = Status: { $status }
fhir-care-plan-terms = Vilkåra for behandlinga er godtekne.
fhir-care-plan-screening = Kartlegging: { $outcome }
fhir-care-plan-modules = Valde fordjupingsmodular: { $modules }
fhir-action-at = { $at } etter start
fhir-action-every = { $at } etter start, deretter kvar { $every }
fhir-version = Versjon { $version }
fhir-days =
    { $n ->
        [one] { $n } dag
       *[other] { $n } dagar
    }
fhir-weeks =
    { $n ->
        [one] { $n } veke
       *[other] { $n } veker
    }
fhir-months =
    { $n ->
        [one] { $n } månad
       *[other] { $n } månader
    }
fhir-task-text = Fyll ut skjema
fhir-score-missing = { $missing } av spørsmåla er ikkje svarte på; for mange til å rekne ut ein skår.

api-communication-recipient = recipient må vise til Organization/<id> eller Patient/<id>.
api-communication-status = status må vere ein av Communication-statusane, t.d. completed.
api-communication-based-on = basedOn må vise til forløpet til pasienten som CarePlan/<id>.
api-communication-no-thread = Pasienten har ikkje eit aktivt forløp med meldingar som du kan skrive i.
api-communication-data = Vedlegget må ha innhaldet sitt i data, base64-koda.
api-communication-closed = Meldingar kan ikkje sendast i dette forløpet no: programmet tillèt det ikkje, eller forløpet er ikkje aktivt.
api-communication-empty = Meldinga treng tekst (payload.contentString) eller eit vedlegg.
api-communication-long = Meldinga er lengre enn 5000 teikn.
api-communication-file-large = Vedlegg { $n } er større enn 10 MiB.
api-communication-file-type = Vedlegg { $n } er ikkje eit bilete (JPEG, PNG) eller ein PDF; typen blir avgjord av innhaldet.
api-communication-file-damaged = Vedlegg { $n } er skadd og kan ikkje lesast.
api-communication-file-many = Ei melding kan ha høgst 3 vedlegg.

api-document-type = type må vere ein kode, gjerne med system: http://loinc.org|11488-4.
api-appointment-status = status må vere booked, fulfilled eller cancelled.
api-activity-code = aktivitetskoden er ikkje ein av kodane for svar på meldingar i år.
api-export-async = Ein eksport blir starta asynkront: send Prefer: respond-async.
api-export-parameter = Eksporten tek berre _type, _since og _outputFormat=application/fhir+ndjson.
api-export-since = _since må vere eit tidspunkt med tidssone, til dømes 2025-01-01T00:00:00Z.
api-export-type = _type kan berre innehalde Patient, Task, QuestionnaireResponse og Observation.
api-export-which-project = Du er med i fleire opne prosjekt: be om eksporten med Group/{"{"}prosjekt{"}"}/$export.
api-export-failed = Eksporten kunne ikkje lagast. Slett han og be om ein ny.
api-export-progress = { $files } filer er skrivne
api-bundle-type = Bundle.type må vere batch: då vert kvar oppføring handsama for seg.
api-bundle-too-many = Ein batch kan ha høgst { $max } oppføringar.
api-bundle-entry = Oppføring { $entry } må ha request.method og ein request.url relativ til API-et (som Patient eller Patient/123).
api-patch-not-json-patch = Innhaldet må vere ein JSON Patch (RFC 6902): ei liste med operasjonar, kvar med op (add, remove, replace, move, copy eller test), path og ved behov value ({ $why }).
api-patch-failed = Endringa kunne ikkje brukast, og ingenting vart endra: { $why }
api-transaction-entry = Oppføring { $entry }: ein transaksjon kan registrere pasientar (POST Patient) og opprette skjemasvar (POST QuestionnaireResponse), og lese (GET, svara etter skrivingane); send alt anna som ein batch.
api-transaction-same-number = To oppføringar registrerer same fødselsnummer; ingenting vart lagra.
api-patient-gender-search = gender må vere male, female, other eller unknown.
api-patient-name-use = name.use må vere ein av { $uses }.
api-patient-name-period = name.period.start og end må vere datoar (2026-12-07) eller tidspunkt med tidssone.
