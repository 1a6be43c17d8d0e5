// The device's touch UI: one event stream of the agent's status, and commands over the control API.
'use strict';
let profile = null;
let status = null;

const $ = (id) => document.getElementById(id);

// The UI's words in the device's language (i18n.js), English where a text is missing.
function t(key, args) {
  const text = tr((profile && profile.language) || 'ru', key, args);
  return text === undefined ? key : text;
}

// A unit as the device's language writes it ('deg' is '°').
function unit(name) {
  const text = tr((profile && profile.language) || 'ru', 'unit.' + name);
  return text === undefined ? name : text;
}

function currentProgramme() {
  const name = (status && status.session && status.session.programme) || $('programme').value;
  return profile.programmes.find((p) => p.name === name);
}

// A refusal as a sentence in the device's language; the agent's English words otherwise.
function refusal(answer, httpStatus) {
  const args = Object.assign({}, answer.args || {});
  const programme = currentProgramme();
  if (args.setting && programme && programme.settings[args.setting]) {
    args.setting = label(programme.settings[args.setting].labels, args.setting);
  }
  if (args.state) args.state = t('state.' + args.state.toUpperCase());
  const text = answer.code ? tr(profile.language || 'ru', 'refusal.' + answer.code, args) : undefined;
  return text || answer.error || ('Error ' + httpStatus);
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body || {})
  });
  const answer = await response.json().catch(() => ({}));
  $('message').textContent = response.ok ? '' : refusal(answer, response.status);
  return response.ok;
}

function number(value, decimals) {
  if (value === null || value === undefined) return '–';
  const digits = decimals === undefined ? (Math.abs(value) >= 100 ? 0 : 1) : decimals;
  // The device's language formats numbers (a decimal comma in Russian and Kazakh).
  return new Intl.NumberFormat(profile.language || 'ru',
    {minimumFractionDigits: digits, maximumFractionDigits: digits}).format(value);
}

// A channel's or preset's label in the device's language (profile labels: ru, kk, en).
function labelOf(labels, fallback) {
  return label(labels, fallback);
}

function label(labels, fallback) {
  const byLanguage = labels && labels.byLanguage;
  return (byLanguage && (byLanguage[profile.language] || byLanguage.en)) || fallback;
}

function renderSettings() {
  const programme = profile.programmes.find((p) => p.name === $('programme').value);
  const box = $('settings');
  box.innerHTML = '';
  for (const [name, setting] of Object.entries(programme ? programme.settings : {})) {
    const label = document.createElement('label');
    // "Target tilt, °": the profile's label in the device's language, with the unit.
    label.textContent = labelOf(setting.labels, name) + (setting.unit ? ', ' + unit(setting.unit) : '') + ' ';
    const input = document.createElement('input');
    input.type = 'number'; input.value = setting.defaultValue; input.min = setting.min; input.max = setting.max;
    input.dataset.setting = name; input.dataset.testid = 'setting-' + name;
    label.appendChild(input);
    box.appendChild(label);
  }
}

function sessionBody() {
  const settings = {};
  for (const input of document.querySelectorAll('[data-setting]')) settings[input.dataset.setting] = Number(input.value);
  const limitPreset = $('limit-preset').value || null;
  return {patientCode: $('patient').value.trim(), programme: $('programme').value, settings, limitPreset, reason: 'therapist'};
}

function render() {
  if (!status) return;
  $('device').textContent = status.deviceId + ' · ' + label(profile.labels, status.kind);
  $('state').textContent = t('state.' + status.state);
  $('state').className = 'badge' + (status.state === 'RUNNING' ? ' ok' : status.state === 'PAUSED' ? ' warn' : '');
  $('broker').textContent = status.brokerConnected ? t('broker.online') : t('broker.offline');
  $('broker').className = 'badge' + (status.brokerConnected ? ' ok' : ' warn');

  $('estop').classList.toggle('hidden', !status.estopLatched);
  $('start').disabled = status.estopLatched; // the agent refuses it too; this says so before the tap

  renderSound();
  renderAlarmPause();

  const alarms = $('alarms');
  alarms.innerHTML = '';
  for (const alarm of status.alarms) {
    if (alarm.spec.code === 'ESTOP') continue; // shown as the latched banner
    if (alarm.spec.code === 'AUDIO_PAUSED') continue; // shown in the sound bar
    if (alarm.spec.code === 'ALARM_PAUSED') continue; // shown in the alarm pause bar
    // ALARM PAUSED holds back the flashing of medium and low alarms; they stay listed, marked.
    const held = status.alarmPausedSeconds > 0 && alarm.spec.priority !== 'HIGH';
    const row = document.createElement('div');
    row.className = 'alarm ' + alarm.spec.priority.toLowerCase() + (alarm.state === 'ACKNOWLEDGED' ? ' acknowledged' : '')
      + (held ? ' held' : '');
    row.dataset.testid = 'alarm-' + alarm.spec.code;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = alarm.spec.message + (alarm.state === 'ACKNOWLEDGED' ? ' ' + t('acknowledged') : '')
      + (held ? ' ' + t('alarmPause.held') : '');
    row.appendChild(text);
    if (alarm.state !== 'ACKNOWLEDGED') {
      const ack = document.createElement('button');
      ack.className = 'ack'; ack.textContent = t('ack'); ack.dataset.testid = 'ack-' + alarm.spec.code;
      ack.onclick = () => post('/api/alarms/ack', {alarmId: alarm.alarmId});
      row.appendChild(ack);
    }
    alarms.appendChild(row);
  }

  const live = $('live');
  for (const channel of profile.channels) {
    let tile = document.querySelector('[data-testid="live-' + channel.name + '"]');
    if (!tile) {
      tile = document.createElement('div');
      tile.className = 'tile'; tile.dataset.testid = 'live-' + channel.name;
      tile.innerHTML = '<div class="name"></div><div class="value"></div><div class="unit"></div>';
      tile.querySelector('.name').textContent = label(channel.labels, channel.name);
      tile.querySelector('.unit').textContent = unit(channel.unit);
      live.appendChild(tile);
    }
    const value = status.live[channel.name];
    tile.querySelector('.value').textContent = value ? number(value.value, channel.decimals) : '–';
  }

  const active = status.state === 'RUNNING' || status.state === 'PAUSED';
  renderProgress(active);
  $('start-form').classList.toggle('hidden', active);
  $('running-controls').classList.toggle('hidden', !active);
  $('pause').classList.toggle('hidden', status.state !== 'RUNNING');
  $('resume').classList.toggle('hidden', status.state !== 'PAUSED');
}

// Programme settings that are targets for a channel: the therapist sees the target against now.
const TARGETS = {targetTiltDeg: 'tiltDeg', waterTempC: 'bathTempC', steamTempC: 'steamTempC', cadenceRpm: 'cadenceRpm'};
const TIME_AT_TARGET = ['timeAtTargetTiltMin', 'timeAtPrescribedMin'];

function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

// While a session runs: elapsed and remaining time, each target against the live value, and the
// time at the target so far (the agent's own summary metric).
function renderProgress(active) {
  const box = $('progress');
  box.classList.toggle('hidden', !active || !status.session);
  if (!active || !status.session) return;
  const session = status.session;
  const programme = currentProgramme();
  const rows = [];
  const elapsed = (Date.now() - Date.parse(session.startedAt)) / 1000;
  const planned = session.settings.durationMin || session.settings.standingMin;
  rows.push(['elapsed', t('elapsed'), clock(elapsed)]);
  if (planned) rows.push(['remaining', t('remaining'), clock(planned * 60 - elapsed)]);
  for (const [setting, channelName] of Object.entries(TARGETS)) {
    if (session.settings[setting] === undefined) continue;
    const spec = programme && programme.settings[setting];
    const channel = profile.channels.find((c) => c.name === channelName);
    const decimals = spec ? spec.decimals : 1;
    const u = spec && spec.unit ? (unit(spec.unit) === '°' ? '°' : ' ' + unit(spec.unit)) : '';
    const live = status.live[channelName];
    const now = live ? number(live.value, channel ? channel.decimals : decimals) + u : '–';
    rows.push(['target-' + setting, spec ? label(spec.labels, setting) : setting,
      number(session.settings[setting], decimals) + u + ' · ' + t('now') + ' ' + now]);
  }
  for (const metric of TIME_AT_TARGET) {
    const minutes = session.metrics && session.metrics[metric];
    if (minutes !== undefined) rows.push(['at-target', t('atTarget'), clock(minutes * 60)]);
  }
  box.replaceChildren(...rows.map(([id, name, value]) => {
    const row = document.createElement('div');
    row.className = 'row'; row.dataset.testid = 'progress-' + id;
    const n = document.createElement('span'); n.className = 'name'; n.textContent = name;
    const v = document.createElement('span'); v.className = 'value'; v.textContent = value;
    row.append(n, v);
    return row;
  }));
}

function renderAlarmPause() {
  const left = status.alarmPausedSeconds;
  const paused = left > 0;
  $('alarm-pause-bar').classList.toggle('paused', paused);
  $('alarm-pause-state').textContent = paused
    ? t('alarmPause.paused', {time: Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0')})
    : '';
  $('alarm-pause').classList.toggle('hidden', paused);
  $('alarm-resume').classList.toggle('hidden', !paused);
}

function renderSound() {
  const paused = status.audioPausedSeconds > 0;
  $('sound').className = 'sound' + (!status.sounding && !paused ? ' hidden' : '') + (paused ? ' paused' : '');
  const left = status.audioPausedSeconds;
  $('sound-state').textContent = paused
    ? t('sound.paused', {time: Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0')})
    : status.sounding ? t('sound.sounding', {priority: t('priority.' + status.sounding)}) : '';
  $('audio-pause').classList.toggle('hidden', paused);
  $('audio-resume').classList.toggle('hidden', !paused);
  $('sound').dataset.sounding = status.sounding || '';
  AlarmSignals.play(status.sounding);
}

async function loadAlarmLog() {
  const entries = await (await fetch('/api/alarm-log')).json();
  const rows = entries.slice(0, 50).map(e => {
    const tr = document.createElement('tr');
    for (const text of [new Date(e.at).toLocaleTimeString(), e.code, e.priority, e.state,
      e.value == null ? '' : String(e.value), e.message]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.appendChild(td);
    }
    return tr;
  });
  $('alarm-log-rows').replaceChildren(...rows);
}

async function init() {
  profile = await (await fetch('/api/profile')).json();
  document.documentElement.lang = profile.language || 'ru';
  translatePage(profile.language || 'ru');
  for (const programme of profile.programmes) {
    const option = document.createElement('option');
    option.value = programme.name; option.textContent = label(programme.labels, programme.name);
    $('programme').appendChild(option);
  }
  for (const preset of (profile.patientLimits || {presets: []}).presets) {
    const option = document.createElement('option');
    const limits = Object.entries(preset.limits).map(([code, value]) => code + ' ' + number(value, 0)).join(', ');
    option.value = preset.name; option.textContent = label(preset.label, preset.name) + ' (' + limits + ')';
    $('limit-preset').appendChild(option);
  }
  $('limit-preset').parentElement.classList.toggle('hidden', $('limit-preset').options.length === 1);
  $('programme').onchange = renderSettings;
  renderSettings();
  $('start').onclick = () => post('/api/session/start', sessionBody());
  $('arm').onclick = async () => { if (await post('/api/session/arm', sessionBody())) $('message').textContent = t('armed'); };
  $('pause').onclick = () => post('/api/session/pause', {reason: 'therapist'});
  $('resume').onclick = () => post('/api/session/resume', {reason: 'therapist'});
  $('stop').onclick = () => post('/api/session/stop', {reason: 'therapist'});
  $('estop-reset').onclick = () => { $('estop-confirm').classList.remove('hidden'); };
  $('estop-confirm').onclick = async () => { $('estop-confirm').classList.add('hidden'); await post('/api/estop/reset'); };

  $('audio-pause').onclick = () => post('/api/alarms/audio-pause', {reason: 'touch UI'});
  $('audio-resume').onclick = () => post('/api/alarms/audio-resume', {});
  $('alarm-pause').onclick = () => post('/api/alarms/alarm-pause', {reason: 'touch UI'});
  $('alarm-resume').onclick = () => post('/api/alarms/alarm-resume', {});
  document.addEventListener('pointerdown', AlarmSignals.unlock, {once: true}); // browsers want a gesture
  $('alarm-log').addEventListener('toggle', () => { if ($('alarm-log').open) loadAlarmLog(); });

  const events = new EventSource('/api/events');
  events.onmessage = (event) => { status = JSON.parse(event.data); render(); };
  events.onerror = () => { $('broker').textContent = t('broker.silent'); };
}

init();
