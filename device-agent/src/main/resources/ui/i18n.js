// The touch UI's own words in the device's language (ui.language: ru, kk or en). Labels of channels,
// programmes and settings come from the device profile; these are the rest. Missing: English.
'use strict';
const TEXTS = {
  en: {
    'patient': 'Patient code', 'programme': 'Programme', 'limits': 'Alarm limits',
    'limits.default': 'Device defaults', 'start': 'Start', 'arm': 'Arm for the button',
    'pause': 'Pause', 'resume': 'Resume', 'stop': 'Stop', 'log': 'Alarm log', 'log.csv': 'Export as CSV',
    'log.time': 'Time', 'log.alarm': 'Alarm', 'log.priority': 'Priority', 'log.state': 'State',
    'log.value': 'Value', 'log.message': 'Message',
    'estop': 'EMERGENCY STOP LATCHED', 'estop.help': 'Make the child safe, release the stop button, then reset.',
    'estop.reset': 'Reset emergency stop', 'estop.confirm': 'Confirm reset',
    'sound.pause': 'Pause sound', 'sound.on': 'Sound on', 'sound.paused': 'AUDIO PAUSED {time}',
    'sound.sounding': 'Alarm sounding ({priority} priority)',
    'alarmPause.pause': 'Pause alarms', 'alarmPause.on': 'Alarms on',
    'alarmPause.paused': 'ALARMS PAUSED {time}: medium and low alarms without light or sound here; high alarms still sound; the operator sees all',
    'alarmPause.held': '(paused)',
    'refusal.alarm-pause-high': 'A high-priority alarm is active: alarms cannot be paused.',
    'refusal.alarm-pause-link-lost': 'The operator cannot see this device now: alarms cannot be paused while you are the only watcher.',
    'priority.HIGH': 'high', 'priority.MEDIUM': 'medium', 'priority.LOW': 'low',
    'state.IDLE': 'idle', 'state.RUNNING': 'running', 'state.PAUSED': 'paused',
    'state.COMPLETED': 'completed', 'state.INTERRUPTED': 'interrupted',
    'broker.online': 'online', 'broker.offline': 'offline (recording locally)',
    'broker.silent': 'agent not answering', 'ack': 'Acknowledge', 'acknowledged': '(acknowledged)',
    'armed': 'Armed: press the button on the device to start.',
    'elapsed': 'Elapsed', 'remaining': 'Remaining', 'now': 'now', 'atTarget': 'At the target so far',
    'refusal.patient-code': 'The patient code must be 3 to 32 capital letters, digits or dashes, such as P-7F3A. Never enter a name or a birth date.',
    'refusal.programme': 'This device has no programme "{programme}".',
    'refusal.setting-unknown': 'This programme has no setting "{setting}".',
    'refusal.setting-range': '{setting} must be between {min} and {max}; {given} was entered.',
    'refusal.already-active': 'A session is already {state}.',
    'refusal.estop-start': 'The emergency stop is latched: reset it on the device before starting.',
    'refusal.estop-resume': 'The emergency stop is latched: reset it on the device before resuming.',
    'refusal.sensor-fault': 'Cannot start: a sensor is faulty ({sensors}).',
    'refusal.no-session': 'There is no session to stop.',
    'refusal.nothing-armed': 'Nothing is prepared: choose the patient and the programme on the screen, then press the button.',
    'unit.deg': '°'
  },
  ru: {
    'patient': 'Код пациента', 'programme': 'Программа', 'limits': 'Границы тревог',
    'limits.default': 'Как настроено в аппарате', 'start': 'Начать', 'arm': 'Подготовить к кнопке',
    'pause': 'Пауза', 'resume': 'Продолжить', 'stop': 'Завершить', 'log': 'Журнал тревог', 'log.csv': 'Выгрузить в CSV',
    'log.time': 'Время', 'log.alarm': 'Тревога', 'log.priority': 'Приоритет', 'log.state': 'Состояние',
    'log.value': 'Значение', 'log.message': 'Сообщение',
    'estop': 'НАЖАТА АВАРИЙНАЯ КНОПКА', 'estop.help': 'Обеспечьте безопасность ребёнка, отпустите кнопку, затем сбросьте.',
    'estop.reset': 'Сбросить аварийную остановку', 'estop.confirm': 'Подтвердить сброс',
    'sound.pause': 'Выключить звук', 'sound.on': 'Включить звук', 'sound.paused': 'ЗВУК ВЫКЛЮЧЕН {time}',
    'sound.sounding': 'Звучит тревога ({priority} приоритет)',
    'alarmPause.pause': 'Приостановить тревоги', 'alarmPause.on': 'Включить тревоги',
    'alarmPause.paused': 'ТРЕВОГИ ПРИОСТАНОВЛЕНЫ {time}: средние и низкие тревоги здесь без света и звука; высокие звучат; оператор видит все',
    'alarmPause.held': '(приостановлена)',
    'refusal.alarm-pause-high': 'Активна тревога высокого приоритета: тревоги нельзя приостановить.',
    'refusal.alarm-pause-link-lost': 'Оператор сейчас не видит этот аппарат: тревоги нельзя приостановить, пока вы единственный наблюдатель.',
    'priority.HIGH': 'высокий', 'priority.MEDIUM': 'средний', 'priority.LOW': 'низкий',
    'state.IDLE': 'ожидание', 'state.RUNNING': 'идёт сеанс', 'state.PAUSED': 'пауза',
    'state.COMPLETED': 'завершён', 'state.INTERRUPTED': 'прерван',
    'broker.online': 'на связи', 'broker.offline': 'нет связи (запись на аппарате)',
    'broker.silent': 'аппарат не отвечает', 'ack': 'Принято', 'acknowledged': '(принято)',
    'armed': 'Готово: нажмите кнопку на аппарате, чтобы начать.',
    'elapsed': 'Прошло', 'remaining': 'Осталось', 'now': 'сейчас', 'atTarget': 'На цели',
    'refusal.patient-code': 'Код пациента: от 3 до 32 заглавных латинских букв, цифр или дефисов, например P-7F3A. Не вводите имя и дату рождения.',
    'refusal.programme': 'В этом аппарате нет программы «{programme}».',
    'refusal.setting-unknown': 'В этой программе нет параметра «{setting}».',
    'refusal.setting-range': '{setting}: допустимо от {min} до {max}, введено {given}.',
    'refusal.already-active': 'Сеанс уже идёт.',
    'refusal.estop-start': 'Нажата аварийная кнопка: сбросьте её на аппарате, прежде чем начинать.',
    'refusal.estop-resume': 'Нажата аварийная кнопка: сбросьте её на аппарате, прежде чем продолжать.',
    'refusal.sensor-fault': 'Нельзя начать: неисправен датчик ({sensors}).',
    'refusal.no-session': 'Нет сеанса, который можно завершить.',
    'refusal.nothing-armed': 'Ничего не подготовлено: выберите пациента и программу на экране, затем нажмите кнопку.',
    'unit.deg': '°', 'unit.min': 'мин', 'unit.kg': 'кг', 'unit./min': 'уд/мин', 'unit.rpm': 'об/мин',
    'unit.bar': 'бар', 'unit.W': 'Вт', 'unit.L/min': 'л/мин', 'unit.N·m': 'Н·м', 'unit.count': ''
  },
  kk: {
    'patient': 'Пациент коды', 'programme': 'Бағдарлама', 'limits': 'Дабыл шектері',
    'limits.default': 'Құрылғыдағы баптау', 'start': 'Бастау', 'arm': 'Батырмаға дайындау',
    'pause': 'Үзіліс', 'resume': 'Жалғастыру', 'stop': 'Аяқтау', 'log': 'Дабылдар журналы', 'log.csv': 'CSV-ге шығару',
    'log.time': 'Уақыт', 'log.alarm': 'Дабыл', 'log.priority': 'Басымдық', 'log.state': 'Күйі',
    'log.value': 'Мәні', 'log.message': 'Хабарлама',
    'estop': 'АПАТТЫҚ БАТЫРМА БАСЫЛДЫ', 'estop.help': 'Баланың қауіпсіздігін қамтамасыз етіп, батырманы босатыңыз, содан кейін қалпына келтіріңіз.',
    'estop.reset': 'Апаттық тоқтатуды қалпына келтіру', 'estop.confirm': 'Растау',
    'sound.pause': 'Дыбысты өшіру', 'sound.on': 'Дыбысты қосу', 'sound.paused': 'ДЫБЫС ӨШІРУЛІ {time}',
    'sound.sounding': 'Дабыл естіліп тұр ({priority} басымдық)',
    'alarmPause.pause': 'Дабылдарды тоқтату', 'alarmPause.on': 'Дабылдарды қосу',
    'alarmPause.paused': 'ДАБЫЛДАР ТОҚТАТЫЛДЫ {time}: орташа және төмен дабылдар мұнда жарықсыз және дыбыссыз; жоғары дабылдар естіледі; оператор бәрін көреді',
    'alarmPause.held': '(тоқтатылған)',
    'refusal.alarm-pause-high': 'Жоғары басымдықты дабыл белсенді: дабылдарды тоқтатуға болмайды.',
    'refusal.alarm-pause-link-lost': 'Оператор бұл аппаратты қазір көрмейді: жалғыз бақылаушы болғанда дабылдарды тоқтатуға болмайды.',
    'priority.HIGH': 'жоғары', 'priority.MEDIUM': 'орташа', 'priority.LOW': 'төмен',
    'state.IDLE': 'күту', 'state.RUNNING': 'сеанс жүріп жатыр', 'state.PAUSED': 'үзіліс',
    'state.COMPLETED': 'аяқталды', 'state.INTERRUPTED': 'үзілді',
    'broker.online': 'байланыста', 'broker.offline': 'байланыс жоқ (құрылғыда жазылуда)',
    'broker.silent': 'құрылғы жауап бермейді', 'ack': 'Қабылдандым', 'acknowledged': '(қабылданды)',
    'armed': 'Дайын: бастау үшін құрылғыдағы батырманы басыңыз.',
    'elapsed': 'Өтті', 'remaining': 'Қалды', 'now': 'қазір', 'atTarget': 'Мақсатта',
    'refusal.patient-code': 'Пациент коды: 3-тен 32-ге дейін латынның бас әріптері, сандар немесе сызықшалар, мысалы P-7F3A. Атын және туған күнін енгізбеңіз.',
    'refusal.programme': 'Бұл құрылғыда «{programme}» бағдарламасы жоқ.',
    'refusal.setting-unknown': 'Бұл бағдарламада «{setting}» параметрі жоқ.',
    'refusal.setting-range': '{setting}: {min} мен {max} аралығында болуы керек, {given} енгізілді.',
    'refusal.already-active': 'Сеанс жүріп жатыр.',
    'refusal.estop-start': 'Апаттық батырма басылған: бастамас бұрын оны құрылғыда қалпына келтіріңіз.',
    'refusal.estop-resume': 'Апаттық батырма басылған: жалғастырмас бұрын оны құрылғыда қалпына келтіріңіз.',
    'refusal.sensor-fault': 'Бастау мүмкін емес: датчик ақаулы ({sensors}).',
    'refusal.no-session': 'Аяқтайтын сеанс жоқ.',
    'refusal.nothing-armed': 'Ештеңе дайындалмаған: экраннан пациент пен бағдарламаны таңдап, батырманы басыңыз.',
    'unit.deg': '°', 'unit.min': 'мин', 'unit.kg': 'кг', 'unit./min': 'соқ/мин', 'unit.rpm': 'айн/мин',
    'unit.bar': 'бар', 'unit.W': 'Вт', 'unit.L/min': 'л/мин', 'unit.N·m': 'Н·м', 'unit.count': ''
  }
};

// The text for key in lang, with {name} replaced from args; English if the language lacks it.
function tr(lang, key, args) {
  const text = (TEXTS[lang] && TEXTS[lang][key]) || TEXTS.en[key];
  if (text === undefined) return undefined;
  return text.replace(/\{(\w+)\}/g, (m, name) => (args && args[name] !== undefined ? args[name] : m));
}

// Every element with data-i18n gets its text in lang.
function translatePage(lang) {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const text = tr(lang, element.dataset.i18n);
    if (text !== undefined) element.textContent = text;
  }
}
