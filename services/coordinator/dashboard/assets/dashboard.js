// dpt's live dashboard page: listens to the coordinator's event stream
// (/events, see dashboard-feed.ts) and draws it. Charts are uPlot (served by
// the coordinator from the package); the weight heatmaps and digits are
// plain canvases, one pixel per input.
/* global uPlot */
'use strict';

const $ = (id) => document.getElementById(id);
const state = { epochs: 0, history: [], throughput: [[], []], workers: [] };

function chart(id, series, yLabel) {
  const el = $(id);
  const opts = {
    width: 380, height: 220,
    scales: { x: { time: false } },
    // Epochs are whole numbers: ticks only there (uPlot's default steps would label 1.2, 1.4, ...).
    axes: [id === 'chart-throughput' ? { label: 'seconds' } : { label: 'epoch', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
      { label: yLabel, size: 60 }],
    series: [{}, ...series.map(([label, stroke]) => ({ label, stroke, width: 2, points: { show: true } }))],
  };
  return { el, plot: new uPlot(opts, [[], ...series.map(() => [])], el) };
}

const charts = {
  error: chart('chart-error', [['train error', '#b2182b']], 'error'),
  accuracy: chart('chart-accuracy', [['test', '#2166ac'], ['train', '#7fbf7b']], 'accuracy'),
  throughput: chart('chart-throughput', [['samples/s', '#3a7bd5']], 'samples/s'),
};

function setData(c, data) {
  c.plot.setData(data);
  c.el.dataset.points = String(data[0].length);
}

function fmtSeconds(s) {
  if (s === null || !isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(0)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

const handlers = {
  run(r) {
    $('run-id').textContent = r.runId;
    $('run-info').textContent = `${r.structure.join('-')} on ${r.dataset}, ${r.epochs} epochs`;
    state.epochs = r.epochs;
    if (!r.imageSide) {
      $('weights-section').hidden = true;
      $('digits-section').hidden = true;
    }
  },
  status(s) {
    document.body.dataset.status = s.status;
    $('status').textContent = s.status;
  },
  history(h) {
    state.history = h;
    const x = h.map((m) => m.epoch + 1);
    setData(charts.error, [x, h.map((m) => m.trainError)]);
    setData(charts.accuracy, [x, h.map((m) => m.testAccuracy), h.map((m) => m.trainAccuracy)]);
    document.body.dataset.epochs = String(h.length);
  },
  throughput(points) {
    for (const p of points) {
      state.throughput[0].push(p.t);
      state.throughput[1].push(p.samplesPerSecond);
    }
    setData(charts.throughput, state.throughput);
  },
  progress(p) {
    const pct = p.totalSteps > 0 ? (100 * p.step) / p.totalSteps : 0;
    $('progress-bar').style.width = `${pct.toFixed(1)}%`;
    $('progress-text').textContent = `step ${p.step} / ${p.totalSteps} (${pct.toFixed(1)} %), epoch ${p.epoch + 1}` +
      ` / ${state.epochs}, elapsed ${fmtSeconds(p.elapsedSeconds)}, ETA ${fmtSeconds(p.etaSeconds)}`;
  },
  workers(list) {
    state.workers = list;
    drawWorkers();
  },
  weights(w) {
    $('weights-epoch').textContent = `(after epoch ${w.epoch})`;
    const data = new Float32Array(base64Bytes(w.data).buffer);
    const grid = $('weights');
    grid.replaceChildren();
    for (let u = 0; u < w.units; u++) {
      const row = data.subarray(u * w.inputs, (u + 1) * w.inputs);
      let max = 1e-12;
      for (const v of row) max = Math.max(max, Math.abs(v));
      grid.append(imageCanvas(w.side, (i) => diverging(row[i] / max), `unit ${u}`));
    }
  },
  digits(d) {
    $('digits-epoch').textContent = `(after epoch ${d.epoch})`;
    const grid = $('digits');
    grid.replaceChildren();
    for (const item of d.items) {
      const px = base64Bytes(item.pixels);
      const box = document.createElement('div');
      box.className = item.label === item.prediction ? 'digit' : 'digit wrong';
      const c = imageCanvas(d.side, (i) => [255 - px[i], 255 - px[i], 255 - px[i]], `test sample ${item.index}`);
      const caption = document.createElement('div');
      caption.textContent = `${item.label} / ${item.prediction}`;
      box.append(c, caption);
      grid.append(box);
    }
  },
};

function drawWorkers() {
  const now = Date.now();
  const rows = state.workers.map((w) => {
    const tr = document.createElement('tr');
    const ago = (now - w.lastSeen) / 1000;
    const mean = w.shards > 0 ? `${((1000 * w.computeSeconds) / w.shards).toFixed(2)} ms` : '';
    for (const text of [w.id, w.host, String(w.shards), `${ago < 1 ? '<1' : ago.toFixed(0)} s ago`, mean]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  });
  $('workers').tBodies[0].replaceChildren(...rows);
}

function base64Bytes(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Blue (negative) - white - red (positive), for v in [-1, 1]. */
function diverging(v) {
  const a = Math.min(1, Math.abs(v));
  return v < 0 ? [255 * (1 - a) + 33 * a, 255 * (1 - a) + 102 * a, 255 * (1 - a) + 172 * a]
    : [255 * (1 - a) + 178 * a, 255 * (1 - a) + 24 * a, 255 * (1 - a) + 43 * a];
}

function imageCanvas(side, color, title) {
  const c = document.createElement('canvas');
  c.width = side;
  c.height = side;
  c.title = title;
  const ctx = c.getContext('2d');
  const img = ctx.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    const [r, g, b] = color(i);
    img.data.set([r, g, b, 255], i * 4);
  }
  ctx.putImageData(img, 0, 0);
  return c;
}

const events = new EventSource('/events');
for (const [name, handle] of Object.entries(handlers)) {
  events.addEventListener(name, (e) => handle(JSON.parse(e.data)));
}
events.onerror = () => {
  // The coordinator exits when the run is over: keep what is shown, say the stream is gone.
  if (!['finished', 'failed', 'stopped'].includes(document.body.dataset.status)) handlers.status({ status: 'disconnected' });
};
