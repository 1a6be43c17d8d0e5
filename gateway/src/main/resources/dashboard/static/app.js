// The operator dashboard: fleet, live session charts, alarms, sessions. Plain JS, no build step.
'use strict';
(function () {
  if (document.body.classList.contains('login')) {
    DashboardI18n.apply(document.documentElement.lang); // the gateway's default language
    if (location.search.includes('failed')) document.getElementById('failed').hidden = false;
    return;
  }
  const WINDOW_MS = 60000;
  const devices = new Map();   // id -> DeviceInfo from /api/devices
  const latest = new Map();    // id -> Map(channel -> {v, unit, t})
  let role = 'viewer';
  const alarms = new Map();    // device/alarmId -> AlarmBoard entry
  const charts = new Map();    // channel -> {chart, latestEl}
  let selected = null, chartSession = null, lastSeq = -1, source = null;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const fmt = v => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
  const time = iso => (iso ? new Date(iso).toLocaleTimeString() : '');
  const t = (key, args) => DashboardI18n.t(key, args);
  const kinds = new Map();     // kind -> {label, channels: {name -> {label, unit, decimals}}} (profiles)
  const kindOf = id => (devices.get(id) || {}).kind;
  const kindLabel = kind => (kinds.get(kind) || {}).label || kind;
  const channelOf = (kind, channel) => ((kinds.get(kind) || {}).channels || {})[channel];
  // A channel's label from the device's profile in the operator's language, else its name.
  const channelLabel = (kind, channel) => (channelOf(kind, channel) || {}).label || channel;
  // A value with the profile's decimals in the operator's number format (95, not 95.0).
  const value = (kind, channel, v) => {
    const spec = channelOf(kind, channel);
    if (!spec) return fmt(v);
    const locale = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' }[DashboardI18n.lang];
    return v.toLocaleString(locale, { minimumFractionDigits: spec.decimals, maximumFractionDigits: spec.decimals });
  };

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options));
    if (response.status === 401) { location.href = '/login'; throw new Error('logged out'); }
    if (!response.ok) throw new Error(path + ': ' + response.status);
    return response.json();
  }

  async function loadFleet() {
    for (const d of await api('/api/devices')) devices.set(d.deviceId, d);
    renderFleet();
  }

  function renderFleet() {
    const fleet = document.getElementById('fleet');
    if (!devices.size) return;
    fleet.replaceChildren();
    for (const id of [...devices.keys()].sort()) {
      const d = devices.get(id);
      const tile = el('div', 'device');
      tile.dataset.device = id;
      if (id === selected) tile.classList.add('selected');
      const active = [...alarms.values()].filter(a => a.device === id && a.deviceState !== 'cleared');
      if (active.some(a => a.priority === 'high')) tile.classList.add('alarm-high');
      else if (active.length) tile.classList.add('alarm-medium');
      const head = el('div');
      head.append(el('span', 'name', id + ' '), el('span', 'badge ' + (d.online ? 'online' : 'offline'), d.online ? t('online') : t('offline')));
      tile.append(head, el('div', 'muted', (d.kind ? kindLabel(d.kind) : 'unknown kind') + (d.agentVersion ? ' · agent ' + d.agentVersion : '')));
      tile.append(el('div', 'session', d.currentSessionId ? t('session', { id: d.currentSessionId }) : t('noSession')));
      tile.append(el('div', 'alarms', active.map(a => a.code).join(' ')));
      const values = el('div', 'values');
      for (const [channel, s] of latest.get(id) || []) {
        const line = el('div', 'value', channelLabel(d.kind, channel) + ': ' + value(d.kind, channel, s.v) + ' ' + s.unit);
        line.dataset.channel = channel;
        values.append(line);
      }
      tile.append(values);
      tile.addEventListener('click', () => select(id));
      fleet.append(tile);
    }
  }

  function select(id) {
    selected = id;
    chartSession = null;
    lastSeq = -1;
    charts.clear();
    document.getElementById('charts').replaceChildren();
    document.getElementById('live-device').textContent = id;
    document.getElementById('live-session').textContent = t('live.waiting');
    renderFleet();
    connect();
  }

  function chartFor(channel, unit) {
    let c = charts.get(channel);
    if (!c) {
      const box = el('div', 'chart');
      box.dataset.channel = channel;
      const label = el('div', 'label');
      const latestEl = el('span', 'latest');
      label.append(el('span', null, channelLabel(kindOf(selected), channel) + ' (' + unit + ')'), latestEl);
      const canvas = el('canvas');
      box.append(label, canvas);
      document.getElementById('charts').append(box);
      c = { chart: new StreamChart(canvas, WINDOW_MS), latestEl };
      charts.set(channel, c);
    }
    return c;
  }

  function onSamples(batch) {
    if (batch.device !== selected) return;
    if (batch.session !== chartSession) {
      chartSession = batch.session;
      lastSeq = -1;
      charts.clear();
      document.getElementById('charts').replaceChildren();
      document.getElementById('live-session').textContent = t('live.session', { id: batch.session });
    }
    if (!batch.live) { // a live preview has no seq; the batches after it are not sent here
      if (batch.seq <= lastSeq) return; // delivered again
      lastSeq = batch.seq;
    }
    for (const ch of batch.channels) {
      const c = chartFor(ch.channel, ch.unit);
      c.chart.add(ch.t, ch.v);
      c.latestEl.textContent = value(kindOf(selected), ch.channel, ch.v[ch.v.length - 1]) + ' ' + ch.unit;
    }
  }

  function onLatest(batch) {
    let m = latest.get(batch.device);
    if (!m) latest.set(batch.device, (m = new Map()));
    for (const ch of batch.channels) m.set(ch.channel, { v: ch.v, unit: ch.unit, t: ch.t });
    // An unknown device: ask for the device list, at most every 2 s (the list comes from stored
    // messages, so during a database outage a device can stay unknown for a while).
    if (!devices.has(batch.device) && Date.now() - fleetAskedAt > 2000) {
      fleetAskedAt = Date.now();
      loadFleet();
    } else {
      scheduleFleet();
    }
  }

  let fleetPending = false;
  let fleetAskedAt = 0;
  function scheduleFleet() {
    if (fleetPending) return;
    fleetPending = true;
    setTimeout(() => { fleetPending = false; renderFleet(); }, 250);
  }

  // Alarm sound (docs/alarms.md): the highest priority among alarms active on a device that no
  // operator has acknowledged yet plays the device's burst, once the operator turned sound on
  // (browsers start audio only after a click). The button says which state it is in.
  let soundOn = false;
  const SOUNDLESS = new Set(['AUDIO_PAUSED', 'ALARM_PAUSED']); // a device's inactivation notices
  // The gateway's AUDIO PAUSED (DashboardSoundPause): it decides when the pause ends (its clock);
  // this page only counts the seconds down between its messages.
  let soundPause = { version: -1, paused: false, silenced: [], secondsLeft: 0 }, soundPauseAt = 0;
  let heard = [];              // the alarms this page is sounding now: what a pause may silence

  function pauseLeft() {
    if (!soundPause.paused) return 0;
    return Math.max(0, soundPause.secondsLeft - Math.floor((Date.now() - soundPauseAt) / 1000));
  }

  const clockText = s => Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');

  function updateSound() {
    const rank = { high: 3, medium: 2, low: 1 };
    const silenced = new Set(soundPause.paused ? soundPause.silenced : []);
    let top = null;
    heard = [];
    for (const a of alarms.values()) {
      // A latched alarm keeps sounding after its condition ended, until an operator has seen it.
      if ((a.deviceState === 'cleared' && !a.latched) || a.operatorAckBy || SOUNDLESS.has(a.code)) continue;
      if (silenced.has(a.device + '/' + a.alarmId)) continue;
      if (soundOn) heard.push(a.device + '/' + a.alarmId);
      if (!top || rank[a.priority] > rank[top]) top = a.priority;
    }
    const button = document.getElementById('sound-toggle');
    button.dataset.sounding = soundOn && top ? top : '';
    button.textContent = !soundOn ? t('sound.off')
      : top ? t('sound.sounding', { priority: top })
      : soundPause.paused ? t('sound.paused', { time: clockText(pauseLeft()) }) : t('sound.on');
    button.className = !soundOn ? 'sound-off' : soundPause.paused && !top ? 'sound-paused' : 'sound-on';
    AlarmSignals.play(soundOn ? top : null);
    renderSoundPause(soundOn && top !== null);
  }

  function renderSoundPause(sounding) {
    const state = document.getElementById('sound-pause-state');
    state.textContent = soundPause.paused
      ? t('pause.state', { time: clockText(pauseLeft()), n: soundPause.silenced.length, who: soundPause.by })
      : '';
    state.className = soundPause.paused ? 'paused' : '';
    const mayPause = role !== 'viewer';
    document.getElementById('audio-pause').hidden = !mayPause || soundPause.paused || !sounding;
    document.getElementById('audio-resume').hidden = !mayPause || !soundPause.paused;
  }

  // States come from the live stream and from answers to requests, in any order: the newest wins.
  function onSoundPause(state) {
    if (state.version < soundPause.version) return;
    soundPause = state;
    soundPauseAt = Date.now();
    updateSound();
  }

  // Asked again when the stream reconnects, and when the countdown here reaches 0: a missed end
  // must never leave this desk silent.
  async function reloadSoundPause() {
    onSoundPause(await api('/api/alarms/audio-pause'));
  }

  async function pauseSound(path) {
    onSoundPause(await api(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ alarms: heard })
    }));
  }

  function toggleSound() {
    soundOn = !soundOn;
    if (soundOn) AlarmSignals.unlock();
    updateSound();
  }

  function renderAlarms() {
    const body = document.querySelector('#alarms tbody');
    body.replaceChildren();
    const order = { high: 0, medium: 1, low: 2 };
    const list = [...alarms.values()].sort((a, b) =>
      (a.deviceState === 'cleared') - (b.deviceState === 'cleared') ||
      order[a.priority] - order[b.priority] || (a.updatedAt < b.updatedAt ? 1 : -1));
    for (const a of list) {
      const tr = el('tr', 'priority-' + a.priority + (a.deviceState === 'cleared' ? ' cleared' : ''));
      tr.dataset.alarm = a.alarmId;
      tr.dataset.device = a.device;
      const value = a.value == null ? '' : fmt(a.value) + (a.limit == null ? '' : ' (limit ' + fmt(a.limit) + ')');
      tr.append(el('td', null, a.priority), el('td', null, a.device), el('td', null, a.code + ' · ' + a.message),
        el('td', null, value), el('td', 'device-state', a.deviceState), el('td', null, time(a.raisedAt)));
      const ack = el('td', 'operator-ack');
      if (a.operatorAckBy) {
        ack.textContent = t('seenBy', { who: a.operatorAckBy, when: time(a.operatorAckAt) });
      } else if (role === 'viewer') {
        ack.append(el('span', 'view-only muted', t('viewOnly')));
      } else {
        const button = el('button', 'ack', t('ack'));
        button.addEventListener('click', () => acknowledge(a));
        ack.append(button);
      }
      tr.append(ack);
      body.append(tr);
    }
    updateSound();
  }

  async function acknowledge(a) {
    const entry = await api('/api/alarms/ack?device=' + encodeURIComponent(a.device) + '&alarm=' + encodeURIComponent(a.alarmId), { method: 'POST' });
    alarms.set(entry.device + '/' + entry.alarmId, entry);
    renderAlarms();
  }

  async function reloadAlarms() {
    for (const a of await api('/api/alarms')) alarms.set(a.device + '/' + a.alarmId, a);
    renderAlarms();
  }

  async function loadSessions() {
    const [sessions, dead] = await Promise.all([api('/api/sessions'), api('/api/dead-letters')]);
    const deadByDevice = new Map();
    for (const d of dead) {
      const device = (d.topic || '').split('/')[3] || '?';
      deadByDevice.set(device, (deadByDevice.get(device) || 0) + 1);
    }
    document.getElementById('dead-letters').textContent =
      dead.length ? dead.length + ' recent dead letter(s): ' + dead[0].reason : 'No dead letters.';
    const body = document.querySelector('#sessions tbody');
    body.replaceChildren();
    for (const s of sessions) {
      const complete = s.expected >= 0 && s.received === s.expected;
      const tr = el('tr', s.expected >= 0 && !complete ? 'incomplete' : '');
      tr.dataset.session = s.sessionId;
      const gaps = s.gaps.map(g => (g[0] === g[1] ? g[0] : g[0] + '-' + g[1])).join(', ');
      const lost = s.lost > 0
        ? t('session.lost', { n: s.lost, detail: s.lostNotes.map(n => t('session.lostNote',
          { seqs: n.seqs, when: new Date(n.evictedAt).toLocaleString(), reason: n.reason })).join('; ') })
        : '';
      const refused = s.deadLettered > 0
        ? t('session.refused', { n: s.deadLettered, reasons: s.deadLetterReasons.join('; ') })
        : '';
      tr.append(el('td', null, s.device), el('td', null, s.sessionId),
        el('td', 'received', s.received + ' / ' + (s.expected >= 0 ? s.expected : t('session.running'))),
        el('td', null, String(s.missing)),
        el('td', 'gaps', [gaps, lost, refused].filter(x => x).join('; ')),
        el('td', null, String(deadByDevice.get(s.device) || 0)),
        el('td', 'state', s.expected < 0 ? t('session.running')
          : complete ? (s.reportedIncomplete ? t('session.repaired') : t('session.complete'))
          : t('session.incomplete', { pct: (100 * s.received / Math.max(1, s.expected)).toFixed(1) })
            + (s.lost + s.deadLettered > 0 ? ' ' + t('session.settled') : '')));
      body.append(tr);
    }
  }

  function connect() {
    if (source) source.close();
    source = new EventSource('/api/live' + (selected ? '?device=' + encodeURIComponent(selected) : ''));
    const badge = document.getElementById('connection');
    source.onopen = () => {
      badge.textContent = t('stream.live'); badge.className = 'badge online';
      reloadSoundPause().catch(() => {}); // the pause's end may have come while the stream was down
    };
    source.onerror = () => { badge.textContent = t('stream.reconnecting'); badge.className = 'badge offline'; };
    source.addEventListener('latest', e => onLatest(JSON.parse(e.data)));
    source.addEventListener('samples', e => onSamples(JSON.parse(e.data)));
    source.addEventListener('alarm', e => {
      const a = JSON.parse(e.data);
      alarms.set(a.device + '/' + a.alarmId, a);
      renderAlarms();
      scheduleFleet();
    });
    source.addEventListener('device', () => loadFleet());
    source.addEventListener('soundPause', e => onSoundPause(JSON.parse(e.data)));
    source.addEventListener('overflow', e => {
      badge.textContent = 'missed ' + JSON.parse(e.data).missed + ' live updates';
      reloadAlarms(); // an alarm change may have been among them: never leave one unshown
      reloadSoundPause().catch(() => {});
    });
  }

  function frame() {
    for (const c of charts.values()) c.chart.draw();
    requestAnimationFrame(frame);
  }

  async function loadAudit() {
    // Fetch first, then swap the rows: the table never stands empty while a refresh is under way.
    const entries = await api('/api/audit');
    const rows = entries.map(e => {
      const tr = el('tr');
      tr.append(el('td', null, time(e.at)), el('td', 'actor', e.actor), el('td', 'action', e.action),
        el('td', 'target', e.target || ''), el('td', null, e.address || ''), el('td', 'outcome', e.outcome));
      return tr;
    });
    document.querySelector('#audit tbody').replaceChildren(...rows);
  }

  async function start() {
    document.getElementById('sound-toggle').addEventListener('click', toggleSound);
    document.getElementById('audio-pause').addEventListener('click', () => pauseSound('/api/alarms/audio-pause'));
    document.getElementById('audio-resume').addEventListener('click', () => pauseSound('/api/alarms/audio-resume'));
    const me = await api('/api/me');
    role = me.role;
    DashboardI18n.apply(me.language);
    for (const k of await api('/api/profiles')) kinds.set(k.kind, k);
    document.getElementById('operator').textContent = t('role.' + role) + ' ' + me.operator;
    if (role === 'admin') {
      document.getElementById('audit-section').hidden = false;
      document.getElementById('audit-refresh').addEventListener('click', loadAudit);
      loadAudit();
    }
    await reloadAlarms();
    await reloadSoundPause();
    await loadFleet();
    connect();
    setInterval(() => {
      if (!soundPause.paused) return;
      if (pauseLeft() === 0) {
        // Over by this page's count: sound first, then ask the gateway (which may be unreachable).
        soundPause = Object.assign({}, soundPause, { paused: false, silenced: [] });
        updateSound();
        reloadSoundPause().catch(() => {});
      } else {
        updateSound();
      }
    }, 1000);
    loadSessions();
    setInterval(loadSessions, 3000);
    setInterval(loadFleet, 5000);
    requestAnimationFrame(frame);
  }
  start();
})();
