# Course pages (issue 17): the catalogue and a course's description.
course-catalogue-title = Kurs
course-catalogue-intro = Kurs for helsepersonell. Kvart kurs viser kor lang tid delane tek, lagt saman frå leksjonane og programmet.
course-catalogue-none = Ingen kurs er lagde inn enno.
course-parts-and-time = { $parts ->
    [one] Éin del
   *[other] { $parts } delar
}, til saman { $time }.
course-duration = { $hours ->
    [0] { $minutes } min
   *[other] { $minutes ->
        [0] { $hours } t
       *[other] { $hours } t { $minutes } min
    }
}
course-audience = For kven
course-total = Tid i alt
course-objectives = Læringsmål i spesialistutdanninga
course-durations-added = Tidene er lagde saman frå leksjonane og programmet nedanfor.
course-credits = Tellande timar
course-credit-profession = Spesialitet
course-credit-points = Poeng
course-credit-approved-by = Godkjend av
course-part-time = Tid: { $time }.
course-part-video = Av dette er { $time } video.
course-part-requires = Må fullførast først: { $parts }.
course-lessons = Leksjonar
course-lesson = Leksjon
course-video-minutes = Video (min)
course-reading-minutes = Lesing (min)
course-reflections = Refleksjonsspørsmål
course-time = Tid
course-agenda = Program
course-session = Økt
course-speaker = Føredragshaldar
course-speaker-local = Vert bestemt lokalt
