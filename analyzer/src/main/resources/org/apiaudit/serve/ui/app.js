// The investigator's workbench: one page, four views (discover, context, actor, findings), its
// state in the URL. Every value from the logs is put in the DOM with textContent or as an
// attribute set through the DOM, never as markup: a hostile user agent stays text.
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  let meta = null;
  let nextCursor = null;

  const $ = (id) => document.getElementById(id);

  /** An element with text and attributes, built through the DOM. */
  function el(tag, text, attrs) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    for (const [k, v] of Object.entries(attrs || {})) {
      e.setAttribute(k, v);
    }
    return e;
  }

  function svgEl(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      e.setAttribute(k, String(v));
    }
    return e;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function showError(id, message) {
    const box = $(id);
    box.textContent = message || '';
    box.hidden = !message;
  }

  async function api(path, params) {
    const url = path + (params ? '?' + new URLSearchParams(params).toString() : '');
    const response = await fetch(url, { credentials: 'same-origin' });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.error || ('HTTP ' + response.status));
    }
    return body;
  }

  async function post(path, params) {
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Analyzer-Csrf': meta.csrf },
      body: new URLSearchParams(params).toString()
    });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.error || ('HTTP ' + response.status));
    }
    return body;
  }

  // ---- time in the case's zone -------------------------------------------------------------

  function pad(n, w) {
    return String(n).padStart(w || 2, '0');
  }

  /** ISO-8601 in the case's zone (its current offset), e.g. 2023-06-08T22:00:00+05:30. */
  function iso(ms) {
    const off = meta.offsetMinutes;
    const d = new Date(ms + off * 60000);
    const sign = off < 0 ? '-' : '+';
    const a = Math.abs(off);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + 'T'
      + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds())
      + (off === 0 ? 'Z' : sign + pad(Math.floor(a / 60)) + ':' + pad(a % 60));
  }

  function duration(ms) {
    const units = [['d', 86400000], ['h', 3600000], ['min', 60000], ['s', 1000]];
    for (const [name, size] of units) {
      if (ms >= size && ms % size === 0) {
        return (ms / size) + ' ' + name;
      }
    }
    return ms + ' ms';
  }

  // ---- URL state -----------------------------------------------------------------------------

  function state() {
    return new URLSearchParams(window.location.search);
  }

  function go(params) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== undefined && v !== null && v !== '') {
        query.set(k, v);
      }
    }
    const s = query.toString();
    window.history.pushState(null, '', '/' + (s ? '?' + s : ''));
    render();
  }

  function discoverParams() {
    return { q: $('q').value.trim(), from: $('from').value.trim(), to: $('to').value.trim() };
  }

  function queryParams(p) {
    const out = { q: p.q || '*:*' };
    if (p.from) {
      out.from = p.from;
    }
    if (p.to) {
      out.to = p.to;
    }
    return out;
  }

  function render() {
    const s = state();
    const view = s.get('view') || 'discover';
    for (const name of ['discover', 'context', 'actor', 'findings']) {
      $('view-' + name).hidden = name !== view;
    }
    if (view === 'context') {
      renderContext(s);
    } else if (view === 'actor') {
      renderActor(s);
    } else if (view === 'findings') {
      renderFindings();
    } else {
      renderDiscover(s);
    }
  }

  // ---- discover ------------------------------------------------------------------------------

  function renderDiscover(s) {
    $('q').value = s.get('q') || '';
    $('from').value = s.get('from') || '';
    $('to').value = s.get('to') || '';
    $('range').value = s.get('from') || s.get('to') ? 'custom' : '';
    const p = queryParams({ q: s.get('q'), from: s.get('from'), to: s.get('to') });
    for (const [id, format] of [['export-csv', 'csv'], ['export-jsonl', 'jsonl']]) {
      $(id).setAttribute('href', '/api/export?' + new URLSearchParams(Object.assign({ format: format }, p)).toString());
    }
    $('export-aggs').setAttribute('href', '/api/aggregations?' + new URLSearchParams(p).toString());
    runSearch(p);
    loadSaved();
  }

  async function runSearch(p) {
    showError('query-error', '');
    $('hit-count').textContent = '…';
    clear($('hits').tBodies[0]);
    clear($('sidebar'));
    clear($('histogram'));
    $('more').hidden = true;
    try {
      const [page, histogram, fields] = await Promise.all([
        api('/api/search', p), api('/api/histogram', p), api('/api/fields', p)]);
      if (p.q !== '*:*' && page.query !== p.q) {
        // the server masked a personal number typed in clear: keep only its pseudonym in the URL
        const s = state();
        s.set('q', page.query);
        window.history.replaceState(null, '', '/?' + s.toString());
        render();
        return;
      }
      $('hit-count').textContent = page.total.toLocaleString('en');
      $('hit-count').setAttribute('data-total', String(page.total));
      drawHistogram(histogram);
      drawSidebar(fields, p);
      appendHits(page);
    } catch (e) {
      $('hit-count').textContent = '–';
      showError('query-error', e.message);
    }
  }

  function appendHits(page) {
    const body = $('hits').tBodies[0];
    for (const h of page.hits) {
      const tr = el('tr');
      tr.appendChild(el('td', h.time));
      tr.appendChild(actorCell('ip', h.ip));
      tr.appendChild(actorCell('principal', h.principal));
      tr.appendChild(el('td', h.method));
      tr.appendChild(el('td', h.path));
      tr.appendChild(el('td', h.status));
      tr.appendChild(actorCell('ua', h.ua, 'ua'));
      tr.appendChild(el('td', h.original, { class: 'line' }));
      const ctx = el('td');
      const a = el('a', 'surrounding', { href: contextHref(h.file, h.line, 'ip'), class: 'context-link' });
      a.addEventListener('click', follow);
      ctx.appendChild(a);
      tr.appendChild(ctx);
      body.appendChild(tr);
    }
    nextCursor = page.next || null;
    $('more').hidden = !nextCursor;
  }

  function actorCell(kind, value, cls) {
    const td = el('td', null, cls ? { class: cls } : {});
    if (value) {
      const a = el('a', value, { href: actorHref(kind, value), class: 'actor-link' });
      a.addEventListener('click', follow);
      td.appendChild(a);
    }
    return td;
  }

  function actorHref(kind, value) {
    return '/?' + new URLSearchParams({ view: 'actor', kind: kind, value: value }).toString();
  }

  function contextHref(file, line, by) {
    return '/?' + new URLSearchParams({ view: 'context', file: file || '', line: String(line), by: by }).toString();
  }

  /** Follows an in-app link without reloading the page. */
  function follow(event) {
    event.preventDefault();
    const url = new URL(event.currentTarget.getAttribute('href'), window.location.href);
    window.history.pushState(null, '', url.pathname + url.search);
    render();
  }

  function drawHistogram(h) {
    const svg = $('histogram');
    clear(svg);
    $('interval').textContent = 'per ' + duration(h.interval);
    $('hist-start').textContent = iso(h.from);
    $('hist-end').textContent = iso(h.to);
    svg.setAttribute('data-from', String(h.from));
    svg.setAttribute('data-to', String(h.to));
    const span = Math.max(1, h.to - h.from + h.interval);
    const max = h.buckets.reduce((m, b) => Math.max(m, b[1]), 0);
    for (const [t, c] of h.buckets) {
      const x = Math.max(0, (t - h.from) / span * 1000);
      const w = Math.max(1, h.interval / span * 1000 - 1);
      const height = max === 0 ? 0 : Math.max(1, c / max * 115);
      const rect = svgEl('rect', { x: x, y: 120 - height, width: w, height: height, class: 'bar-rect' });
      const title = svgEl('title');
      title.textContent = iso(t) + ': ' + c;
      rect.appendChild(title);
      svg.appendChild(rect);
    }
    svg.setAttribute('data-bars', String(h.buckets.length));
    svg.setAttribute('data-span', String(span));
  }

  /** Brush-to-zoom: a drag across the histogram becomes the new time range. */
  function installBrush() {
    const svg = $('histogram');
    let startX = null;
    let brush = null;
    const toX = (event) => {
      const r = svg.getBoundingClientRect();
      return Math.min(1000, Math.max(0, (event.clientX - r.left) / r.width * 1000));
    };
    svg.addEventListener('mousedown', (event) => {
      startX = toX(event);
      brush = svgEl('rect', { x: startX, y: 0, width: 0, height: 120, class: 'brush' });
      svg.appendChild(brush);
      event.preventDefault();
    });
    svg.addEventListener('mousemove', (event) => {
      if (startX !== null) {
        const x = toX(event);
        brush.setAttribute('x', String(Math.min(x, startX)));
        brush.setAttribute('width', String(Math.abs(x - startX)));
      }
    });
    window.addEventListener('mouseup', (event) => {
      if (startX === null) {
        return;
      }
      const x = toX(event);
      const a = Math.min(x, startX);
      const b = Math.max(x, startX);
      startX = null;
      brush.remove();
      if (b - a < 3) {
        return;
      }
      const from = Number(svg.getAttribute('data-from'));
      const span = Number(svg.getAttribute('data-span'));
      const p = discoverParams();
      go({ q: p.q, from: iso(Math.floor((from + a / 1000 * span) / 1000) * 1000),
        to: iso(Math.ceil((from + b / 1000 * span) / 1000) * 1000) });
    });
  }

  function drawSidebar(fields, p) {
    const side = $('sidebar');
    clear(side);
    side.appendChild(el('div', 'top values over all ' + fields.total.toLocaleString('en') + ' hits', { class: 'muted' }));
    for (const f of fields.fields) {
      if (f.values.length === 0) {
        continue;
      }
      side.appendChild(el('h3', f.name));
      const ul = el('ul', null, { 'data-field': f.name });
      for (const v of f.values) {
        const li = el('li', null, { 'data-value': v.value });
        li.appendChild(el('span', v.value, { class: 'value', title: v.value }));
        li.appendChild(el('span', v.count.toLocaleString('en') + ' · ' + v.pct + '%', { class: 'count' }));
        const plus = el('button', '+', { type: 'button', class: 'filter-in', title: 'only these' });
        plus.addEventListener('click', () => addFilter(p, f.name, v.value, false));
        const minus = el('button', '−', { type: 'button', class: 'filter-out', title: 'all but these' });
        minus.addEventListener('click', () => addFilter(p, f.name, v.value, true));
        li.appendChild(plus);
        li.appendChild(minus);
        ul.appendChild(li);
      }
      side.appendChild(ul);
    }
  }

  /** A Lucene phrase for {@code value}: quotes and backslashes escaped. */
  function phrase(value) {
    return '"' + String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  }

  function addFilter(p, field, value, exclude) {
    const clause = (exclude ? 'NOT ' : '') + field + ':' + phrase(value);
    const base = p.q && p.q !== '*:*' ? '(' + p.q + ') AND ' : (exclude ? '*:* AND ' : '');
    go({ q: base + clause, from: p.from, to: p.to });
  }

  async function loadSaved() {
    try {
      const saved = await api('/api/saved');
      const select = $('saved');
      clear(select);
      select.appendChild(el('option', 'saved searches (' + saved.searches.length + ')…', { value: '' }));
      saved.searches.forEach((s, i) => {
        const o = el('option', s.name, { value: String(i) });
        select.appendChild(o);
      });
      select.onchange = () => {
        const s = saved.searches[Number(select.value)];
        if (s) {
          go({ q: s.query, from: s.from, to: s.to });
        }
      };
    } catch (e) {
      showError('query-error', e.message);
    }
  }

  // ---- context -------------------------------------------------------------------------------

  async function renderContext(s) {
    showError('context-error', '');
    const body = $('context-hits').tBodies[0];
    clear(body);
    const by = s.get('by') || 'ip';
    const bar = $('context-by');
    clear(bar);
    bar.appendChild(el('span', 'same:', { class: 'muted' }));
    for (const [name, label] of [['ip', 'address'], ['principal', 'principal'], ['subject', 'subject'],
      ['ua', 'user agent'], ['all', '±5 min of all traffic']]) {
      const a = el('a', label, { href: contextHref(s.get('file'), s.get('line'), name), 'data-by': name });
      a.addEventListener('click', follow);
      if (name === by) {
        a.setAttribute('aria-current', 'true');
      }
      bar.appendChild(a);
    }
    try {
      const c = await api('/api/context', { file: s.get('file') || '', line: s.get('line') || '', by: by });
      const anchor = $('context-anchor');
      clear(anchor);
      anchor.appendChild(el('span', c.anchor.time + ' · ' + (c.anchor.file || '') + ':' + c.anchor.line + ' · '));
      const actor = el('a', 'open ' + c.anchor.ip + ' in actor view', { href: actorHref('ip', c.anchor.ip), id: 'context-actor' });
      actor.addEventListener('click', follow);
      anchor.appendChild(actor);
      for (const h of c.hits) {
        const tr = el('tr', null, h.anchor ? { class: 'anchor' } : {});
        tr.appendChild(el('td', h.time));
        tr.appendChild(actorCell('ip', h.ip));
        tr.appendChild(actorCell('principal', h.principal));
        tr.appendChild(el('td', h.method));
        tr.appendChild(el('td', h.path));
        tr.appendChild(el('td', h.status));
        tr.appendChild(actorCell('ua', h.ua, 'ua'));
        tr.appendChild(el('td', h.original, { class: 'line' }));
        body.appendChild(tr);
      }
    } catch (e) {
      showError('context-error', e.message);
    }
  }

  // ---- actor ---------------------------------------------------------------------------------

  function countsTable(id, rows, kind) {
    const body = $(id).tBodies[0];
    clear(body);
    for (const r of rows || []) {
      const tr = el('tr');
      tr.appendChild(kind ? actorCell(kind, r.value) : el('td', r.value));
      tr.appendChild(el('td', Number(r.count).toLocaleString('en'), { class: 'count' }));
      if (r.firstHour) {
        tr.appendChild(el('td', r.firstHour + ' – ' + r.lastHour, { class: 'muted' }));
      }
      body.appendChild(tr);
    }
  }

  async function renderActor(s) {
    showError('actor-error', '');
    const kind = s.get('kind') || 'ip';
    const value = s.get('value') || '';
    $('actor-title').textContent = kind + ' ' + value;
    const field = { ip: 'ip', subnet: 'subnet', principal: 'principal', ua: 'ua', subject: 'subject' }[kind] || 'ip';
    $('actor-search').setAttribute('href', '/?' + new URLSearchParams({ q: field + ':' + phrase(value) }).toString());
    const facts = $('actor-facts');
    clear(facts);
    clear($('actor-verdict'));
    clear($('actor-timeline'));
    try {
      const a = await api('/api/actor', { kind: kind, value: value });
      const add = (k, v) => {
        facts.appendChild(el('dt', k));
        facts.appendChild(el('dd', v, { 'data-fact': k }));
      };
      add('requests', Number(a.requests).toLocaleString('en'));
      if (a.requests > 0) {
        add('first seen', a.firstSeen);
        add('last seen', a.lastSeen);
        add('distinct subjects', Number(a.distinctSubjects).toLocaleString('en'));
        countsTable('actor-endpoints', a.endpoints);
        countsTable('actor-statuses', a.statuses);
        countsTable('actor-addresses', a.addresses, 'ip');
        countsTable('actor-uas', a.userAgents, 'ua');
        countsTable('actor-principals', a.principals, 'principal');
        drawTimeline(a.timeline);
      }
      const verdict = $('actor-verdict');
      if (!a.findingsFile) {
        verdict.appendChild(el('p', 'no findings.json beside the index (run detect, or start serve with --findings)', { class: 'muted' }));
      } else if (a.findings.length === 0) {
        verdict.appendChild(el('p', 'detection concluded nothing about this actor', { class: 'muted' }));
      }
      for (const f of a.findings) {
        verdict.appendChild(el('p', f.verdict + ' (confidence ' + f.confidence + ') as ' + f.kind + ' ' + f.value,
          { class: 'verdict verdict-' + f.verdict }));
        const ul = el('ul');
        for (const r of f.rules || []) {
          ul.appendChild(el('li', r.title + ' — measured ' + r.measured + ' ' + r.comparison + ' ' + r.threshold));
        }
        verdict.appendChild(ul);
      }
      for (const i of a.incidents) {
        const p = el('p');
        const link = el('a', i.id + ': ' + i.title, { href: '/?view=findings' });
        link.addEventListener('click', follow);
        p.appendChild(link);
        verdict.appendChild(p);
      }
    } catch (e) {
      showError('actor-error', e.message);
    }
  }

  function drawTimeline(timeline) {
    const svg = $('actor-timeline');
    clear(svg);
    if (!timeline.length) {
      return;
    }
    const from = timeline[0][0];
    const to = timeline[timeline.length - 1][0] + 3600000;
    const span = Math.max(1, to - from);
    const max = timeline.reduce((m, b) => Math.max(m, b[1]), 0);
    for (const [t, c] of timeline) {
      const h = Math.max(1, c / max * 78);
      const rect = svgEl('rect', { x: (t - from) / span * 1000, y: 80 - h, width: Math.max(1, 3600000 / span * 1000 - 0.5),
        height: h, class: 'bar-rect' });
      const title = svgEl('title');
      title.textContent = iso(t) + ': ' + c;
      rect.appendChild(title);
      svg.appendChild(rect);
    }
    $('timeline-start').textContent = iso(from);
    $('timeline-end').textContent = iso(to);
  }

  // ---- findings ------------------------------------------------------------------------------

  async function renderFindings() {
    showError('findings-error', '');
    const box = $('incidents');
    clear(box);
    clear($('finding-actors').tBodies[0]);
    try {
      const f = await api('/api/findings');
      if (!f.present) {
        $('conclusion').textContent = 'No findings.json beside the index: run detect, or start serve with --findings FILE.';
        return;
      }
      $('conclusion').textContent = f.conclusion.verdict + ': ' + f.conclusion.summary;
      for (const i of f.incidents || []) {
        const div = el('div', null, { class: 'incident' });
        div.appendChild(el('h2', i.id + ' · ' + i.verdict + ' · ' + i.title));
        div.appendChild(el('p', 'windows: ' + (i.windows || []).map((w) => iso(Date.parse(w.start)) + ' – '
          + iso(Date.parse(w.end))).join(', ')
          + ' · requests: ' + i.requests + ' · subjects affected: ' + i.subjectsAffected));
        const actors = el('p', 'actors: ');
        for (const ref of i.actors || []) {
          const colon = ref.indexOf(':');
          const kind = ref.substring(0, colon).replace('user_agent', 'ua');
          if (['ip', 'subnet', 'principal', 'ua'].includes(kind)) {
            const a = el('a', ref, { href: actorHref(kind, ref.substring(colon + 1)) });
            a.addEventListener('click', follow);
            actors.appendChild(a);
            actors.appendChild(document.createTextNode(' '));
          } else {
            actors.appendChild(el('span', ref + ' '));
          }
        }
        div.appendChild(actors);
        if ((i.indicators || []).length) {
          div.appendChild(el('p', 'indicators: ' + i.indicators.map((x) => x.type + ' ' + x.value).join('; ')));
        }
        const ul = el('ul', null, { class: 'evidence' });
        for (const ev of i.evidence || []) {
          const li = el('li');
          const a = el('a', ev.file + ':' + ev.line, { href: contextHref(ev.file, ev.line, 'ip'), class: 'evidence-link' });
          a.addEventListener('click', follow);
          li.appendChild(a);
          li.appendChild(el('span', ' ' + ev.maskedLine));
          ul.appendChild(li);
        }
        div.appendChild(ul);
        box.appendChild(div);
      }
      const body = $('finding-actors').tBodies[0];
      for (const a of f.actors || []) {
        const tr = el('tr');
        const kind = a.kind === 'user_agent' ? 'ua' : a.kind;
        tr.appendChild(['ip', 'subnet', 'principal', 'ua'].includes(kind) ? actorCell(kind, a.value) : el('td', a.kind + ' ' + a.value));
        tr.appendChild(el('td', a.verdict, { class: 'verdict-' + a.verdict }));
        tr.appendChild(el('td', a.confidence));
        tr.appendChild(el('td', a.requests));
        tr.appendChild(el('td', a.distinctSubjects));
        tr.appendChild(el('td', (a.rules || []).map((r) => r.title).join('; ')));
        body.appendChild(tr);
      }
    } catch (e) {
      showError('findings-error', e.message);
    }
  }

  // ---- wiring --------------------------------------------------------------------------------

  function relativeRange(choice) {
    const size = { '1h': 3600000, '24h': 86400000, '7d': 7 * 86400000 }[choice];
    return size ? { from: iso(Math.max(meta.firstEvent, meta.lastEvent - size)), to: iso(meta.lastEvent) } : null;
  }

  async function start() {
    meta = await api('/api/meta');
    $('index-info').textContent = meta.index + ' · ' + Number(meta.events).toLocaleString('en') + ' events · '
      + iso(meta.firstEvent) + ' – ' + iso(meta.lastEvent) + ' · ' + meta.zone;
    $('query-form').addEventListener('submit', (event) => {
      event.preventDefault();
      go(discoverParams());
    });
    $('range').addEventListener('change', () => {
      const r = relativeRange($('range').value);
      if (r) {
        go({ q: $('q').value.trim(), from: r.from, to: r.to });
      } else if ($('range').value === '') {
        go({ q: $('q').value.trim() });
      } else {
        $('from').focus();
      }
    });
    $('more').addEventListener('click', async () => {
      const s = state();
      const p = Object.assign(queryParams({ q: s.get('q'), from: s.get('from'), to: s.get('to') }), { after: nextCursor });
      try {
        appendHits(await api('/api/search', p));
      } catch (e) {
        showError('query-error', e.message);
      }
    });
    $('save-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const s = state();
        await post('/api/saved', { name: $('save-name').value.trim(), q: s.get('q') || '*:*',
          from: s.get('from') || '', to: s.get('to') || '' });
        $('save-name').value = '';
        loadSaved();
      } catch (e) {
        showError('query-error', e.message);
      }
    });
    $('person-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const input = $('person');
      const number = input.value;
      input.value = '';
      showError('person-error', '');
      try {
        const answer = await post('/api/person', { number: number });
        go({ q: answer.query });
      } catch (e) {
        showError('person-error', e.message);
      }
    });
    for (const id of ['nav-discover', 'nav-findings']) {
      $(id).addEventListener('click', follow);
    }
    window.addEventListener('popstate', render);
    installBrush();
    render();
  }

  document.addEventListener('DOMContentLoaded', () => {
    start().catch((e) => showError('query-error', e.message));
  });
}());
