escalation-subject = Alert waiting: { $unit }
escalation-body =
    { $colour ->
        [red] A red alert
        [yellow] A yellow alert
       *[other] An alert
    } in { $unit } has waited { $hours ->
        [0] { $minutes ->
            [one] { $minutes } minute
           *[other] { $minutes } minutes
        }
       *[other] { $hours } hours
    } without being acknowledged. See the worklist: { $link }
