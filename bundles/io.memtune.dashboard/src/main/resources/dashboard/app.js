// The memtune dashboard: reads /dashboard/api/overview every two seconds and draws it. No library, no CDN.
'use strict';

const W = 300, H = 80;

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function format(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '-';
  const a = Math.abs(v);
  if (a >= 1e9) return (v / 1e9).toFixed(2) + ' G';
  if (a >= 1e6) return (v / 1e6).toFixed(2) + ' M';
  if (a >= 1e3) return (v / 1e3).toFixed(1) + ' k';
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

function chart(name, points) {
  const box = el('div', {class: 'chart', 'data-series': name});
  const title = el('h3', {}, name.replace(/^memtune\./, ''));
  const last = points.length ? points[points.length - 1][1] : NaN;
  title.appendChild(el('span', {class: 'last'}, format(last)));
  box.appendChild(title);
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', H);
  const line = document.createElementNS(svgNs, 'polyline');
  line.setAttribute('data-points', String(points.length));
  if (points.length) {
    const t0 = points[0][0], t1 = points[points.length - 1][0] || t0 + 1;
    let lo = Math.min(...points.map(p => p[1])), hi = Math.max(...points.map(p => p[1]));
    if (hi === lo) { hi = lo + 1; }
    line.setAttribute('points', points.map(([t, v]) =>
      `${((t - t0) / Math.max(1, t1 - t0) * W).toFixed(1)},${(H - 4 - (v - lo) / (hi - lo) * (H - 8)).toFixed(1)}`).join(' '));
  }
  svg.appendChild(line);
  box.appendChild(svg);
  return box;
}

function rows(id, items, cells, rowClass) {
  const body = document.querySelector(`#${id} tbody`);
  body.replaceChildren();
  for (const item of items) {
    const tr = el('tr', rowClass ? {class: rowClass(item)} : {});
    for (const c of cells(item)) tr.appendChild(el('td', {}, c === undefined || c === null ? '-' : String(c)));
    body.appendChild(tr);
  }
}

async function refresh() {
  try {
    const response = await fetch('/dashboard/api/overview', {cache: 'no-store'});
    const data = await response.json();
    const charts = document.getElementById('charts');
    charts.replaceChildren(...Object.entries(data.series).map(([n, p]) => chart(n, p)));
    rows('alerts', data.alerts, a => [a.rule, a.state.toLowerCase(), a.severity,
      a.resolvedAt || a.firingSince || a.activeSince, a.summary + (a.silenced ? ' (silenced)' : '')],
      a => a.state.toLowerCase());
    rows('executors', data.executors, e => [e.name, `${e.workers}/${e.maxWorkers}`, e.limit, e.active,
      Object.values(e.classes).reduce((n, c) => n + c.queued, 0),
      Object.values(e.classes).reduce((n, c) => n + Object.values(c.rejected).reduce((x, y) => x + y, 0), 0)]);
    rows('pools', data.pools, p => [p.name, p.kind, p.max, p.active, p.idle, p.waiters]);
    rows('templates', data.templates, t => [t.name, t.entries, format(t.estimatedBytes), t.hits, t.misses, t.evictions]);
    rows('profiles', data.profiles, p => [p.id, p.kind, p.time, p.sizeBytes, p.trigger,
      p.summary.length ? p.summary[0].className : '']);
    for (const tr of document.querySelectorAll('#profiles tbody tr')) {
      const cell = tr.firstChild, id = cell.textContent;
      cell.replaceChildren(el('a', {href: '#', 'data-profile': id}, id));
      cell.firstChild.addEventListener('click', e => { e.preventDefault(); download(id); });
    }
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    document.getElementById('updated').textContent = 'cannot reach the container: ' + e;
  }
}

// profile downloads need the admin token: fetched with it, then saved from memory
async function download(id) {
  const r = await fetch('/dashboard/api/profiles/' + encodeURIComponent(id),
    {headers: {'Authorization': 'Bearer ' + document.getElementById('token').value}});
  if (!r.ok) {
    document.getElementById('action').textContent = (await r.json()).detail;
    return;
  }
  const a = el('a', {href: URL.createObjectURL(await r.blob()), download: id});
  a.click();
  URL.revokeObjectURL(a.href);
}

document.getElementById('capture').addEventListener('click', async () => {
  const token = document.getElementById('token').value;
  const r = await fetch('/dashboard/api/actions/profile?kind=histogram',
    {method: 'POST', headers: {'Authorization': 'Bearer ' + token}});
  const body = await r.json();
  document.getElementById('action').textContent = r.ok ? 'stored ' + body.id : body.detail;
  refresh();
});

refresh();
setInterval(refresh, 2000);
