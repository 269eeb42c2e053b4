// katamon dashboard: the container list from /v1/containers and live charts fed by the SSE stream.
'use strict';
(() => {
  const WINDOW = 120; // points kept per chart
  const statusEl = document.getElementById('status');
  const listEl = document.getElementById('containers');
  const selectedEl = document.getElementById('selected');
  let source = null;
  let charts = null;
  let samples = 0;

  const bytes = (v) => {
    if (v == null) return '';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return `${v.toFixed(v < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
  };

  function makeChart(id, title, series, format) {
    const el = document.getElementById(id);
    const latest = document.createElement('div');
    latest.className = 'latest';
    el.append(latest);
    const width = Math.max(360, el.clientWidth - 16);
    const data = [[], ...series.map(() => [])];
    const plot = new uPlot({
      title, width, height: 220,
      scales: { x: { time: true } },
      series: [{}, ...series.map(([label, stroke]) => ({ label, stroke, width: 2, value: (u, v) => format(v) }))],
      axes: [{}, { values: (u, vals) => vals.map(format), size: 70 }],
    }, data, el);
    return { plot, data, latest, series, format };
  }

  function newCharts() {
    for (const id of ['chart-cpu', 'chart-memory', 'chart-network', 'chart-blkio']) document.getElementById(id).textContent = '';
    return {
      cpu: makeChart('chart-cpu', 'CPU %', [['cpu %', '#c0392b']], (v) => (v == null ? '' : `${v.toFixed(1)}%`)),
      memory: makeChart('chart-memory', 'Memory', [['usage', '#2980b9'], ['working set', '#27ae60']], bytes),
      network: makeChart('chart-network', 'Network', [['rx/s', '#8e44ad'], ['tx/s', '#d35400']], bytes),
      blkio: makeChart('chart-blkio', 'Block I/O', [['read/s', '#16a085'], ['write/s', '#7f8c8d']], bytes),
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
    for (const i of data.interfaces || []) { net.rx += i.rx_bytes || 0; net.tx += i.tx_bytes || 0; }
    const io = { read: 0, write: 0 };
    for (const e of (data.blkio && data.blkio.io_service_bytes_recursive) || []) {
      const op = (e.op || '').toLowerCase();
      if (op === 'read') io.read += e.value; else if (op === 'write') io.write += e.value;
    }
    const memory = data.memory || {};
    const usage = (memory.usage && memory.usage.usage) || 0;
    const raw = memory.raw || {};
    const inactive = raw.total_inactive_file != null ? raw.total_inactive_file : raw.inactive_file || 0;
    return { cpu: (data.cpu && data.cpu.usage && data.cpu.usage.total) || 0, usage, workingSet: Math.max(0, usage - inactive), net, io };
  }

  function watch(id) {
    if (source) source.close();
    for (const li of listEl.children) li.classList.toggle('selected', li.dataset.id === id);
    selectedEl.textContent = id;
    charts = newCharts();
    let previous = null;
    source = new EventSource(`/v1/containers/${encodeURIComponent(id)}/events?interval=1s`);
    source.onopen = () => { statusEl.textContent = 'live'; };
    source.onerror = () => { statusEl.textContent = 'reconnecting…'; };
    source.addEventListener('stats', (message) => {
      const event = JSON.parse(message.data);
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
    });
    source.addEventListener('end', (message) => {
      statusEl.textContent = `ended: ${JSON.parse(message.data).reason}`;
      source.close();
    });
  }

  async function load() {
    const response = await fetch('/v1/containers');
    if (!response.ok) { statusEl.textContent = `error ${response.status}`; return; }
    const { containers } = await response.json();
    listEl.textContent = '';
    for (const c of containers) {
      const li = document.createElement('li');
      li.dataset.id = c.id;
      li.dataset.status = c.status;
      li.textContent = c.id.length > 24 ? `${c.id.slice(0, 24)}…` : c.id;
      li.title = c.id;
      const status = document.createElement('span');
      status.className = 'status';
      status.textContent = c.status;
      li.append(status);
      li.addEventListener('click', () => watch(c.id));
      listEl.append(li);
    }
    const first = containers.find((c) => c.status === 'running');
    statusEl.textContent = `${containers.length} containers`;
    const wanted = new URLSearchParams(location.hash.slice(1)).get('id');
    const pick = containers.find((c) => c.id === wanted) || first;
    if (pick) watch(pick.id);
  }

  load().catch((error) => { statusEl.textContent = `error: ${error.message}`; });
})();
