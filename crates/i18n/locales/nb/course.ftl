# Course pages (issue 17): the catalogue and a course's description.
course-catalogue-title = Kurs
course-catalogue-intro = Kurs for helsepersonell. Hvert kurs viser hvor lang tid delene tar, lagt sammen fra leksjonene og programmet.
course-catalogue-none = Ingen kurs er lagt inn ennå.
course-parts-and-time = { $parts ->
    [one] Én del
   *[other] { $parts } deler
}, til sammen { $time }.
course-duration = { $hours ->
    [0] { $minutes } min
   *[other] { $minutes ->
        [0] { $hours } t
       *[other] { $hours } t { $minutes } min
    }
}
course-audience = For hvem
course-total = Tid i alt
course-objectives = Læringsmål i spesialistutdanningen
course-durations-added = Tidene er lagt sammen fra leksjonene og programmet nedenfor.
course-credits = Tellende timer
course-credit-profession = Spesialitet
course-credit-points = Poeng
course-credit-approved-by = Godkjent av
course-part-time = Tid: { $time }.
course-part-video = Av dette er { $time } video.
course-part-requires = Må fullføres først: { $parts }.
course-lessons = Leksjoner
course-lesson = Leksjon
course-video-minutes = Video (min)
course-reading-minutes = Lesing (min)
course-reflections = Refleksjonsspørsmål
course-time = Tid
course-agenda = Program
course-session = Økt
course-speaker = Foredragsholder
course-speaker-local = Bestemmes lokalt
