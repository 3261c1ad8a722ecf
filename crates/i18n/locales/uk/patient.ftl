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
own-has-log = хто переглядав або змінював ваші дані і коли
own-print = Показати копію для друку
own-print-how = Сторінку можна надрукувати або зберегти як PDF у браузері («Друк» і «Зберегти як PDF»).
own-download = Завантажити копію як файл (FHIR JSON)
own-download-what = стандартний формат, який можуть читати інші медичні служби і застосунки.
own-careful = Копія містить відомості про здоров’я. Зберігайте її в безпечному місці і не надсилайте звичайною електронною поштою.

content-not-translated = Вміст програми ще не перекладено українською, тому його показано норвезькою (букмол).
