// Shared by the ward and the bed view: the ECG strip kept from the stream's chunks and drawn on a canvas,
// the class colours, and the live connection.

export const NO_SIGNAL = -32768;

const css = getComputedStyle(document.documentElement);
export const classColour = name => css.getPropertyValue(`--${name}`).trim() || '#b8c2cc';

const ALARM_NAMES = { svt: 'SVT', bed_silent: 'Bed silent' };
export const alarmName = type => ALARM_NAMES[type] ?? type.charAt(0).toUpperCase() + type.slice(1).replaceAll('_', ' ');

export const clock = iso => new Date(iso).toLocaleTimeString([], { hour12: false });

/** The last `seconds` of one bed's strip, on the strip's own sample index. */
export class StripView {
  constructor(seconds) {
    this.seconds = seconds;
    this.rate = 0;
    this.samples = [];
    this.start = 0;
    this.marks = [];
    this.dirty = false;
  }

  get end() { return this.start + this.samples.length; }

  add(chunk) {
    if (chunk.rate !== this.rate) {
      this.rate = chunk.rate;
      this.samples = [];
      this.start = chunk.start;
      this.marks = [];
    }
    if (chunk.start > this.end || chunk.start + chunk.samples.length < this.end) {
      // A reconnect or a browser that fell behind: start again from the chunk.
      this.samples = [];
      this.start = chunk.start;
    }
    const fresh = chunk.samples.slice(this.end - chunk.start);
    for (const v of fresh) this.samples.push(v);
    for (const m of chunk.marks) this.marks.push(m);
    const capacity = Math.ceil(this.seconds * this.rate);
    if (this.samples.length > capacity) {
      const cut = this.samples.length - capacity;
      this.samples.splice(0, cut);
      this.start += cut;
    }
    this.marks = this.marks.filter(m => m.index >= this.start);
    this.dirty = true;
  }

  /** Draws the strip in `rows` rows of `seconds / rows` each, newest sample at the right end of the last row. */
  draw(canvas, rows = 1) {
    this.dirty = false;
    const g = canvas.getContext('2d');
    const w = canvas.width, h = canvas.height, rowHeight = h / rows;
    g.clearRect(0, 0, w, h);
    if (!this.rate) return;
    const perRow = this.seconds * this.rate / rows;
    const first = this.end - perRow * rows;
    const pxPerSample = w / perRow;
    const mvToPx = rowHeight / 3.2;
    const visible = this.samples.filter(v => v !== NO_SIGNAL);
    const sorted = visible.slice().sort((a, b) => a - b);
    const baseline = sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;

    g.strokeStyle = '#16321f';
    g.lineWidth = 1;
    for (let r = 0; r < rows; r++) {
      for (let s = 0; s <= this.seconds / rows; s++) {
        const x = Math.round(s * this.rate * pxPerSample) + 0.5;
        g.beginPath(); g.moveTo(x, r * rowHeight); g.lineTo(x, (r + 1) * rowHeight); g.stroke();
      }
    }

    g.strokeStyle = classColour('N');
    g.lineWidth = 1.6;
    g.beginPath();
    let pen = false;
    for (let i = Math.max(first, this.start); i < this.end; i++) {
      const v = this.samples[i - this.start];
      const offset = i - first, row = Math.floor(offset / perRow);
      if (v === NO_SIGNAL || row >= rows) { pen = false; continue; }
      const x = (offset - row * perRow) * pxPerSample;
      const y = row * rowHeight + rowHeight * 0.6 - (v - baseline) / 1000 * mvToPx;
      const clamped = Math.min(Math.max(y, row * rowHeight + 1), (row + 1) * rowHeight - 1);
      if (pen && x > 0) g.lineTo(x, clamped); else g.moveTo(x, clamped);
      pen = true;
    }
    g.stroke();

    g.font = `bold ${Math.max(11, Math.round(rowHeight / 7))}px sans-serif`;
    g.textAlign = 'center';
    for (const m of this.marks) {
      const offset = m.index - first;
      if (offset < 0 || offset >= perRow * rows) continue;
      const row = Math.floor(offset / perRow);
      const x = (offset - row * perRow) * pxPerSample;
      g.fillStyle = classColour(m.class);
      g.fillText(m.class, x, row * rowHeight + Math.max(12, rowHeight / 6));
      g.fillRect(x - 1, row * rowHeight + rowHeight * 0.82, 2, rowHeight * 0.14);
    }
    canvas.dataset.end = String(this.end);
    canvas.dataset.marks = String(this.marks.length);
    canvas.dataset.samples = String(this.samples.length);
  }
}

/** Milliseconds without any event after which the page says its data is not live (the server sends tiles every second). */
export const STALE_AFTER_MS = 3000;

/** When a bed's newest window last changed: a bed whose data stopped shows no figures after 5 s, whatever it last said. */
export class BedFreshness {
  #window = undefined;
  #changedAt = Date.now();

  update(lastWindow) {
    if (lastWindow !== this.#window) { this.#window = lastWindow; this.#changedAt = Date.now(); }
  }

  get stale() { return Date.now() - this.#changedAt > 5000; }

  get since() { return this.#changedAt; }
}

/**
 * Writes a bed's figures from its tile into `at` (elements root, hr, rhythm, quality, counts): heart rate, rhythm, signal
 * quality and the last minute's counts; a bed whose data stopped (`freshness`) shows none of them, and says since when.
 */
export function showFigures(at, tile, freshness) {
  freshness.update(tile.lastWindow);
  const stale = freshness.stale;
  at.root.classList.toggle('no-data', stale);
  at.hr.textContent = tile.heartRate == null || stale ? '--' : Math.round(tile.heartRate);
  at.rhythm.textContent = stale ? 'NO DATA' : tile.rhythm;
  at.quality.textContent = stale ? `no data since ${clock(freshness.since)}` : `signal ${tile.quality}`;
  at.quality.classList.toggle('poor', stale || (tile.quality !== 'good' && tile.quality !== 'unknown'));
  at.counts.innerHTML = `last min ${countsHtml(tile.counts)}`;
}

/**
 * Says, prominently, whether what the page shows is live: a lost connection (or one that stopped carrying data without
 * closing, which the browser does not notice) puts a red banner over the header and greys every figure and strip.
 */
export function showConnection(status, live, since, closed = false) {
  const what = closed ? 'DISCONNECTED' : 'CONNECTION LOST';
  status.textContent = live ? 'live' : `${what}: nothing shown is live; last data at ${since ? clock(since) : '--'}`;
  status.className = live ? 'connection live' : 'connection lost';
  status.setAttribute('role', live ? 'status' : 'alert');
  document.body.classList.toggle('stale', !live);
}

/** Opens the live stream for `beds`; `handlers` has strips, tiles and alarms. Returns the EventSource. */
export function connect(beds, seconds, handlers, status) {
  const source = new EventSource(`/api/stream?beds=${encodeURIComponent(beds.join(','))}&seconds=${seconds}`);
  let last = Date.now();
  const alive = () => { last = Date.now(); showConnection(status, true); };
  for (const [name, handle] of Object.entries(handlers)) {
    source.addEventListener(name, e => { alive(); handle(JSON.parse(e.data)); });
  }
  source.onopen = alive;
  source.onerror = () => showConnection(status, false, last, source.readyState === EventSource.CLOSED);
  // A watchdog: a connection that stops carrying data without closing raises no error.
  const watchdog = setInterval(() => {
    // A closed stream (closed by the page for another, or refused) has said so already; the page opens the next one.
    if (source.readyState === EventSource.CLOSED) clearInterval(watchdog);
    else if (Date.now() - last > STALE_AFTER_MS) showConnection(status, false, last);
  }, 1000);
  return source;
}

export function countsHtml(counts) {
  return Object.entries(counts).map(([name, n]) => `<span class="${name}"><b>${name}</b>${n}</span>`).join(' ');
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
