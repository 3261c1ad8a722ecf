escalation-subject = Varsel ventar: { $unit }
escalation-body =
    { $colour ->
        [red] Eit raudt varsel
        [yellow] Eit gult varsel
       *[other] Eit varsel
    } i { $unit } har venta i { $hours ->
        [0] { $minutes ->
            [one] { $minutes } minutt
           *[other] { $minutes } minutt
        }
       *[other] { $hours } timar
    } utan å bli kvittert ut. Sjå arbeidslista: { $link }
