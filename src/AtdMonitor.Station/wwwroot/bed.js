// The bed view: a 30 s strip in three rows, the hour's trend, the bed's alarm history.
import { StripView, BedFreshness, connect, showConnection, showFigures, escapeHtml, alarmName, clock, classColour } from './strip.js';

const $ = id => document.getElementById(id);
const bed = new URLSearchParams(location.search).get('bed') ?? '';
const strip = new StripView(30);
document.title = `${bed} - AtdMonitor central station`;
$('bed-title').textContent = bed;

const freshness = new BedFreshness();
let lastTile = null;
let lastDetail = null;

const figures = { root: document.body, hr: $('hr'), rhythm: $('rhythm'), quality: $('quality'), counts: $('counts') };

function showTile(tile) {
  lastTile = tile;
  showFigures(figures, tile, freshness);
  const alarm = $('bed-alarm');
  alarm.className = `alarm wide ${tile.alarm?.priority ?? ''}`;
  alarm.textContent = tile.alarm ? `${tile.alarm.priority.toUpperCase()} \u00b7 ${alarmName(tile.alarm.type)} \u00b7 ${tile.alarm.status} since ${clock(tile.alarm.onset)}` : '';
}

function drawTrend(trend) {
  const canvas = $('trend'), g = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height, left = 50, barTop = h * 0.62;
  g.clearRect(0, 0, w, h);
  if (!trend.length) return;
  const last = new Date(trend[trend.length - 1].minute).getTime();
  const x = t => left + (w - left - 10) * (1 - (last - new Date(t).getTime()) / (60 * 60000));
  const slot = (w - left - 10) / 60;
  const yOf = bpm => barTop - 8 - (Math.min(Math.max(bpm, 30), 180) - 30) / 150 * (barTop - 20);
  g.font = '13px sans-serif'; g.fillStyle = '#9aa8b8'; g.textAlign = 'right';
  for (const bpm of [40, 80, 120, 160]) {
    const y = yOf(bpm);
    g.fillText(String(bpm), left - 6, y + 4);
    g.strokeStyle = '#1d252f'; g.beginPath(); g.moveTo(left, y); g.lineTo(w - 10, y); g.stroke();
  }
  g.fillText('mix', left - 6, barTop + (h - barTop) / 2);
  for (const point of trend) {
    const total = Object.values(point.counts).reduce((a, b) => a + b, 0);
    if (!total) continue;
    let y = h - 4;
    for (const [name, n] of Object.entries(point.counts)) {
      const height = (h - barTop - 10) * n / total;
      g.fillStyle = classColour(name);
      g.fillRect(x(point.minute) - slot / 2 + 1, y - height, Math.max(2, slot - 2), height);
      y -= height;
    }
  }
  g.strokeStyle = classColour('N'); g.lineWidth = 2; g.beginPath();
  let pen = false;
  for (const point of trend) {
    if (point.heartRate == null) { pen = false; continue; }
    const y = yOf(point.heartRate);
    if (pen) g.lineTo(x(point.minute), y); else g.moveTo(x(point.minute), y);
    pen = true;
  }
  g.stroke();
  g.fillStyle = classColour('N');
  for (const point of trend) {
    if (point.heartRate == null) continue;
    const y = yOf(point.heartRate);
    g.beginPath(); g.arc(x(point.minute), y, 3, 0, 2 * Math.PI); g.fill();
  }
}

function showHistory(alarms) {
  document.querySelector('#history tbody').innerHTML = alarms.map(a => `<tr class="${a.isActive ? 'active' : 'cleared'}">
    <td><span class="pill ${a.priority}">${a.priority}</span></td><td>${escapeHtml(alarmName(a.type))}</td><td>${clock(a.onset)}</td>
    <td>${escapeHtml(a.status)}${a.operator ? ` (${escapeHtml(a.operator)})` : ''}</td><td>${clock(a.changed)}</td><td>${escapeHtml(a.message)}</td></tr>`).join('');
}

async function loadDetail() {
  let response;
  try {
    response = await fetch(`/api/beds/${encodeURIComponent(bed)}`, { signal: AbortSignal.timeout(5000) });
  } catch {
    showConnection($('connection'), false, lastDetail);
    return;
  }
  if (!response.ok) {
    // A bed the station does not know: no stream whose events would call the page live; it is opened once the bed comes.
    source.close();
    $('connection').textContent = (await response.text()).trim();
    $('connection').className = 'connection lost';
    return;
  }
  lastDetail = Date.now();
  // The browser does not retry a stream the server refused (503 when every view slot is taken), a reconnect included:
  // open it again here, for a bed the station knows.
  if (source.readyState === EventSource.CLOSED) source = open();
  const detail = await response.json();
  showTile(detail.tile);
  drawTrend(detail.trend);
  showHistory(detail.alarms);
}

function frame() {
  if (strip.dirty) strip.draw($('long-strip'), 3);
  requestAnimationFrame(frame);
}

const open = () => connect([bed], 30, {
  strips: chunks => chunks.forEach(c => strip.add(c)),
  tiles: tiles => tiles.forEach(showTile),
  alarms: () => loadDetail(),
}, $('connection'));
let source = open();
loadDetail();
setInterval(loadDetail, 5000);
// A bed whose data stopped sends no more tiles to say so: judge the last one again each second.
setInterval(() => lastTile && showTile(lastTile), 1000);
requestAnimationFrame(frame);
