// The dashboard's own words in Russian, Kazakh and English; the language is the operator account's
// (dashboard.operators[].language), else the gateway's (records.language). Missing: English.
'use strict';
const DASHBOARD_TEXTS = {
  en: {
    'fleet': 'Fleet', 'fleet.none': 'No device has reported yet.', 'live': 'Live session',
    'live.choose': '(choose a device)', 'live.waiting': 'waiting for samples…', 'live.session': 'session {id}',
    'alarms': 'Alarms', 'alarmLogCsv': 'Alarm log (CSV)', 'sessions': 'Sessions', 'audit': 'Audit log', 'refresh': 'Refresh',
    'records': 'Records', 'patient': 'Patient code', 'language': 'Language', 'language.mine': "my account's",
    'open': 'Open', 'logout': 'Log out',
    'col.priority': 'Priority', 'col.device': 'Device', 'col.alarm': 'Alarm', 'col.value': 'Value',
    'col.onDevice': 'On the device', 'col.raised': 'Raised', 'col.operator': 'Operator',
    'col.session': 'Session', 'col.received': 'Received / expected', 'col.missing': 'Missing',
    'col.gaps': 'Gaps', 'col.deadFromDevice': 'Dead letters from device', 'col.state': 'State',
    'col.when': 'When', 'col.who': 'Who', 'col.action': 'Action', 'col.target': 'Target',
    'col.from': 'From', 'col.outcome': 'Outcome',
    'online': 'online', 'offline': 'offline', 'noSession': 'no session', 'session': 'session {id}',
    'role.viewer': 'viewer', 'role.operator': 'operator', 'role.admin': 'operator',
    'ack': 'Acknowledge', 'viewOnly': 'view only', 'seenBy': 'seen by {who} {when}',
    'session.running': 'running', 'session.complete': 'complete (100 %)',
    'session.repaired': 'complete (100 %), repaired: missing records were sent again',
    'session.incomplete': 'incomplete ({pct} %)',
    'session.settled': '– some records will not arrive (see Gaps)',
    'session.refused': '{n} refused by the gateway (dead letters): {reasons}',
    'session.lost': '{n} lost on the device: {detail}',
    'session.lostNote': '{seqs}, deleted from its journal {when} ({reason})',
    'stream.live': 'live', 'stream.reconnecting': 'reconnecting…',
    'sound.off': 'Alarm sound is off: turn on', 'sound.on': 'Alarm sound on',
    'sound.sounding': 'Alarm sound on: {priority} priority sounding',
    'sound.paused': 'AUDIO PAUSED {time}',
    'pause.button': 'Pause sound', 'pause.resume': 'Sound on',
    'pause.state': 'AUDIO PAUSED {time} by {who}. Silenced at the desk: {n}. A new alarm sounds at once.',
    'coursePdf': 'Course report (PDF)', 'parentPdf': 'Parent summary (PDF)', 'metric': 'Metric', 'view': 'View', 'sessionPdf': 'Session report with charts (PDF)', 'min': 'min', 'olderOmitted': 'Older sessions are not shown: this child has more than one answer holds.',
    'login.title': 'Operator dashboard', 'login.user': 'User', 'login.password': 'Password',
    'login.submit': 'Log in', 'login.failed': 'Wrong user or password, or too many attempts: wait five minutes.'
  },
  ru: {
    'fleet': 'Аппараты', 'fleet.none': 'Ни один аппарат ещё не выходил на связь.', 'live': 'Текущий сеанс',
    'live.choose': '(выберите аппарат)', 'live.waiting': 'ожидание данных…', 'live.session': 'сеанс {id}',
    'alarms': 'Тревоги', 'alarmLogCsv': 'Журнал тревог (CSV)', 'sessions': 'Сеансы', 'audit': 'Журнал действий', 'refresh': 'Обновить',
    'records': 'Записи пациентов', 'patient': 'Код пациента', 'language': 'Язык', 'language.mine': 'как в учётной записи',
    'open': 'Открыть', 'logout': 'Выйти',
    'col.priority': 'Приоритет', 'col.device': 'Аппарат', 'col.alarm': 'Тревога', 'col.value': 'Значение',
    'col.onDevice': 'На аппарате', 'col.raised': 'Поднята', 'col.operator': 'Оператор',
    'col.session': 'Сеанс', 'col.received': 'Получено / ожидалось', 'col.missing': 'Нет',
    'col.gaps': 'Пропуски', 'col.deadFromDevice': 'Отклонено от аппарата', 'col.state': 'Состояние',
    'col.when': 'Когда', 'col.who': 'Кто', 'col.action': 'Действие', 'col.target': 'Объект',
    'col.from': 'Откуда', 'col.outcome': 'Итог',
    'online': 'на связи', 'offline': 'нет связи', 'noSession': 'нет сеанса', 'session': 'сеанс {id}',
    'role.viewer': 'наблюдатель', 'role.operator': 'оператор', 'role.admin': 'оператор',
    'ack': 'Принято', 'viewOnly': 'только просмотр', 'seenBy': 'принял {who} {when}',
    'session.running': 'идёт', 'session.complete': 'полные (100 %)',
    'session.repaired': 'полные (100 %), восстановлены: аппарат повторно отправил недостающие записи',
    'session.incomplete': 'неполные ({pct} %)',
    'session.settled': '– часть записей не придёт (см. «Пропуски»)',
    'session.refused': 'отклонено сервером: {n} (сохранены отдельно): {reasons}',
    'session.lost': 'потеряно на аппарате: {n}: {detail}',
    'session.lostNote': '{seqs}, удалены из журнала {when} ({reason})',
    'stream.live': 'в эфире', 'stream.reconnecting': 'переподключение…',
    'sound.off': 'Звук тревог выключен: включить', 'sound.on': 'Звук тревог включён',
    'sound.sounding': 'Звук тревог включён: звучит {priority} приоритет',
    'sound.paused': 'ЗВУК ВЫКЛЮЧЕН {time}',
    'pause.button': 'Выключить звук', 'pause.resume': 'Включить звук',
    'pause.state': 'ЗВУК ВЫКЛЮЧЕН {time}, выключил {who}. Без звука на посту: {n}. Новая тревога прозвучит сразу.',
    'coursePdf': 'Отчёт за курс (PDF)', 'parentPdf': 'Для родителей (PDF)', 'metric': 'Показатель', 'view': 'Открыть', 'sessionPdf': 'Отчёт о сеансе с графиками (PDF)', 'min': 'мин', 'olderOmitted': 'Более ранние сеансы не показаны: у ребёнка их больше, чем помещается в один ответ.',
    'login.title': 'Панель оператора', 'login.user': 'Пользователь', 'login.password': 'Пароль',
    'login.submit': 'Войти', 'login.failed': 'Неверное имя или пароль, или слишком много попыток: подождите пять минут.'
  },
  kk: {
    'fleet': 'Құрылғылар', 'fleet.none': 'Әзірге бірде-бір құрылғы байланысқа шықпады.', 'live': 'Ағымдағы сеанс',
    'live.choose': '(құрылғыны таңдаңыз)', 'live.waiting': 'деректер күтілуде…', 'live.session': 'сеанс {id}',
    'alarms': 'Дабылдар', 'alarmLogCsv': 'Дабылдар журналы (CSV)', 'sessions': 'Сеанстар', 'audit': 'Әрекеттер журналы', 'refresh': 'Жаңарту',
    'records': 'Пациенттер жазбалары', 'patient': 'Пациент коды', 'language': 'Тіл', 'language.mine': 'тіркелгідегідей',
    'open': 'Ашу', 'logout': 'Шығу',
    'col.priority': 'Басымдық', 'col.device': 'Құрылғы', 'col.alarm': 'Дабыл', 'col.value': 'Мәні',
    'col.onDevice': 'Құрылғыда', 'col.raised': 'Көтерілді', 'col.operator': 'Оператор',
    'col.session': 'Сеанс', 'col.received': 'Алынды / күтілді', 'col.missing': 'Жоқ',
    'col.gaps': 'Олқылықтар', 'col.deadFromDevice': 'Құрылғыдан қабылданбағандар', 'col.state': 'Күйі',
    'col.when': 'Қашан', 'col.who': 'Кім', 'col.action': 'Әрекет', 'col.target': 'Нысан',
    'col.from': 'Қайдан', 'col.outcome': 'Нәтиже',
    'online': 'байланыста', 'offline': 'байланыс жоқ', 'noSession': 'сеанс жоқ', 'session': 'сеанс {id}',
    'role.viewer': 'бақылаушы', 'role.operator': 'оператор', 'role.admin': 'оператор',
    'ack': 'Қабылдадым', 'viewOnly': 'тек қарау', 'seenBy': '{who} қабылдады {when}',
    'session.running': 'жүріп жатыр', 'session.complete': 'толық (100 %)',
    'session.repaired': 'толық (100 %), қалпына келтірілді: құрылғы жетіспеген жазбаларды қайта жіберді',
    'session.incomplete': 'толық емес ({pct} %)',
    'session.settled': '– кейбір жазбалар келмейді («Олқылықтар» қараңыз)',
    'session.refused': 'сервер қабылдамады: {n} (бөлек сақталды): {reasons}',
    'session.lost': 'құрылғыда жоғалды: {n}: {detail}',
    'session.lostNote': '{seqs}, журналдан өшірілді {when} ({reason})',
    'stream.live': 'тікелей', 'stream.reconnecting': 'қайта қосылуда…',
    'sound.off': 'Дабыл дыбысы өшірулі: қосу', 'sound.on': 'Дабыл дыбысы қосулы',
    'sound.sounding': 'Дабыл дыбысы қосулы: {priority} басымдық естіліп тұр',
    'sound.paused': 'ДЫБЫС ӨШІРУЛІ {time}',
    'pause.button': 'Дыбысты өшіру', 'pause.resume': 'Дыбысты қосу',
    'pause.state': 'ДЫБЫС ӨШІРУЛІ {time}, өшірген {who}. Постта дыбыссыз: {n}. Жаңа дабыл бірден естіледі.',
    'coursePdf': 'Курс есебі (PDF)', 'parentPdf': 'Ата-аналарға (PDF)', 'metric': 'Көрсеткіш', 'view': 'Ашу', 'sessionPdf': 'Графиктері бар сеанс есебі (PDF)', 'min': 'мин', 'olderOmitted': 'Ертерек сеанстар көрсетілмеген: баланың сеанстары бір жауапқа сыятыннан көп.',
    'login.title': 'Оператор тақтасы', 'login.user': 'Пайдаланушы', 'login.password': 'Құпиясөз',
    'login.submit': 'Кіру', 'login.failed': 'Аты немесе құпиясөзі қате, не әрекет тым көп: бес минут күтіңіз.'
  }
};

const DashboardI18n = {
  lang: 'en',
  t(key, args) {
    const text = (DASHBOARD_TEXTS[this.lang] && DASHBOARD_TEXTS[this.lang][key]) || DASHBOARD_TEXTS.en[key] || key;
    return text.replace(/\{(\w+)\}/g, (m, name) => (args && args[name] !== undefined ? args[name] : m));
  },
  apply(lang) {
    this.lang = DASHBOARD_TEXTS[lang] ? lang : 'en';
    document.documentElement.lang = this.lang;
    for (const element of document.querySelectorAll('[data-i18n]')) {
      element.textContent = this.t(element.dataset.i18n);
    }
  }
};
