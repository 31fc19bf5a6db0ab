// Line charts in SVG with a value axis (ticks in the chart's unit, named) and a time axis (clock times over the
// chosen window). No library: a few dozen lines do what the page needs, and the container serves everything itself.
'use strict';

const Chart = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 560, H = 220, LEFT = 58, RIGHT = 14, TOP = 10, BOTTOM = 40;
  const PALETTE = ['#e63946', '#1d3557', '#2a9d8f', '#f4a261', '#6a4c93', '#457b9d', '#8d99ae'];
  const OTHER = '#9a9a9a';

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** A step of 1, 2, 2.5 or 5 times a power of ten giving about `count` intervals over `range`. */
  function niceStep(range, count) {
    const raw = range / count;
    const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    const n = raw / magnitude;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * magnitude;
  }

  /** Value ticks from 0 to at least `max` (every series here is a magnitude: the axis starts at zero). */
  function valueTicks(max) {
    const step = niceStep(max > 0 ? max : 1, 4);
    const ticks = [0];
    while (ticks[ticks.length - 1] < max - step * 1e-9 || ticks.length < 2) ticks.push(ticks.length * step);
    return {ticks, step, top: ticks[ticks.length - 1]};
  }

  const TIME_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map(s => s * 1000);

  /** Clock-time ticks over [t0, t1]: the smallest round step giving at most six. */
  function timeTicks(t0, t1) {
    const step = TIME_STEPS.find(s => (t1 - t0) / s <= 6) || TIME_STEPS[TIME_STEPS.length - 1];
    const offset = new Date(t0).getTimezoneOffset() * 60000; // round in local time
    const ticks = [];
    for (let t = Math.ceil((t0 - offset) / step) * step + offset; t <= t1; t += step) ticks.push(t);
    return {ticks, step};
  }

  function clock(t, withSeconds) {
    const d = new Date(t);
    const two = n => String(n).padStart(2, '0');
    return two(d.getHours()) + ':' + two(d.getMinutes()) + (withSeconds ? ':' + two(d.getSeconds()) : '');
  }

  /**
   * A value as the axis and legend print it: on an axis, the decimals the tick step needs (0, 5, 10; 0, 2.5, 5.0);
   * in a legend, decimals from the size of the value.
   */
  function number(v, step) {
    if (v === null || v === undefined || Number.isNaN(v)) return '–';
    let decimals;
    if (step !== undefined) {
      decimals = 0;
      while (decimals < 3 && Math.abs(step * Math.pow(10, decimals) - Math.round(step * Math.pow(10, decimals))) > 1e-6) decimals++;
    } else {
      const a = Math.abs(v);
      decimals = a >= 10 || Number.isInteger(v) ? 0 : a >= 1 ? 1 : a >= 0.1 ? 2 : 3;
    }
    return v.toLocaleString('en-US', {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
  }

  function colour(label, i) {
    return label === 'other' ? OTHER : PALETTE[i % PALETTE.length];
  }

  /**
   * A chart as a <figure>: {id, title, unit, lines: [{label, metric, points: [[t, v]]}]}, drawn over the window
   * [now - windowMillis, now].
   */
  function draw(chart, now, windowMillis) {
    const t0 = now - windowMillis, t1 = now;
    const lines = chart.lines.map(l => ({...l, points: l.points.filter(p => p[0] >= t0 && p[0] <= t1)}));
    const fig = document.createElement('figure');
    fig.className = 'chart';
    fig.dataset.chart = chart.id;
    fig.dataset.unit = chart.unit;
    const caption = document.createElement('figcaption');
    caption.innerHTML = '<span class="title"></span> <span class="unit"></span>';
    caption.querySelector('.title').textContent = chart.title;
    caption.querySelector('.unit').textContent = '(' + chart.unit + ')';
    fig.appendChild(caption);

    const root = svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${chart.title}, ${chart.unit}, over time`});
    const max = Math.max(0, ...lines.flatMap(l => l.points.map(p => p[1])));
    const y = valueTicks(max);
    const px = t => LEFT + (t - t0) / (t1 - t0) * (W - LEFT - RIGHT);
    const py = v => TOP + (1 - v / y.top) * (H - TOP - BOTTOM);

    const grid = svg('g', {class: 'grid'});
    const yAxis = svg('g', {class: 'axis y-axis'});
    for (const v of y.ticks) {
      grid.appendChild(svg('line', {x1: LEFT, x2: W - RIGHT, y1: py(v), y2: py(v)}));
      yAxis.appendChild(svg('text', {class: 'y-tick', x: LEFT - 6, y: py(v) + 4, 'text-anchor': 'end'}, number(v, y.step)));
    }
    yAxis.appendChild(svg('line', {x1: LEFT, x2: LEFT, y1: TOP, y2: H - BOTTOM}));
    yAxis.appendChild(svg('text', {class: 'axis-title y-title', transform: `translate(13 ${(TOP + H - BOTTOM) / 2}) rotate(-90)`,
      'text-anchor': 'middle'}, chart.unit));

    const x = timeTicks(t0, t1);
    const xAxis = svg('g', {class: 'axis x-axis'});
    xAxis.appendChild(svg('line', {x1: LEFT, x2: W - RIGHT, y1: H - BOTTOM, y2: H - BOTTOM}));
    for (const t of x.ticks) {
      grid.appendChild(svg('line', {x1: px(t), x2: px(t), y1: TOP, y2: H - BOTTOM}));
      xAxis.appendChild(svg('text', {class: 'x-tick', x: px(t), y: H - BOTTOM + 14, 'text-anchor': 'middle'},
        clock(t, x.step < 60000)));
    }
    xAxis.appendChild(svg('text', {class: 'axis-title x-title', x: (LEFT + W - RIGHT) / 2, y: H - 4, 'text-anchor': 'middle'},
      'time (local), last ' + (windowMillis >= 60000 ? windowMillis / 60000 + ' min' : windowMillis / 1000 + ' s')));
    root.append(grid, yAxis, xAxis);

    lines.forEach((l, i) => {
      root.appendChild(svg('polyline', {class: 'line', stroke: colour(l.label, i), 'data-label': l.label,
        'data-points': String(l.points.length),
        points: l.points.map(p => `${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join(' ')}));
    });
    if (lines.every(l => l.points.length === 0)) {
      root.appendChild(svg('text', {class: 'empty', x: (LEFT + W) / 2, y: (TOP + H - BOTTOM) / 2, 'text-anchor': 'middle'},
        chart.lines.length ? 'no data in this window yet' : 'nothing measured yet'));
    }
    fig.appendChild(root);

    const legend = document.createElement('ul');
    legend.className = 'legend';
    lines.forEach((l, i) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colour(l.label, i);
      const last = l.points.length ? l.points[l.points.length - 1][1] : NaN;
      const value = document.createElement('b');
      value.textContent = number(last) + ' ' + chart.unit;
      item.append(swatch, l.label + ' now ', value);
      legend.appendChild(item);
    });
    fig.appendChild(legend);
    return fig;
  }

  return {draw, number, niceStep, valueTicks, timeTicks};
})();
