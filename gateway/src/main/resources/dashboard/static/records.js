// The clinic's records on the dashboard: a child's courses, a trend chart per metric, and the
// PDF reports (session, course progress, parent summary) in the chosen language. Plain JS.
'use strict';
(function () {
  const form = document.getElementById('records-form');
  if (!form) return;
  const status = document.getElementById('records-status');
  const host = document.getElementById('courses');
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const lang = () => document.getElementById('records-lang').value;
  const withLang = url => (lang() ? url + '&lang=' + lang() : url);
  const locale = () => ({ ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' }[lang()] || undefined);
  const day = iso => new Date(iso).toLocaleDateString(locale());
  const number = (v, d) => v.toLocaleString(locale(), { minimumFractionDigits: d, maximumFractionDigits: d });
  let me = { role: 'viewer' };

  async function get(path) {
    const response = await fetch(path, { credentials: 'same-origin' });
    if (response.status === 401) { location.href = '/login'; throw new Error('logged out'); }
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text();
    if (!response.ok) throw new Error(typeof body === 'string' ? body : (body.error || body.title || response.status));
    return body;
  }

  async function patients() {
    try {
      const list = document.getElementById('patients');
      list.replaceChildren(...(await get('/api/records/patients')).map(code => { const o = el('option'); o.value = code; return o; }));
    } catch (e) { status.textContent = e.message; }
  }

  // A trend as SVG: sessions along x, the metric up y, the previous course's mean dashed.
  function trendChart(trend) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 640 180');
    svg.setAttribute('role', 'img');
    const values = trend.points.map(p => p[1]);
    if (trend.previousCourseMean !== null) values.push(trend.previousCourseMean);
    let lo = Math.min(...values), hi = Math.max(...values);
    if (hi - lo < 1) { lo -= 1; hi += 1; }
    const n = Math.max(2, trend.points[trend.points.length - 1][0]);
    const x = s => 50 + (s - 1) / (n - 1) * 570;
    const y = v => 160 - (v - lo) / (hi - lo) * 140;
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('class', 'line');
    line.setAttribute('points', trend.points.map(p => x(p[0]) + ',' + y(p[1])).join(' '));
    svg.append(line);
    for (const p of trend.points) {
      const dot = document.createElementNS(ns, 'circle');
      dot.setAttribute('cx', x(p[0])); dot.setAttribute('cy', y(p[1])); dot.setAttribute('r', 3);
      svg.append(dot);
    }
    if (trend.previousCourseMean !== null) {
      const prev = document.createElementNS(ns, 'line');
      prev.setAttribute('class', 'line previous');
      prev.setAttribute('x1', 50); prev.setAttribute('x2', 620);
      prev.setAttribute('y1', y(trend.previousCourseMean)); prev.setAttribute('y2', y(trend.previousCourseMean));
      svg.append(prev);
    }
    for (const [v, at] of [[hi, 24], [lo, 164]]) {
      const t = document.createElementNS(ns, 'text');
      t.setAttribute('x', 0); t.setAttribute('y', at);
      t.textContent = number(v, trend.decimals) + ' ' + trend.unit;
      svg.append(t);
    }
    const title = document.createElementNS(ns, 'title');
    title.textContent = trend.label + ': ' + trend.points.map(p => number(p[1], trend.decimals)).join(', ');
    svg.prepend(title);
    svg.dataset.points = String(trend.points.length);
    return svg;
  }

  function renderCourse(patient, course) {
    const box = el('div', 'course');
    box.id = 'course-' + course.number;
    const end = course.closedAt || course.sessions[course.sessions.length - 1]?.startedAt || course.openedAt;
    box.append(el('h3', null, '#' + course.number + ' · ' + day(course.openedAt) + ' – ' + day(end) + ' · '
      + course.sessionsDone + (course.prescribedSessions ? ' / ' + course.prescribedSessions : '')));
    const links = el('div', 'links');
    const base = '?patient=' + encodeURIComponent(patient) + '&course=' + course.number;
    for (const [cls, path, text] of [['course-pdf', '/api/records/course.pdf', DashboardI18n.t('coursePdf')],
                                     ['parent-pdf', '/api/records/parent.pdf', DashboardI18n.t('parentPdf')],
                                     ['course-fhir', '/api/records/course.fhir.json', 'FHIR R4 (JSON)']]) {
      const a = el('a', cls, text);
      a.href = withLang(path + base);
      links.append(a);
    }
    box.append(links);
    if (course.olderSessionsOmitted) box.append(el('p', 'older-omitted', DashboardI18n.t('olderOmitted')));
    if (course.trends.length) {
      const pick = el('select', 'metric');
      pick.setAttribute('aria-label', DashboardI18n.t('metric'));
      // A metric such as the duration may come from several device kinds: one option each.
      const kinds = new Set(course.trends.map(t => t.kind));
      course.trends.forEach((t, i) => {
        const o = el('option', null, t.label + (t.unit ? ', ' + t.unit : '') + (kinds.size > 1 ? ' · ' + t.kind : ''));
        o.value = String(i);
        pick.append(o);
      });
      const preferred = Math.max(0, course.trends.findIndex(t => t.metric !== 'durationMin'));
      pick.value = String(preferred);
      const chart = el('div', 'trend');
      const draw = () => chart.replaceChildren(trendChart(course.trends[Number(pick.value)]));
      pick.addEventListener('change', draw);
      draw();
      box.append(pick, chart);
    }
    const table = el('table', 'course-sessions');
    const body = el('tbody');
    for (const s of course.sessions) {
      const row = el('tr', s.complete ? '' : 'incomplete');
      const query = '?device=' + encodeURIComponent(s.deviceId) + '&session=' + encodeURIComponent(s.sessionId);
      const view = el('button', 'session-view', DashboardI18n.t('view'));
      view.type = 'button';
      view.setAttribute('aria-label', DashboardI18n.t('view') + ' ' + s.sessionId);
      view.addEventListener('click', () => showSession(query, s.sessionId));
      const link = el('a', 'session-pdf', s.sessionId);
      link.href = withLang('/api/records/session.pdf' + query);
      const cell = el('td'); cell.append(view, ' ', link);
      row.append(el('td', null, day(s.startedAt)), el('td', null, s.kind + ' · ' + s.programme),
        el('td', null, s.durationMin === null ? '' : number(s.durationMin, 0) + ' ' + DashboardI18n.t('min')),
        el('td', null, String(s.alarms)), cell);
      body.append(row);
    }
    table.append(body);
    box.append(table);
    return box;
  }

  // The session report's words as HTML (the PDF adds the charts), from /api/records/session.
  let shown = 0; // the latest "View": an older answer arriving late is dropped
  const panel = document.getElementById('session-sheet');
  function hideSession() { shown++; panel.hidden = true; panel.replaceChildren(); }

  async function showSession(query, sessionId) {
    const mine = ++shown;
    try {
      const sheet = await get(withLang('/api/records/session' + query));
      if (mine !== shown) return;
      const parts = [el('h3', null, sheet.title + ' ' + sessionId)];
      for (const section of sheet.sections) {
        if (section.heading) parts.push(el('h4', null, section.heading));
        const list = el('dl', 'sheet-' + section.key);
        for (const pair of section.pairs) list.append(el('dt', null, pair.label), el('dd', null, pair.value));
        parts.push(list);
      }
      parts.push(el('h4', null, DashboardI18n.t('alarms')));
      for (const note of sheet.alarmNotes) parts.push(el('p', 'sheet-note', note));
      if (sheet.alarms.length) {
        const table = el('table', 'sheet-alarms');
        const head = el('tr');
        for (const column of sheet.alarmColumns) head.append(el('th', null, column));
        const thead = el('thead'); thead.append(head);
        const tbody = el('tbody');
        for (const row of sheet.alarms) {
          const tr = el('tr');
          for (const cell of row) tr.append(el('td', null, cell));
          tbody.append(tr);
        }
        table.append(thead, tbody);
        parts.push(table);
      }
      const pdf = el('a', 'sheet-pdf', DashboardI18n.t('sessionPdf'));
      pdf.href = withLang('/api/records/session.pdf' + query);
      parts.push(pdf);
      panel.replaceChildren(...parts);
      panel.hidden = false;
      panel.focus();
    } catch (e) {
      status.textContent = e.message;
    }
  }

  async function open(event) {
    if (event) event.preventDefault();
    const patient = document.getElementById('patient').value.trim();
    if (!patient) return;
    hideSession(); // the previous child's session report never stays under another child
    status.textContent = '…';
    try {
      const courses = await get(withLang('/api/records/courses?patient=' + encodeURIComponent(patient)));
      host.replaceChildren(...courses.slice().reverse().map(c => renderCourse(patient, c)));
      status.textContent = courses.length ? patient + ': ' + courses.length : patient + ': —';
    } catch (e) {
      host.replaceChildren();
      status.textContent = e.message;
    }
  }

  form.addEventListener('submit', open);
  document.getElementById('records-lang').addEventListener('change', () => open());
  fetch('/api/me', { credentials: 'same-origin' }).then(r => (r.ok ? r.json() : me)).then(m => { me = m; patients(); });
})();
