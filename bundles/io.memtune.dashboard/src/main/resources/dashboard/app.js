// The memtune dashboard: reads /dashboard/api/overview every two seconds and the costlier views (template memory,
// recommendations) every fifteen, and draws them. Admin actions send the token typed on the page. No CDN.
'use strict';

const FAST_MILLIS = 2000, SLOW_MILLIS = 15000;
let windowMillis = 600000;
let lastOverview = null;

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function bytes(b) {
  if (b === null || b === undefined || b < 0 || Number.isNaN(b)) return '–';
  if (b < 1024) return b + ' B';
  if (b < 1024 * 1024) return (b / 1024).toFixed(1) + ' KB';
  return (b / 1024 / 1024).toFixed(2) + ' MB';
}

function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString();
}

function lasted(fromIso, toIso) {
  if (!fromIso || !toIso) return '–';
  const s = Math.round((new Date(toIso) - new Date(fromIso)) / 1000);
  return s < 120 ? s + ' s' : Math.round(s / 60) + ' min';
}

function metricValue(v) {
  return typeof v === 'number' ? Chart.number(v) : '–';
}

/** Fills a table body; `cells` gives each row's cells (text, or {text, cls} / a DOM node). */
function rows(id, items, cells, rowClass, empty) {
  const body = document.querySelector(`#${id} tbody`);
  body.replaceChildren();
  if (!items.length) {
    const tr = el('tr');
    tr.appendChild(el('td', {class: 'empty', colspan: document.querySelectorAll(`#${id} thead th`).length}, empty || 'none'));
    body.appendChild(tr);
    return;
  }
  for (const item of items) {
    const tr = el('tr', rowClass ? {class: rowClass(item)} : {});
    for (const c of cells(item)) {
      if (c instanceof Node) {
        const td = el('td');
        td.appendChild(c);
        tr.appendChild(td);
      } else if (c !== null && typeof c === 'object') {
        tr.appendChild(el('td', {class: c.cls || ''}, c.text === undefined || c.text === null ? '–' : String(c.text)));
      } else {
        tr.appendChild(el('td', {}, c === undefined || c === null ? '–' : String(c)));
      }
    }
    body.appendChild(tr);
  }
}

const num = text => ({text, cls: 'num'});

function drawCharts() {
  if (!lastOverview) return;
  const now = Date.now();
  const byId = Object.fromEntries(lastOverview.charts.map(c => [c.id, c]));
  document.getElementById('jvm-charts').replaceChildren(
    ...['heap', 'gc', 'allocation', 'threads'].filter(id => byId[id]).map(id => Chart.draw(byId[id], now, windowMillis)));
  document.getElementById('render-charts').replaceChildren(
    ...['renders', 'latency'].filter(id => byId[id]).map(id => Chart.draw(byId[id], now, windowMillis)));
}

function button(label, onClick) {
  const b = el('button', {type: 'button'}, label);
  b.addEventListener('click', onClick);
  return b;
}

function drawOverview(data) {
  lastOverview = data;
  drawCharts();
  rows('alerts', data.alerts, a => [a.rule, a.state.toLowerCase(), a.severity, when(a.firingSince || a.activeSince),
    num(metricValue(a.value)), a.summary + (a.silenced ? ' (silenced)' : '')], a => a.state.toLowerCase(),
    'no alert pending or firing');
  rows('alert-history', data.alertHistory, a => [a.rule, a.severity, when(a.firingSince || a.activeSince),
    when(a.resolvedAt), num(lasted(a.firingSince || a.activeSince, a.resolvedAt)), a.summary],
    null, 'no alert resolved yet');
  const inForce = new Set(data.tuner.inForce);
  const offered = new Set();
  rows('tuner-history', data.tuner.history, c => {
    const r = c.recommendation;
    // the newest change of an id still in force can be rolled back (the history is newest first)
    const canRollBack = inForce.has(r.id) && !offered.has(r.id);
    offered.add(r.id);
    return [when(c.time), r.id, r.setting, `${r.current} → ${r.proposed}`, c.outcome,
      r.verifyMetric ? `${r.verifyMetric}: ${metricValue(c.before)} → ${metricValue(c.after)}` : '–',
      canRollBack ? button('Roll back', () => act('tuner/rollback?id=' + encodeURIComponent(r.id), 'rolled back ' + r.id)) : '–'];
  }, null, 'no change made yet');
  rows('executors', data.executors, e => [e.name, num(`${e.workers}/${e.maxWorkers}`), num(e.limit), num(e.active),
    num(Object.values(e.classes).reduce((n, c) => n + c.queued, 0)),
    num(Object.values(e.classes).reduce((n, c) => n + Object.values(c.rejected).reduce((x, y) => x + y, 0), 0))]);
  rows('pools', data.pools, p => [p.name, p.kind, num(p.max), num(p.active), num(p.idle), num(p.waiters)]);
  rows('templates', data.templates, t => [t.name, num(t.entries), num(bytes(t.estimatedBytes)), num(bytes(t.maxBytes)),
    num(t.hits), num(t.misses), num(t.evictions)]);
  rows('profiles', data.profiles, p => {
    const link = el('a', {href: '#', 'data-profile': p.id}, p.id);
    link.addEventListener('click', e => { e.preventDefault(); download(p.id); });
    return [link, p.kind.toLowerCase().replace('_', ' '), when(p.time), num(bytes(p.sizeBytes)), p.trigger,
      p.summary.length ? p.summary[0].className : '–'];
  }, null, 'no profile stored');
}

function drawMemory(m) {
  document.getElementById('memory-title').textContent = `Template memory by tenant (largest ${m.top})`;
  const r = m.report;
  const summary = document.getElementById('memory-summary');
  if (r) {
    const saved = r.baselineBytes - r.optimizedBytes;
    summary.textContent = `${r.templates} compiled templates: Mustache.java would keep ${bytes(r.baselineBytes)}, `
      + `the optimizer keeps ${bytes(r.optimizedBytes)}, saving ${bytes(saved)}`
      + (r.baselineBytes > 0 ? ` (${(saved / r.baselineBytes * 100).toFixed(0)} %)` : '')
      + `; the source text alone is ${bytes(r.sourceBytes)}. Savings by step: `
      + r.savings.filter(s => s.saved > 0).map(s => `${s.step} ${bytes(s.saved)}`).join(', ') + '.';
  } else {
    summary.textContent = 'Estimates of the template service (' + m.source + ').';
  }
  const widest = Math.max(1, ...m.tenants.map(t => Math.max(t.baselineBytes, t.optimizedBytes)));
  rows('memory', m.tenants, t => {
    const bar = el('div', {class: 'bar', title: `kept ${bytes(t.optimizedBytes)}, saved ${bytes(t.savedBytes)}`});
    bar.appendChild(el('span', {class: 'kept', style: `width:${t.optimizedBytes / widest * 100}%`}));
    if (t.savedBytes > 0) bar.appendChild(el('span', {class: 'saved', style: `width:${t.savedBytes / widest * 100}%`}));
    const pct = t.savedBytes >= 0 && t.baselineBytes > 0 ? ` (${(t.savedBytes / t.baselineBytes * 100).toFixed(0)} %)` : '';
    return [t.tenant, num(t.templates), num(bytes(t.sourceBytes)), num(bytes(t.baselineBytes)), num(bytes(t.optimizedBytes)),
      num(t.savedBytes < 0 ? 'not known' : bytes(t.savedBytes) + pct), bar];
  }, null, 'no template compiled yet');
}

function drawRecommendations(list) {
  rows('recommendations', list, r => [r.id, r.setting, `${r.current} → ${r.proposed}`, `${r.rationale}; expected: ${r.expectedEffect}`,
    num((r.confidence * 100).toFixed(0) + ' %'),
    r.kind === 'LIVE_CONFIGURATION' ? button('Apply', () => act('tuner/apply?id=' + encodeURIComponent(r.id), 'applied ' + r.id))
      : 'next start (memtune:tune --jvm-options)'], null, 'no recommendation: nothing measured asks for a change');
}

async function get(view) {
  const response = await fetch('/dashboard/api/' + view, {cache: 'no-store'});
  if (!response.ok) throw new Error(view + ': ' + response.status);
  return response.json();
}

async function refresh() {
  try {
    drawOverview(await get('overview'));
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    document.getElementById('updated').textContent = 'cannot reach the container: ' + e.message;
  }
}

async function refreshSlow() {
  try {
    drawMemory(await get('memory'));
    drawRecommendations(await get('recommendations'));
  } catch (e) {
    document.getElementById('updated').textContent = 'cannot reach the container: ' + e.message;
  }
}

function say(text, ok) {
  const action = document.getElementById('action');
  action.textContent = text;
  action.className = ok ? 'ok' : 'error';
}

function authorization() {
  return {'Authorization': 'Bearer ' + document.getElementById('token').value};
}

/**
 * An admin action: POST with the token; the JSON error's detail shown when refused. A change to the HTTP service's
 * own settings restarts it while it answers: then the page says so and looks again a few seconds later.
 */
async function act(path, done) {
  let body = {};
  try {
    const r = await fetch('/dashboard/api/actions/' + path, {method: 'POST', headers: authorization()});
    body = await r.json();
    say(r.ok ? done : `${r.status}: ${body.detail}`, r.ok);
  } catch (e) {
    say('sent, but the container did not answer (a change to its HTTP settings restarts them): see the changes below', false);
    setTimeout(() => { refresh(); refreshSlow(); }, 3000);
  }
  refresh();
  refreshSlow();
  return body;
}

// profile downloads need the admin token: fetched with it, then saved from memory
async function download(id) {
  const r = await fetch('/dashboard/api/profiles/' + encodeURIComponent(id), {headers: authorization()});
  if (!r.ok) {
    say(`${r.status}: ${(await r.json()).detail}`, false);
    return;
  }
  const a = el('a', {href: URL.createObjectURL(await r.blob()), download: id});
  a.click();
  URL.revokeObjectURL(a.href);
  say('downloaded ' + id, true);
}

document.getElementById('capture').addEventListener('click', async () => {
  const body = await act('profile?kind=histogram', 'captured');
  if (body.id) say('stored ' + body.id, true);
});

for (const b of document.querySelectorAll('header .window button')) {
  b.addEventListener('click', () => {
    windowMillis = Number(b.dataset.window) * 1000;
    document.querySelectorAll('header .window button').forEach(x => x.classList.toggle('chosen', x === b));
    drawCharts();
  });
}

refresh();
refreshSlow();
setInterval(refresh, FAST_MILLIS);
setInterval(refreshSlow, SLOW_MILLIS);
