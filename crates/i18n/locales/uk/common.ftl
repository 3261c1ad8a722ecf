site-tagline = carepath – відкрита платформа для цифрових програм лікування
skip-to-content = Перейти до змісту
nav-account = Обліковий запис
sign-out = Вийти
sign-out-everywhere = Вийти на всіх пристроях
demo-banner = Демоверсія з вигаданими пацієнтами. Не вводьте справжні відомості про здоров’я.
language-choice = Мова
form-errors-heading = Дещо треба виправити

error-code = Код помилки { $code }
error-home = На головну сторінку
error-not-found-heading = Сторінку не знайдено
error-not-found-text = Перевірте адресу або поверніться на головну сторінку.
error-forbidden-heading = У вас немає доступу
error-forbidden-text = Роль, з якою ви увійшли, не дає доступу до цієї сторінки.
error-csrf-heading = Форму не вдалося надіслати
error-csrf-text = Сторінка була застарілою, або ви тим часом увійшли знову. Поверніться, оновіть сторінку і спробуйте ще раз.
error-too-many-heading = Забагато спроб
error-too-many-text = Звідси було багато спроб за короткий час. Зачекайте трохи і спробуйте ще раз.
error-bad-request-heading = Із запитом щось не так
error-form-too-large = Форма завелика.
error-conflict-heading = Хтось інший змінив це одночасно з вами
error-conflict-text = Нічого не втрачено. Оновіть сторінку і спробуйте ще раз.
error-gone-heading = Не вдалося знайти те, що ви шукали
error-gone-text = Можливо, його перенесли або видалили.
error-internal-heading = У нас щось пішло не так
error-internal-text = Спробуйте ще раз трохи згодом. Якщо звертатиметеся до нас, назвіть код помилки { $incident }.
error-unavailable-heading = Сервіс тимчасово недоступний
error-unavailable-text = Зараз ми не можемо нічого зберегти чи отримати. Спробуйте ще раз трохи згодом.

sign-in-title = Вхід
sign-in-button = Увійти
sign-in-failed = Вхід не виконано
sign-in-demo-heading = Демовхід
sign-in-demo-intro = Це демоверсія. Ви входите лише з іменем користувача – у справжній установці пацієнти входять через BankID (ID-porten), а медичні працівники – через HelseID.
sign-in-username = Ім’я користувача
sign-in-password = Пароль
sign-in-demo-users = Демокористувачі
sign-in-demo-patient1 = новий, ще не пройшов опитування
sign-in-demo-patient2 = заповнив початкову анкету і читає модуль 1
sign-in-demo-patient3 = три місяці в програмі, вибрав додаткові модулі
sign-in-demo-patient4 = завершив курс
sign-in-demo-patient5 = 17 років, чекає на рішення про виняток
sign-in-demo-units = відділення 1; { $second } – відділення 2
sign-in-demo-admin = адміністратор: перевірка екстреного доступу
sign-in-demo-others = ролі, які ще не мають власних сторінок
sign-in-not-configured = Вхід через ID-porten (BankID) і HelseID у цій установці ще не налаштовано. Зверніться до тих, хто обслуговує сервіс.
sign-in-staff-password = Працівник без HelseID або учасник курсу? Увійдіть з іменем користувача і паролем
sign-in-participant-note = Учасники курсів використовують свою електронну адресу як ім’я користувача. Ще не маєте облікового запису учасника або забули пароль?
sign-in-staff-note = Після цього ви введете одноразовий код із застосунку автентифікації. Якщо ви забули пароль, попросіть адміністратора надіслати нове посилання.
sign-in-unknown-demo-user = Ми не знайшли демокористувача з таким іменем.
sign-in-password-set = Пароль встановлено. Увійдіть з новим паролем.
sign-in-wrong-password = Неправильне ім’я користувача або пароль. Після п’яти невдалих спроб обліковий запис блокується на 15 хвилин.
sign-in-too-slow = Вхід тривав надто довго. Почніть спочатку.
sign-in-provider-down = Служба входу зараз не відповідає. Спробуйте ще раз трохи згодом.
sign-in-cancelled = Вхід скасовано. Ви можете спробувати ще раз.
sign-in-stale = Вхід не вдалося завершити – можливо, сторінка була застарілою або її відкрили двічі. Почніть вхід спочатку.
sign-in-level-substantial = Ви увійшли зі значним рівнем безпеки (наприклад, MinID). Оскільки сервіс містить відомості про здоров’я, потрібен високий рівень безпеки. Увійдіть знову через BankID, Buypass або Commfides.
sign-in-no-referral = Ми не знаходимо для вас направлення. Ви отримаєте доступ, коли лікарня зареєструє направлення від вашого лікаря. Зверніться до сімейного лікаря або до поліклініки, якщо вважаєте, що це помилка.
sign-in-level-staff = Рівень безпеки входу був занизьким. Медичні працівники мають входити з рівнем безпеки 4.
sign-in-no-staff-account = Ваш номер HPR не пов’язаний з користувачем у carepath. Попросіть адміністратора відділення про доступ.

otp-title = Одноразовий код
otp-setup-heading = Налаштуйте одноразові коди
otp-enter-heading = Введіть одноразовий код
otp-setup-intro = Вашому обліковому запису потрібен другий фактор. Відкрийте застосунок автентифікації (наприклад, Microsoft Authenticator або Google Authenticator), виберіть додавання облікового запису з ключем і введіть цей ключ:
otp-setup-link-before = На телефоні із застосунком можна натомість відкрити
otp-setup-link = це посилання
otp-setup-confirm = Потім введіть код, який показує застосунок, щоб підтвердити.
otp-enter-intro = Відкрийте застосунок автентифікації і введіть код, який він показує для carepath.
otp-recovery-hint = Втратили телефон? Введіть один із резервних кодів (10 цифр), які ви отримали від адміністратора.
otp-code = Код (6 цифр)
otp-wrong = Код неправильний або вже використаний. Введіть код, який застосунок показує зараз.
otp-setup-failed = Не вдалося налаштувати одноразовий код. Спробуйте ще раз.
otp-check-failed = Не вдалося перевірити одноразовий код. Спробуйте ще раз.

password-title = Новий пароль
password-heading = Встановіть новий пароль
password-intro = Для користувача { $username }. Пароль має містити щонайменше { $min } символів; речення з кількох слів легко запам’ятати і важко вгадати. Усі входи на інших пристроях буде завершено.
password-new = Новий пароль
password-repeat = Повторіть пароль
password-save = Зберегти пароль
password-link-used = Посилання для встановлення пароля вже використане або застаріле. Попросіть адміністратора про нове.
password-too-short = Пароль має містити щонайменше { $min } символів. Речення з кількох слів легко запам’ятати.
password-too-long = Пароль може містити не більше { $max } символів.
password-has-username = Пароль не може містити ім’я користувача.
password-not-same = Паролі не збігаються.
password-not-saved = Не вдалося зберегти пароль.

account-title = Ваш обліковий запис
account-roles =
    { $count ->
        [one] Ви увійшли з роллю:
       *[other] Ви увійшли з ролями:
    }
account-no-pages = Сторінки для авторів вмісту ще не створено. Поки що програми імпортують командою carepath import.

role-patient = Пацієнт
role-clinician = Лікар
role-coordinator = Координатор
role-author = Автор вмісту
role-researcher = Дослідник
role-admin = Адміністратор
role-course-owner = Власник курсу
role-course-committee = Комітет курсу
role-organiser = Місцевий організатор курсу
role-participant = Учасник курсу

answer-yes = Так
answer-no = Ні
go-on = Далі
breadcrumbs = Навігаційний ланцюжок
form-missing-heading = Дечого бракує
table-when = Коли
table-who = Хто
table-what = Що
date-at-time = { $date } о { $time }

status-invited = Запрошено
status-awaiting-exception = Чекає на рішення про виняток
status-active = Активна
status-paused = Призупинено
status-ineligible = Не підходить
status-finished = Завершено
status-withdrawn = Припинено
error-form-unreadable = Не вдалося прочитати форму. Оновіть сторінку і надішліть форму ще раз.

appointment-kind-video = Відеоконсультація
appointment-kind-group = Групове заняття по відео
appointment-kind-group-course = Груповий курс у лікарні
appointment-kind-on-site = Візит до лікарні
appointment-status-booked = Заплановано
appointment-status-fulfilled = Відбулося
appointment-status-cancelled = Скасовано
appointment-when = { $at } ({ $minutes } хв)
code-error-unknown = Виберіть код зі списку.

# Professions of course participants, and regions (a health region or a county).
profession-doctor = Лікар
profession-nurse = Медсестра / медбрат
profession-physiotherapist = Фізіотерапевт
profession-occupational-therapist = Ерготерапевт
profession-dietitian = Клінічний дієтолог
profession-health-secretary = Медичний секретар
profession-other = Інший медичний працівник
region-helse-sor-ost = Helse Sør-Øst
region-helse-vest = Helse Vest
region-helse-midt-norge = Helse Midt-Norge
region-helse-nord = Helse Nord
region-03 = Oslo
region-11 = Rogaland
region-15 = Møre og Romsdal
region-18 = Nordland
region-31 = Østfold
region-32 = Akershus
region-33 = Buskerud
region-34 = Innlandet
region-39 = Vestfold
region-40 = Telemark
region-42 = Agder
region-46 = Vestland
region-50 = Trøndelag
region-55 = Troms
region-56 = Finnmark

## Public pages (decision 0047)
public-front-title = Цифрові програми лікування
public-front-intro = Тут ви знайдете цифрові програми лікування, які пропонує лікарня: що це, для кого вони і як отримати направлення. Якщо ви вже берете участь у програмі, увійдіть.
public-sign-in = Увійти
public-none = Поки що жодна програма не використовується.
public-place-since = Працює з { $date }.
public-place-planned = Починається { $date }.
public-place-planned-undated = Незабаром почнеться.
public-place-paused = Зараз не приймає нових пацієнтів.
public-place-contact = Контакт для медичних працівників: { $contact }
public-phone = Телефон { $phone }
public-phone-hours = Телефон { $phone } ({ $hours })
public-courses-title = Курси для медичних працівників
public-courses-intro = Ми також проводимо курси для лікарів, медсестер та інших медичних працівників.
public-courses-link = Переглянути курси
public-visits = Ми рахуємо, скільки людей відвідує кожну сторінку за день. Ми не зберігаємо, хто ви, чи вашу IP-адресу, і ці сторінки не встановлюють файлів cookie.
public-who-title = Для кого ця програма
public-who = Для людей віком від { $age } років.
public-who-exception = Якщо вам { $from } або { $to } років, лікар вирішить, чи можете ви взяти участь.
public-months = { $months ->
    [one] Програма триває { $months } місяць.
    [few] Програма триває { $months } місяці.
   *[other] Програма триває { $months } місяців.
}
public-referral-title = Як отримати направлення
public-referral = Вас направляє ваш сімейний лікар або інший лікар. Записатися самостійно не можна. Коли направлення розглянуть, вам повідомлять, як увійти й почати.
public-places-title = Де можна пройти програму
public-read-more = Докладніше
public-referrers-title = Для сімейних лікарів та інших, хто направляє
public-not-translated = Ця сторінка доступна лише норвезькою (букмол).
public-enquiry-intro = Ви медичний працівник і маєте запитання про програму?
public-enquiry-link = Надішліть нам запитання
enquiry-title = Запитання від медичних працівників
enquiry-intro = Тут лікарі, медсестри та інші медичні працівники можуть поставити запитання про програму. Відділення відповість вам електронною поштою або телефоном.
enquiry-no-patients = Не пишіть імена, ідентифікаційні номери чи інші відомості про пацієнтів. Якщо запитання стосується конкретного пацієнта, надішліть направлення або зателефонуйте нам.
enquiry-unit = Хто має отримати запитання?
enquiry-name = Ваше ім'я
enquiry-profession = Професія (наприклад, сімейний лікар)
enquiry-workplace = Місце роботи (необов'язково)
enquiry-contact = Електронна пошта або номер телефону
enquiry-contact-hint = Куди ми можемо вам відповісти.
enquiry-message = Ваше запитання
enquiry-send = Надіслати запитання
enquiry-sent = Дякуємо! Запитання надіслано, і ми відповімо якнайшвидше.
enquiry-back = Назад до програми
enquiry-problem-name = Напишіть своє ім'я (не більше 200 символів).
enquiry-problem-profession = Напишіть свою професію (не більше 200 символів).
enquiry-problem-workplace = Місце роботи може мати не більше 200 символів.
enquiry-problem-contact = Напишіть адресу електронної пошти або номер телефону для відповіді.
enquiry-problem-message = Напишіть своє запитання (від 10 до 2000 символів).
