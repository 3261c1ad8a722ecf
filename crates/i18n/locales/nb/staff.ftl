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
