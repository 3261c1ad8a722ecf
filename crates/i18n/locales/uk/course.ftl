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

# Taking a course (decision 0042).
course-take-heading = Пройти курс
course-take-sign-in = Для реєстрації потрібен обліковий запис учасника. Якщо він у вас є, увійдіть, щоб зареєструватися і стежити за своїм поступом. Якщо ні, створіть його за допомогою своєї електронної адреси.
course-take-sign-in-link = Увійти
course-take-not-participant = Курси проходять з обліковим записом учасника. Обліковий запис, з яким ви увійшли, не є обліковим записом учасника.
course-take-registered = Ви зареєстровані як { $profile }.
course-take-done = Ви завершили весь курс.
course-take-register-intro = Зареєструйтеся, щоб почати частину 1. Ми питаємо про професію, місце роботи та регіон, щоб рахувати учасників; у курсі ви не бачите жодних даних пацієнтів.
course-profession = Професія
course-choose = Оберіть
course-workplace = Місце роботи
course-region = Регіон
course-region-hint = Фюльке, де ви працюєте, або регіон охорони здоров'я, якщо ви працюєте в лікарняному підприємстві.
course-register = Зареєструвати мене
course-take-runs = Ви допомагаєте проводити цей курс. Проведення наведено під частиною курсу, до якої вони належать, зі статусом та історією.
course-propose-link = Запропонувати місцеве проведення
course-lesson-done = Завершено
course-offerings = Місцеві проведення
course-offerings-none = Жодне місцеве проведення ще не відкрите для реєстрації.
course-offering-deadline = Реєстрація до { $date }.
course-part-closed = Ця частина відкриється, коли ви завершите: { $parts }.
course-part-attended = Ви були присутні цього дня.
course-part-progress = Завершено уроків: { $done } з { $total }.
course-part-done = Завершено
course-part-open = Відкрито для реєстрації
course-part-locked = Ще не відкрито
course-seats = Зайнято місць: { $taken } з { $capacity }.
course-seats-waiting = Зайнято місць: { $taken } з { $capacity }, у списку очікування: { $waiting }.
course-seat-place = У вас є місце.
course-seat-waiting = Ви в списку очікування. { $ahead ->
    [0] Ви перші в черзі.
   *[other] Перед вами: { $ahead }.
}
course-seat-cancelled = Ви скасували участь.
course-seat-attended = Ви були присутні.
course-seat-absent = Вас записано як відсутнього.
course-mine-title = Мої курси
course-mine-none = Ви ще не зареєстровані на жоден курс.
course-mine-runs = Курси, які ви допомагаєте проводити
course-organiser-for = Місцевий організатор для { $unit }
course-offerings-proposed = Проведень, що чекають на рішення комітету: { $count }.

# Problems.
course-problem-profile = Оберіть професію та регіон.
course-problem-workplace = Вкажіть місце роботи (не більше 200 символів).
course-problem-answers = Дайте відповідь на кожне питання для роздумів (не більше 4000 символів кожна).
course-problem-not-registered = Спершу зареєструйтеся на курс.
course-problem-dates = Вкажіть день і кінцевий термін реєстрації як дати.
course-problem-date = Оберіть день після сьогоднішнього.
course-problem-deadline = Кінцевий термін реєстрації має бути між сьогоднішнім днем і днем курсу.
course-problem-capacity = Кількість місць має бути цілим числом від 1 до 500.
course-problem-place = Вкажіть місце (не більше 200 символів).
course-problem-speaker = Ім'я доповідача може мати не більше 200 символів.
course-problem-comment = Напишіть коментар для організатора (не більше 2000 символів).
course-problem-step = Цього не можна зробити з проведенням у його нинішньому стані.
course-problem-conflict = Хтось інший змінив проведення, поки ви його переглядали. Перевірте та спробуйте ще раз.
course-closed-not-approved = Це проведення не відкрите для реєстрації.
course-closed-deadline = Термін реєстрації минув.

# Offerings.
course-propose-title = Запропонувати місцеве проведення
course-propose-intro = Комітет курсу схвалює пропозицію, просить змін або відхиляє її, з коментарем. Реєстрація відкривається лише після схвалення.
course-propose-send = Надіслати комітету курсу
course-offering-part = Частина курсу
course-offering-unit = Організатор
course-offering-date = Дата
course-offering-place = Місце
course-offering-capacity = Кількість місць
course-offering-deadline-label = Кінцевий термін реєстрації
course-offering-speakers = Місцеві доповідачі
course-offering-speakers-hint = Ім'я того, хто проводить кожне заняття. Залиште порожнім, якщо ще не визначено.
course-offering-status = Статус
course-offering-seats = Місця
course-offering-your-seat = Ваше місце
course-book = Зареєструвати мене на цей день
course-cancel-seat = Скасувати моє місце
course-decide-heading = Рішення комітету курсу
course-decide-what = Рішення
course-decide-comment = Коментар для організатора
course-decide-comment-hint = Надсилається з рішенням і зберігається в історії.
course-decide-send = Надіслати рішення
course-repropose-heading = Змінити й надіслати знову
course-repropose-comment = Що ви змінили
course-participants = Учасники
course-participants-none = Ще ніхто не зареєструвався.
course-participant = Учасник
course-participant-profile = Професія, місце роботи та регіон
course-seat-row-place = Має місце
course-seat-row-waiting = У списку очікування
course-seat-row-cancelled = Скасовано
course-participant-seat = Місце
course-attendance = Присутність
course-attendance-present = Присутній
course-attendance-absent = Відсутній
course-attendance-unmarked = Не відмічено
course-mark-present = Відмітити присутність
course-mark-absent = Відмітити відсутність
course-cancel-offering = Скасувати проведення
course-cancel-why = Чому (показується в історії)
course-history = Історія
course-history-when = Коли
course-history-who = Хто
course-history-step = Що
course-history-comment = Коментар
offering-status-proposed = Чекає на комітет курсу
offering-status-changes-requested = Комітет просить змін
offering-status-approved = Схвалено, реєстрацію відкрито
offering-status-refused = Відхилено
offering-status-cancelled = Скасовано
offering-status-held = Проведено
offering-status-closed = Схвалено, реєстрацію закрито
offering-done-propose = Запропоновано
offering-done-approve = Схвалено
offering-done-ask-for-changes = Попрошено змін
offering-done-refuse = Відхилено
offering-done-cancel = Скасовано
offering-step-approve = Схвалити
offering-step-ask-for-changes = Попросити змін
offering-step-refuse = Відхилити

# Lessons.
course-lesson-done-note = Урок завершено. Ви можете змінити свої відповіді будь-коли.
course-lesson-no-video = Відео до цього уроку ще не додано; показано його заплановану тривалість.
course-literature = Література
course-reflections-private = Ваші відповіді бачите лише ви: ніхто інший, навіть організатор, не може їх прочитати.
course-lesson-finish = Зберегти відповіді та завершити урок
course-lesson-save-again = Зберегти змінені відповіді
course-lesson-next = Наступний урок: { $title }
course-back-to = Назад до { $title }

# Certificates.
certificate-title = Сертифікат курсу
certificate-participant = Учасник
certificate-course = Курс
certificate-completed = Завершено
certificate-time = Загальний час
certificate-objectives = Навчальні цілі
certificate-code = Код перевірки
certificate-code-hint = 16 символів, як надруковано на сертифікаті. Дефіси та пробіли не мають значення.
certificate-text = { $name } завершив(ла) усі частини курсу «{ $course }», останню { $date }.
certificate-check = Перевірте справжність сертифіката на { $address } (код { $code }).
certificate-footer = Код перевірки { $code }
certificate-file-name = sertyfikat
certificate-download = Завантажити сертифікат (PDF)
certificate-verify-title = Перевірити сертифікат курсу
certificate-verify-send = Перевірити
certificate-genuine = Сертифікат з кодом { $code } справжній. У ньому сказано:
certificate-not-found-heading = Жоден сертифікат не має цього коду
certificate-not-found = Перевірте, чи ви ввели код так, як він надрукований на сертифікаті. Сертифікат, код якого ми не знаходимо, тут не видавався.

## Evaluations (decision 0043)
course-evaluation-title = Оцінювання: { $part }
course-evaluation-intro = Ви завершили { $part }. Розкажіть, що ви думаєте, щоб курс став кращим. Це займе кілька хвилин, і оцінити можна один раз.
course-evaluation-anonymous = Власник курсу, комітет і організатор бачать лише відповіді, складені разом з іншими, і ніколи — хто що відповів. Відповіді із заняття, яке має менше ніж 5 оцінювань, не показуються.
course-evaluation-send = Надіслати оцінювання
course-evaluation-thanks = Дякуємо! Ваше оцінювання надіслано.
course-evaluation-mean = Середнє ({ $answered } відповідей)
course-evaluation-offering = Заняття { $date }, { $place }
course-evaluation-year = Усі оцінювання, надіслані в { $year } році
course-evaluate-part = Оцінити: { $part }
course-evaluations-link = Оцінювання
course-evaluations-title = Оцінювання курсу «{ $title }»
course-evaluations-small = Відповіді показано разом, ніколи — хто що відповів. Група з менш ніж { $min } оцінювань показується лише кількістю.
course-evaluations-none = Курс не має оцінювання.
course-evaluations-count = { $count ->
    [one] { $count } оцінювання.
    [few] { $count } оцінювання.
   *[other] { $count } оцінювань.
}
course-evaluations-answer = Відповідь
course-evaluations-number = Кількість
course-evaluations-share = Частка
course-evaluations-no-comments = Тут ніхто нічого не написав.
course-evaluations-too-few = Менше ніж { $min } оцінювань: відповіді не показано, щоб нікого не можна було впізнати.
course-problem-not-complete = Ви можете оцінити частину курсу, коли завершите її.
course-problem-evaluated = Ви вже оцінили цю частину курсу.

## Participant accounts (decision 0044)
course-take-sign-up-link = Створити обліковий запис учасника
signup-title = Створити обліковий запис учасника
signup-intro = Обліковий запис учасника призначений для медичних працівників, які проходять тут курси. Він не дає доступу до інформації про пацієнтів.
signup-how = Ми надішлемо посилання на вашу електронну адресу, де ви виберете пароль. Коли ви вперше ввійдете, ви налаштуєте код із застосунку-автентифікатора на телефоні (наприклад, Microsoft Authenticator або Google Authenticator). Цей код ви використовуватимете щоразу під час входу.
signup-name = Повне ім'я, як воно має бути в сертифікаті
signup-email = Електронна адреса
signup-email-hint = Вона стане вашим ім'ям користувача.
signup-send = Надіслати мені посилання
signup-sent = Перевірте свою електронну пошту. Якщо цю адресу можна використати для облікового запису учасника, ми надіслали на неї посилання. Посилання дійсне 24 години.
signup-sent-next = Якщо лист не надійде протягом кількох хвилин, перевірте папку зі спамом або попросіть нове посилання. Якщо у вас уже є обліковий запис учасника, посилання дасть вам новий пароль.
signup-have-account = Уже маєте обліковий запис учасника?
signup-problem-name = Напишіть своє ім'я (не більше 200 символів).
signup-problem-email = Напишіть правильну електронну адресу, наприклад name@example.no.
signup-helseid-heading = Медичні працівники з HelseID
signup-helseid = Якщо у вас є HelseID, увійдіть через нього. Першого разу ми створимо обліковий запис учасника, прив’язаний до вашого номера HPR, без окремого пароля.
signup-email-heading = Або за допомогою електронної адреси
