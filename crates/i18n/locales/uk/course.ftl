# Course pages (issue 17): the catalogue and a course's description.
course-catalogue-title = Курси
course-catalogue-intro = Курси для медичних працівників. Для кожного курсу показано, скільки часу займають його частини, підсумовано з уроків і програми.
course-catalogue-none = Курсів ще не додано.
course-parts-and-time = { $parts ->
    [one] { $parts } частина
    [few] { $parts } частини
   *[other] { $parts } частин
}, разом { $time }.
course-duration = { $hours ->
    [0] { $minutes } хв
   *[other] { $minutes ->
        [0] { $hours } год
       *[other] { $hours } год { $minutes } хв
    }
}
course-audience = Для кого
course-total = Загальний час
course-objectives = Навчальні цілі спеціалізації
course-durations-added = Час підсумовано з уроків і програми нижче.
course-credits = Залікові бали
course-credit-profession = Спеціальність
course-credit-points = Бали
course-credit-approved-by = Затверджено
course-part-time = Час: { $time }.
course-part-video = З них відео: { $time }.
course-part-requires = Спочатку потрібно завершити: { $parts }.
course-lessons = Уроки
course-lesson = Урок
course-video-minutes = Відео (хв)
course-reading-minutes = Читання (хв)
course-reflections = Питання для роздумів
course-time = Час
course-agenda = Програма
course-session = Сесія
course-speaker = Доповідач
course-speaker-local = Визначається на місці
