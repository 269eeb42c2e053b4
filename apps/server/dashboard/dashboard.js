// katamon dashboard: the container list from /v1/containers and live charts fed by the NDJSON event stream.
// With `--token-file` every /v1 request carries `Authorization: Bearer <token>`: the token comes from the
// address (`/#token=…`, removed from the address bar at once) or from a form shown on a 401, and is kept in
// this tab's sessionStorage only. (EventSource cannot send that header, so the stream is read with fetch.)
'use strict';
(() => {
  const WINDOW = 120; // points kept per chart
  const RETRY_MS = 2000;
  const TOKEN_KEY = 'katamon-token';
  const statusEl = document.getElementById('status');
  const listEl = document.getElementById('containers');
  const selectedEl = document.getElementById('selected');
  let stream = null; // AbortController of the open event stream
  let charts = null;
  let samples = 0;
  let previous = null; // the last sample's totals, for rates

  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('token')) {
    sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  }

  class Unauthorized extends Error {}

  /** fetch with the bearer token when there is one; a 401 asks for a token. */
  async function api(path, init = {}) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = { ...(init.headers || {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const response = await fetch(path, { ...init, headers });
    if (response.status === 401) {
      askForToken(token !== null);
      throw new Unauthorized('this server needs a bearer token');
    }
    return response;
  }

  function askForToken(wrong) {
    statusEl.textContent = wrong ? 'the bearer token was refused' : 'this server needs a bearer token';
    if (document.getElementById('token-form')) return;
    const form = document.createElement('form');
    form.id = 'token-form';
    const input = document.createElement('input');
    Object.assign(input, {
      type: 'password',
      id: 'token',
      placeholder: 'bearer token',
      autocomplete: 'off',
      required: true,
    });
    input.setAttribute('aria-label', 'bearer token');
    const button = document.createElement('button');
    button.type = 'submit';
    button.textContent = 'Connect';
    form.append(input, button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      form.remove();
      load().catch(showError);
    });
    document.querySelector('header').append(form);
    input.focus();
  }

  function showError(error) {
    if (!(error instanceof Unauthorized)) statusEl.textContent = `error: ${error.message}`;
  }

  const bytes = (v) => {
    if (v == null) return '';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return `${v.toFixed(v < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
  };

  function makeChart(id, title, series, format) {
    const el = document.getElementById(id);
    const latest = document.createElement('div');
    latest.className = 'latest';
    el.append(latest);
    const width = Math.max(360, el.clientWidth - 16);
    const data = [[], ...series.map(() => [])];
    const plot = new uPlot(
      {
        title,
        width,
        height: 220,
        scales: { x: { time: true } },
        series: [{}, ...series.map(([label, stroke]) => ({ label, stroke, width: 2, value: (u, v) => format(v) }))],
        axes: [{}, { values: (u, vals) => vals.map(format), size: 70 }],
      },
      data,
      el,
    );
    return { plot, data, latest, series, format };
  }

  function newCharts() {
    for (const id of ['chart-cpu', 'chart-memory', 'chart-network', 'chart-blkio'])
      document.getElementById(id).textContent = '';
    return {
      cpu: makeChart('chart-cpu', 'CPU %', [['cpu %', '#c0392b']], (v) => (v == null ? '' : `${v.toFixed(1)}%`)),
      memory: makeChart(
        'chart-memory',
        'Memory',
        [
          ['usage', '#2980b9'],
          ['working set', '#27ae60'],
        ],
        bytes,
      ),
      network: makeChart(
        'chart-network',
        'Network',
        [
          ['rx/s', '#8e44ad'],
          ['tx/s', '#d35400'],
        ],
        bytes,
      ),
      blkio: makeChart(
        'chart-blkio',
        'Block I/O',
        [
          ['read/s', '#16a085'],
          ['write/s', '#7f8c8d'],
        ],
        bytes,
      ),
    };
  }

  function push(chart, t, values) {
    chart.data[0].push(t);
    values.forEach((v, i) => chart.data[i + 1].push(v));
    if (chart.data[0].length > WINDOW) for (const col of chart.data) col.shift();
    chart.plot.setData(chart.data);
    // The legend shows values under the cursor; this line always shows the newest ones.
    chart.latest.textContent = chart.series.map(([label], i) => `${label}: ${chart.format(values[i])}`).join(' · ');
    chart.latest.dataset.values = JSON.stringify(values);
  }

  function totals(data) {
    const net = { rx: 0, tx: 0 };
    for (const i of data.interfaces || []) {
      net.rx += i.rx_bytes || 0;
      net.tx += i.tx_bytes || 0;
    }
    const io = { read: 0, write: 0 };
    for (const e of (data.blkio && data.blkio.io_service_bytes_recursive) || []) {
      const op = (e.op || '').toLowerCase();
      if (op === 'read') io.read += e.value;
      else if (op === 'write') io.write += e.value;
    }
    const memory = data.memory || {};
    const usage = (memory.usage && memory.usage.usage) || 0;
    const raw = memory.raw || {};
    const inactive = raw.total_inactive_file != null ? raw.total_inactive_file : raw.inactive_file || 0;
    return {
      cpu: (data.cpu && data.cpu.usage && data.cpu.usage.total) || 0,
      usage,
      workingSet: Math.max(0, usage - inactive),
      net,
      io,
    };
  }

  function onStats(event) {
    const now = Date.now() / 1000;
    const current = { t: now, ...totals(event.data || {}) };
    if (previous !== null) {
      const dt = current.t - previous.t;
      const rate = (a, b) => Math.max(0, (a - b) / dt);
      push(charts.cpu, now, [rate(current.cpu, previous.cpu) / 1e7]);
      push(charts.network, now, [rate(current.net.rx, previous.net.rx), rate(current.net.tx, previous.net.tx)]);
      push(charts.blkio, now, [rate(current.io.read, previous.io.read), rate(current.io.write, previous.io.write)]);
    }
    push(charts.memory, now, [current.usage, current.workingSet]);
    previous = current;
    samples += 1;
    document.body.dataset.samples = String(samples);
    statusEl.textContent = `live · ${samples} samples`;
  }

  /** Reads one NDJSON stream to its end; true when the server ended it (the container is gone). */
  async function readStream(id, signal) {
    const response = await api(`/v1/containers/${encodeURIComponent(id)}/events?interval=1s`, {
      headers: { accept: 'application/x-ndjson' },
      signal,
    });
    if (!response.ok) throw new Error(`stream: HTTP ${response.status}`);
    statusEl.textContent = 'live';
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      buffered += value;
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line === '') continue;
        const event = JSON.parse(line);
        if (event.type === 'stats') onStats(event);
        else if (event.type === 'end') {
          statusEl.textContent = `ended: ${event.reason}`;
          return true;
        }
      }
    }
  }

  /** `<namespace or engine>/<id>`: selects one container even where ids repeat across containerd namespaces. */
  const selectorOf = (c) => `${c.identity?.namespace ?? c.identity?.engine ?? c.runtime}/${c.id}`;
  /** Its name where it has one other than its id, then its id. */
  const labelOf = (c) => {
    const name = c.identity?.name;
    return name && name !== c.id ? `${name} (${c.id.slice(0, 12)})` : c.id;
  };

  function watch(c) {
    if (stream) stream.abort();
    const controller = new AbortController();
    stream = controller;
    const id = selectorOf(c);
    for (const li of listEl.children) li.classList.toggle('selected', li.dataset.selector === id);
    selectedEl.textContent = labelOf(c);
    charts = newCharts();
    previous = null;
    (async () => {
      // Reconnects after a dropped connection, as EventSource would; stops when the container is gone.
      while (!controller.signal.aborted) {
        try {
          if (await readStream(id, controller.signal)) return;
        } catch (error) {
          if (controller.signal.aborted || error instanceof Unauthorized) return;
        }
        statusEl.textContent = 'reconnecting…';
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    })();
  }

  async function load() {
    const response = await api('/v1/containers');
    if (!response.ok) {
      statusEl.textContent = `error ${response.status}`;
      return;
    }
    const { containers } = await response.json();
    listEl.textContent = '';
    for (const c of containers) {
      const li = document.createElement('li');
      li.dataset.id = c.id;
      li.dataset.selector = selectorOf(c);
      li.dataset.status = c.status;
      // Names come from files users control: only ever set as text, never as markup.
      const shown = c.identity?.name || c.id;
      li.textContent = shown.length > 24 ? `${shown.slice(0, 24)}…` : shown;
      li.title = [c.id, c.identity?.image, c.identity?.pod && `pod ${c.identity.pod.namespace}/${c.identity.pod.name}`]
        .filter(Boolean)
        .join('\n');
      const status = document.createElement('span');
      status.className = 'status';
      status.textContent = `${c.identity?.engine ?? c.runtime} · ${c.status}`;
      li.append(status);
      li.addEventListener('click', () => watch(c));
      listEl.append(li);
    }
    const first = containers.find((c) => c.status === 'running');
    statusEl.textContent = `${containers.length} containers`;
    const wanted = new URLSearchParams(location.hash.slice(1)).get('id');
    const pick =
      containers.find((c) => c.id === wanted || selectorOf(c) === wanted || c.identity?.name === wanted) || first;
    if (pick) watch(pick);
  }

  load().catch(showError);
})();
