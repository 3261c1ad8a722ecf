link-access-log = Хто бачив мої дані?
link-own-data = Завантажити мої дані
link-measurements = Мої вимірювання

home-title = Моя сторінка
home-hello = Вітаємо
home-hello-name = Вітаємо, { $name }
home-enrolled-in = Вас зараховано до програми
home-steps = Як почати
home-step-terms = Прочитайте і прийміть умови
home-step-screening = Дайте відповіді на кілька запитань про себе
home-step-baseline = Заповніть початкову анкету
home-step-modules = Почніть модулі
home-read-terms = Прочитати умови
home-baseline-why = Перш ніж відкриються модулі, нам треба знати, як ви почуваєтеся зараз. Тоді ми разом зможемо побачити, чи допомагає лікування.
home-baseline-start = Заповнити початкову анкету
home-waiting = Ми розглядаємо ваше направлення
home-stopped = Зараз ця програма вам не підходить
home-finished = Ви завершили програму. Чудова робота!
home-not-enrolled = Вас ще не зараховано до жодної програми. Коли ваш лікар вас зарахує, ви побачите програму тут.
home-program-ended = Лікування завершено. Якщо маєте запитання, зверніться до свого сімейного лікаря.

terms-title = Умови
terms-heading = Перш ніж почати програму «{ $program }»
terms-must-tick = Потрібно поставити позначку
terms-must-tick-text = Поставте позначку, що ви прочитали умови, перш ніж продовжити.
terms-accept-label = Я прочитав(-ла) умови і хочу почати
terms-accept = Прийняти і продовжити

screening-title = Кілька запитань про вас
screening-intro = Ми ставимо кілька запитань, щоб переконатися, що програма безпечна і підходить вам.
screening-born = За нашими записами ви народилися { $date } і вам { $age } р. Якщо це не так, зв’яжіться з нами, перш ніж продовжити.
screening-send = Надіслати відповіді
screening-answer-yes-no = Дайте відповідь «так» або «ні».

modules-title = Модулі
modules-paused = Ваші лікарі призупинили спостереження. Ви не отримуватимете анкет і нагадувань, а ваші вимірювання не відстежуватимуться, доки його не буде відновлено. Сторінки можна й далі читати. Якщо вам стане гірше, зверніться до сімейного лікаря або до чергової служби (116 117); якщо є загроза життю, телефонуйте 113.
modules-read-share = Ви прочитали { $percent } % сторінок.
modules-progress = Поступ у програмі
modules-resume = Продовжити з того місця, де ви зупинилися
modules-requests = Ваш запит на прийом
modules-request-open = Ви попросили про контрольний прийом { $asked }. Ми отримали запит і зв’яжемося з вами.
modules-request-handled = Ви попросили про контрольний прийом { $asked }. Запит опрацьовано { $handled }.
modules-begin = Почати читати
modules-forms = Анкети для заповнення
modules-answer-by = дайте відповідь до { $date }
modules-waiting-answer = Чекає на вашу відповідь
modules-yours = Ваші модулі
modules-optional = Необов’язковий
modules-pages-done = Прочитано { $total } з { $total } сторінок – завершено
modules-pages-read = Прочитано { $read } з { $total } сторінок
modules-choose = Виберіть додаткові модулі
modules-choose-intro = Можна вибрати один або кілька, або жодного. Вибір можна змінити пізніше.
modules-extra = Додаткові модулі
modules-save-choice = Зберегти вибір
modules-baseline-saved = Дякуємо! Ваші відповіді збережено. Тепер можна починати модулі.
modules-choice-saved = Ваш вибір збережено.
modules-choice-failed = Не вдалося зберегти вибір. Оновіть сторінку і спробуйте ще раз.

page-number = Сторінка { $number } з { $count }
page-number-read = Сторінка { $number } з { $count } · прочитано
page-transcript = Прочитати, що говориться
page-done-module = Завершити модуль
page-read-next = Я прочитав(-ла) сторінку – наступна сторінка
page-previous = Попередня сторінка

result-title = Результат: { $form }
result-heading = Дякуємо за відповіді
result-urgent = Прочитайте це зараз
result-saved = Ваші відповіді на анкету «{ $form }» збережено.
result-shows = Що показують ваші відповіді
result-your-score = Ваш бал:
result-not-diagnosis = Бал – це допоміжний інструмент для вас і ваших лікарів, а не діагноз. Зверніться до нас, якщо вас щось турбує.

measurements-title = Мої вимірювання
measurements-none-asked = Ваша програма не передбачає вимірювань удома.
measurements-fix = Вимірювання треба виправити
measurements-what = Що ви виміряли?
measurements-value = Значення
measurements-save = Зберегти вимірювання
measurements-saved = Вимірювання збережено.
measurements-saved-advice = { $name }: збережено.
measurements-choose-kind = Виберіть, що ви виміряли.
measurements-latest = Останнє вимірювання: { $colour }.
measurements-chart = останні вимірювання зліва (найстаріші) направо (найновіші), від { $low } до { $high }
measurements-chart-table = Числа наведено в таблиці нижче.
measurements-caption = { $name }, спершу найновіші ({ $unit })
measurement-not-a-number = { $name }: введіть число.
measurement-too-precise =
    { $name }: введіть число з не більше ніж { $decimals ->
        [0] нулем знаків
        [one] одним знаком
       *[other] { $decimals } знаками
    } після коми.
measurement-out-of-range = { $name }: значення має бути від { $min } до { $max } { $unit }. Перевірте, чи правильно введено число.
measurement-pressure-order = Верхнє число (систолічний тиск) має бути більшим за нижнє (діастолічний). Перевірте, чи кожне число в правильному полі.
measurement-blood-pressure = Артеріальний тиск
measurements-pressure-upper = Верхнє число (систолічний)
measurements-pressure-lower = Нижнє число (діастолічний)
measurements-pressure-hint = Введіть обидва числа з тонометра, наприклад 130 і 85.
measurements-pressure-both = Введіть і верхнє, і нижнє число з тонометра.
measurement-systolic = Тиск, верхній (систолічний)
measurement-diastolic = Тиск, нижній (діастолічний)
measurement-pulse = Пульс
measurement-spo2 = Насичення киснем (SpO2)
measurement-weight = Вага
measurement-temperature = Температура
measurement-glucose = Цукор у крові
measurement-steps = Кроки
measurement-symptoms = Наскільки вас турбують симптоми сьогодні (0-10)
unit-beats-per-minute = ударів за хвилину
unit-steps = кроків
unit-of-ten = з 10
colour-green = Зелений
colour-yellow = Жовтий
colour-red = Червоний

access-title = Хто бачив мої дані
access-intro = Тут видно, хто переглядав або змінював ваші дані і коли. Кожен медичний працівник, який відкриває ваші дані, реєструється в журналі. Ваші власні відвідини тут не показано.
access-none = Ніхто інший ще не переглядав ваші дані.
access-caption = Доступ до ваших даних, спершу найновіші
access-reason = Обґрунтування: { $reason }
access-complain = Якщо ви вважаєте, що хтось переглядав ваші дані без причини, зверніться до лікарні і попросіть це перевірити.
access-role-clinician = лікар
access-role-coordinator = координатор
access-role-admin = адміністратор
access-role-researcher = дослідник
access-role-author = автор вмісту
access-role-other = інша роль
access-tried = Спроба відкрити
access-read = Перегляд
access-created = Реєстрація
access-changed = Зміна
access-thing-patient = ваші дані
access-thing-care-plan = ваш курс лікування
access-thing-response = ваші відповіді на анкету
access-thing-referral = ваше направлення
access-thing-emergency = екстрений доступ до ваших даних
access-thing-copy = копія всіх ваших даних
access-thing-observation = вимірювання або бал
access-thing-task = ваші завдання
access-thing-other = дані про вас
access-what = { $verb }: { $thing }
access-what-refused = { $verb }: { $thing } – доступ не надано, бо дані належать іншому відділенню

own-title = Мої дані
own-intro = Ви маєте право на копію всього, що ми зберігаємо про вас. Копія містить:
own-has-identity = ім’я, національний ідентифікаційний номер, дату народження і сімейного лікаря
own-has-programs = кожну програму лікування, до якої вас зараховано, зі статусом, вибором і тим, скільки ви прочитали
own-has-answers = усі ваші відповіді на анкети
own-has-measurements = ваші вимірювання та бали за анкетами
own-has-messages = повідомлення між вами та вашою командою лікування, з вкладеннями
own-has-log = хто переглядав або змінював ваші дані і коли
own-print = Показати копію для друку
own-print-how = Сторінку можна надрукувати або зберегти як PDF у браузері («Друк» і «Зберегти як PDF»).
own-download = Завантажити копію як файл (FHIR JSON)
own-download-what = стандартний формат, який можуть читати інші медичні служби і застосунки.
own-careful = Копія містить відомості про здоров’я. Зберігайте її в безпечному місці і не надсилайте звичайною електронною поштою.
own-letters = Листи до вашого сімейного лікаря
own-letters-none = Вашому сімейному лікарю ще не надсилали листів.
own-letters-intro = Це листи про ваше лікування, які відділення надіслало вашому сімейному лікарю. Вони відкриваються у форматі PDF.
own-letter-sent = надіслано { $date }

content-not-translated = Вміст програми ще не перекладено українською, тому його показано норвезькою (букмол).

q-title-default = Анкета
q-original-language = Ця анкета показана мовою оригіналу, доки лікарня не додасть офіційний норвезький переклад.
q-placeholder = У цій анкеті використано тимчасовий текст, написаний проєктом carepath. Лікарня має замінити його ліцензованим текстом.
q-saved = Відповіді збережено. Можна продовжити зараз або пізніше; вони будуть тут, коли ви повернетеся.
q-progress = Поступ у заповненні анкети
q-fix = Деякі відповіді треба виправити
q-required = (обов’язково)
q-other-answer = Інша відповідь
q-choose = Виберіть
q-next = Наступна сторінка
q-send = Надіслати відповіді
q-save-later = Зберегти і продовжити пізніше
q-hint-format = Формат: { $format }
q-hint-slider = Введіть число від { $min } ({ $low }) до { $max } ({ $high }).
q-hint-range = Введіть число від { $min } до { $max }.
q-hint-number = Введіть число.
q-hint-date = Наприклад, 23.11.2026.
q-hint-time = Наприклад, 08:30.
q-hint-datetime = Дата і час.
q-hint-url = Вебадреса, наприклад https://eksempel.no.
q-hint-checkbox = Виберіть усе, що підходить.
q-hint-open-choice = Виберіть один варіант або напишіть власну відповідь.
q-only-if-many = Відповідайте, лише якщо запитання стосується вас з огляду на відповіді вище.
q-only-if = Відповідайте, лише якщо { $conditions }.
q-or = або
q-and = і
q-cond-answered = ви відповіли на «{ $question }»
q-cond-not-answered = ви не відповіли на «{ $question }»
q-cond-not-equal = ви відповіли на «{ $question }» інакше, ніж «{ $answer }»
q-cond-greater = відповідь на «{ $question }» більша за { $answer }
q-cond-less = відповідь на «{ $question }» менша за { $answer }
q-cond-at-least = відповідь на «{ $question }» – { $answer } або більше
q-cond-at-most = відповідь на «{ $question }» – { $answer } або менше
q-cond-equal = ви відповіли «{ $answer }» на «{ $question }»
q-problem-required = Дайте відповідь на це запитання.
q-problem-yes-no = Виберіть «так» або «ні».
q-problem-integer = Введіть ціле число, наприклад 3.
q-problem-number = Введіть число, наприклад 2,5.
q-problem-date = Введіть існуючу дату, наприклад 23.11.2026.
q-problem-time = Введіть час, наприклад 08:30.
q-problem-url = Введіть повну вебадресу, наприклад https://eksempel.no.
q-problem-form = Відповідь має неправильний формат. Перевірте її і спробуйте ще раз.
q-problem-below = Число не може бути меншим за { $min }.
q-problem-above = Число не може бути більшим за { $max }.
q-problem-option = Виберіть один із варіантів.
q-problem-too-long = Відповідь може містити не більше { $max } символів.
q-problem-one-answer = Дайте лише одну відповідь: виберіть варіант або напишіть свою.
q-problem-changed = Анкета змінилася. Оновіть сторінку.
q-change = Під час першого вимірювання бал був { $before }. Зміна становить { $diff }.
q-change-clear = Це явне покращення.
q-no-score = Бал не визначено: забагато запитань без відповіді

print-crumb = Друк
print-heading = Відомості про { $name }
print-made = Копію створено { $date }.
print-you = Ви
list-name-person = Ім’я
print-nin = Національний ідентифікаційний номер
print-born = Дата народження
print-gp = Сімейний лікар
print-programs = Програми лікування
print-no-program = Вас не зараховано до жодної програми.
print-status = Статус
print-enrolled = Зараховано
print-terms = Умови прийнято
print-read = Прочитано
print-pages = { $pages } сторінок ({ $percent } %)
print-chosen = Вибрані додаткові модулі
print-measurements = Вимірювання
print-no-measurements = Ви ще не зареєстрували жодного вимірювання.
print-measurement = Вимірювання
print-none = Немає
print-procedures = Процедури, зареєстровані щодо вас
print-no-procedures = Щодо вас не зареєстровано жодних процедур.
print-procedure = { $what }, { $date } ({ $by })
print-no-entries = Записів немає.
print-not-yet = Ще ні
print-yourself = Ви самі
print-not-registered = Не зареєстровано
access-reason-review = Перевірка екстреного доступу
access-reason-bootstrap = Перший адміністратор, створений командою carepath admin bootstrap
access-reason-emergency = Екстрений доступ: { $reason }
call-unit = Телефонуйте до { $unit }: { $phone }.
call-unit-hours = Телефонуйте до { $unit }: { $phone } ({ $hours }).

messages-title = Повідомлення
link-messages = Повідомлення
link-messages-unread = Повідомлення ({ $count } непрочитаних)
messages-intro = Тут ви листуєтеся з вашою командою лікування в { $unit }. Усі в команді можуть читати й відповідати.
messages-not-urgent = Повідомлення не призначені для термінових питань. Телефонуйте 113, якщо є загроза життю, або в чергову службу (legevakt) за номером 116 117.
messages-empty = Повідомлень ще немає.
messages-thread = Повідомлення, найстаріші спочатку
messages-you = Ви
messages-the-patient = Пацієнт
messages-team-member = { $name }, { $unit }
messages-read = Прочитано
messages-unread = Ще не прочитано
messages-photo = Фото: { $name }
messages-write = Написати повідомлення
messages-answer-time = Ви отримаєте відповідь протягом { $days ->
    [one] одного робочого дня
   *[other] { $days } робочих днів
    }.
messages-text = Ваше повідомлення
messages-files = Вкладення (необов'язково)
messages-files-hint = Фото (JPEG або PNG) і PDF, до 10 МБ кожен, не більше 3. Дані про місцезнаходження видаляються з фото.
messages-send = Надіслати
messages-sent = Повідомлення надіслано.
messages-fix = Повідомлення не надіслано
messages-error-empty = Напишіть повідомлення або додайте файл.
messages-error-long = Повідомлення задовге. Воно може мати не більше 5000 символів.
messages-error-file-large = Файл більший за 10 МБ. Виберіть менший файл або зробіть нове фото з нижчою роздільністю.
messages-error-file-type = Можна додавати лише фото (JPEG або PNG) і документи PDF.
messages-error-file-damaged = Файл пошкоджено, його неможливо прочитати. Спробуйте зберегти його знову.
messages-error-file-many = До одного повідомлення можна додати не більше 3 файлів.
messages-error-closed = Зараз ви не можете надсилати тут повідомлення.
messages-none = Ви не берете участі в програмі з повідомленнями.
messages-off = У цій програмі немає повідомлень. Зателефонуйте нам, якщо маєте запитання.
messages-one-way = Ваша команда лікування надсилає вам тут повідомлення, але ви не можете на них відповідати. Зателефонуйте нам, якщо маєте запитання.
messages-ended = Програму завершено. Ви можете читати повідомлення, але не надсилати нові.
size-kb = { $n } кБ
size-mb = { $n } МБ
nav-patient = Ваші сторінки
print-attachment = Вкладення: { $name }
# A score over time (the overview and the finished patient's page).
score-outside-plan = поза планом
score-at-start = на початку
score-after-days =
    { $count ->
        [one] через { $count } день
        [few] через { $count } дні
       *[other] через { $count } днів
    }
score-after-weeks =
    { $count ->
        [one] через { $count } тиждень
        [few] через { $count } тижні
       *[other] через { $count } тижнів
    }
score-after-months =
    { $count ->
        [one] через { $count } місяць
        [few] через { $count } місяці
       *[other] через { $count } місяців
    }
score-change = { $diff } від першого
home-results = Ваші результати від початку до кінця
home-results-intro = Бали за анкетами, на які ви відповіли, зі змінами від першої відповіді. Ваша команда лікування бачить ті самі цифри.
home-reread = Прочитати модулі ще раз
letter-file-name = lyst-do-likaria

link-appointments = Зустрічі
access-thing-appointment = ваші зустрічі
access-thing-letter = листи вашому сімейному лікарю
my-appointments-title = Мої зустрічі
my-appointments-upcoming = Найближчі зустрічі
my-appointments-none = У вас немає запланованих зустрічей.
my-appointments-place = Місце: { $place }
my-appointments-join = Приєднатися до відеозустрічі
my-appointments-join-hint = Посилання відкриває відеосервіс лікарні. Приєднайтеся за кілька хвилин до початку зустрічі.
my-appointments-past = Минулі та скасовані зустрічі
my-appointments-change = Якщо вам потрібно перенести або скасувати зустріч, надішліть повідомлення своїй команді лікування.
own-has-letters = листи, надіслані вашому сімейному лікарю
own-has-appointments = ваші зустрічі
own-has-procedures = процедури, які підрозділ зареєстрував щодо вас, з відповідями у формі

## Research consent (issue 16)
consent-title = Згода на дослідження
consent-intro = Лікарня досліджує, як діє лікування, щоб зробити його кращим для інших. Ви можете дозволити використовувати ваші відповіді в таких дослідженнях.
consent-what = Використовуються ваші відповіді на анкети, бали та час початку й завершення – без імені, персонального номера, вільного тексту чи точних дат (лише місяць і рік).
consent-who = Бачать це лише дослідники в проєктах, схвалених етичним комітетом (REK), і ніколи – дані груп менше ніж із п'яти осіб.
consent-voluntary = Це добровільно. Ваше лікування буде таким самим, хоч би що ви відповіли.
consent-withdraw = Ви можете будь-коли відкликати згоду тут. Тоді вас не включатимуть у нові вибірки; те, що вже передано проєкту, повернути не можна.
consent-status-none = Ви ще не відповіли.
consent-status-given = Ви дали згоду { $when }.
consent-status-withdrawn = Ви відмовилися або відкликали згоду { $when }.
consent-give-button = Так, я згоден/згодна
consent-decline-button = Ні, дякую
consent-withdraw-button = Відкликати згоду
consent-saved = Вашу відповідь збережено.
consent-conflict = Тим часом відповідь змінили деінде. Перегляньте й дайте відповідь знову.

## Group courses on site (decision 0046)
group-course-title = Курси в лікарні
group-course-intro = Ваша програма також проводиться як курс разом з іншими, у лікарні. Ви можете записатися на курс із вільним місцем і скасувати запис до початку курсу.
group-course-none = Зараз немає курсів із вільними місцями. Зайдіть пізніше.
group-course-free = { $free ->
    [one] { $free } вільне місце
    [few] { $free } вільні місця
   *[other] { $free } вільних місць
}
group-course-you-are-in = Ви записані.
group-course-sign-up = Записатися
group-course-withdraw = Скасувати запис
group-course-after = Після курсу ви отримаєте коротку анкету про ваші враження. Інші учасники не бачать, що ви записалися, доки ви не зустрінетеся.
group-course-signed-up = Ви записані на курс. Ви отримаєте нагадування за день до нього.
group-course-withdrawn = Ваш запис на курс скасовано.
group-course-error-full = Курс заповнився, перш ніж ви встигли записатися. Виберіть інший курс.
group-course-error-already-in = Ви вже записані на цей курс.
group-course-error-closed = Курс уже почався або скасований, запис закрито.
group-course-error-changed = Курс змінився, поки ви переглядали сторінку. Перевірте й спробуйте ще раз.
