# Course pages (issue 17): the catalogue and a course's description.
course-catalogue-title = Courses
course-catalogue-intro = Courses for health professionals. Each course shows how long its parts take, added up from its lessons and agenda.
course-catalogue-none = No courses have been added yet.
course-parts-and-time = { $parts ->
    [one] One part
   *[other] { $parts } parts
}, { $time } in all.
course-duration = { $hours ->
    [0] { $minutes } min
   *[other] { $minutes ->
        [0] { $hours } h
       *[other] { $hours } h { $minutes } min
    }
}
course-audience = Who it is for
course-total = Time in all
course-objectives = Learning objectives of the specialist training
course-durations-added = The times are added up from the lessons and the agenda below.
course-credits = Credits
course-credit-profession = Speciality
course-credit-points = Points
course-credit-approved-by = Approved by
course-part-time = Time: { $time }.
course-part-video = Of this, { $time } is video.
course-part-requires = To be completed first: { $parts }.
course-lessons = Lessons
course-lesson = Lesson
course-video-minutes = Video (min)
course-reading-minutes = Reading (min)
course-reflections = Reflection questions
course-time = Time
course-agenda = Agenda
course-session = Session
course-speaker = Speaker
course-speaker-local = Decided locally
