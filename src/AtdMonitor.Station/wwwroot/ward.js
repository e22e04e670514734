// The ward view: a page of bed tiles (alarming beds first), the alarm list, live over one EventSource.
import { StripView, BedFreshness, connect, showConnection, showFigures, escapeHtml, alarmName, clock } from './strip.js';

const STRIP_SECONDS = 6;
const $ = id => document.getElementById(id);
const ward = $('ward');
const views = new Map();
let beds = null;
let source = null;
let page = 0;
let total = 0;
let lastWard = null;

const query = () => new URLSearchParams({
  q: $('search').value.trim(), alarming: $('alarming').checked, page, size: $('size').value,
});

async function loadPage() {
  let response;
  try {
    response = await fetch(`/api/ward?${query()}`, { signal: AbortSignal.timeout(5000) });
  } catch {
    showConnection($('connection'), false, lastWard);
    return;
  }
  if (!response.ok) { $('connection').textContent = `ward: ${response.status}`; return; }
  lastWard = Date.now();
  const result = await response.json();
  page = result.page;
  total = result.total;
  const first = total ? result.page * result.size + 1 : 0;
  $('range').textContent = `beds ${first}\u2013${result.page * result.size + result.beds.length} of ${total}`;
  $('previous').disabled = page === 0;
  $('next').disabled = (page + 1) * result.size >= total;
  const ids = result.beds.map(t => t.bed);
  // The browser does not retry a stream the server refused (503 when every view slot is taken), a reconnect included:
  // open it again here.
  if (ids.join() !== beds?.join() || source?.readyState === EventSource.CLOSED) {
    beds = ids;
    build(result.beds);
    source?.close();
    // The stream sends the alarm list when it opens and whenever it changes; a separate request could answer after it,
    // older, and hold an ended alarm on the list until the next change. Without a stream, the list is asked for.
    const stream = ids.length ? connect(ids, STRIP_SECONDS, { strips, tiles: t => t.forEach(updateTile), alarms: renderAlarms }, $('connection')) : null;
    stream?.addEventListener('error', () => { if (stream.readyState === EventSource.CLOSED) loadAlarms(); });
    source = stream;
    if (!stream) loadAlarms();
  }
  result.beds.forEach(updateTile);
  // A page with no beds has no stream to say it is live: the station answering says so.
  if (!source) showConnection($('connection'), true);
}

function loadAlarms() {
  fetch('/api/alarms').then(r => r.ok ? r.json() : []).then(renderAlarms).catch(() => showConnection($('connection'), false, lastWard));
}

function build(tiles) {
  const kept = new Map();
  ward.replaceChildren();
  for (const tile of tiles) {
    const view = views.get(tile.bed) ?? makeTile(tile.bed);
    kept.set(tile.bed, view);
    ward.append(view.element);
  }
  views.clear();
  kept.forEach((view, bed) => views.set(bed, view));
}

function makeTile(bed) {
  const element = $('tile-template').content.firstElementChild.cloneNode(true);
  element.dataset.bed = bed;
  const link = element.querySelector('.bed');
  link.textContent = bed;
  link.title = bed;
  link.href = `bed.html?bed=${encodeURIComponent(bed)}`;
  const figures = { root: element, hr: element.querySelector('.hr .value'), rhythm: element.querySelector('.rhythm'), quality: element.querySelector('.quality'), counts: element.querySelector('.counts') };
  return { element, canvas: element.querySelector('canvas'), strip: new StripView(STRIP_SECONDS), freshness: new BedFreshness(), figures };
}

function strips(chunks) {
  for (const chunk of chunks) views.get(chunk.bed)?.strip.add(chunk);
}

function updateTile(tile) {
  const view = views.get(tile.bed);
  if (!view) return;
  view.tile = tile;
  const e = view.element;
  showFigures(view.figures, tile, view.freshness);
  const alarm = e.querySelector('.alarm');
  e.classList.remove('high', 'medium', 'low', 'technical');
  alarm.className = 'alarm';
  // An acknowledged or silenced alarm stays on the tile but stops flashing: someone is on it.
  e.classList.toggle('quiet', tile.alarm != null && tile.alarm.acknowledgement !== 'unacknowledged');
  if (tile.alarm) {
    e.classList.add(tile.alarm.priority);
    alarm.classList.add(tile.alarm.priority);
    alarm.textContent = `${tile.alarm.priority.toUpperCase()} \u00b7 ${alarmName(tile.alarm.type)} \u00b7 ${tile.alarm.status}`;
  } else {
    alarm.textContent = '';
  }
}

function renderAlarms(alarms) {
  const rows = alarms.map(a => {
    const canAcknowledge = a.isActive && a.acknowledgement !== 'acknowledged';
    const state = a.acknowledgement === 'acknowledged' && a.operator ? `${a.status} by ${a.operator}` : a.status;
    return `<tr class="${a.isActive ? 'active' : 'cleared'}" data-key="${escapeHtml(`${a.bed}|${a.type}|${a.onset}`)}" data-state="${escapeHtml(a.status)}">
      <td><span class="pill ${a.priority}">${a.priority}</span></td>
      <td class="bed-cell"><a href="bed.html?bed=${encodeURIComponent(a.bed)}" title="${escapeHtml(a.bed)}">${escapeHtml(a.bed)}</a></td>
      <td>${escapeHtml(alarmName(a.type))}</td>
      <td>${clock(a.onset)}</td>
      <td class="state">${escapeHtml(state)}</td>
      <td>${canAcknowledge ? `<button type="button" class="acknowledge" data-bed="${escapeHtml(a.bed)}" data-type="${escapeHtml(a.type)}" data-onset="${escapeHtml(a.onset)}">Acknowledge</button>` : ''}</td>
    </tr>`;
  });
  document.querySelector('#alarm-list tbody').innerHTML = rows.join('');
}

/** Says what became of an acknowledgement, above the list where it is seen; a failure re-enables the button. */
function tell(text, ok) {
  const line = $('alarm-outcome');
  line.textContent = text;
  line.className = ok ? 'outcome ok' : 'outcome error';
}

async function acknowledge(button) {
  const operator = $('operator').value.trim();
  if (!operator) { tell('Enter your name as operator first.', false); $('operator').focus(); return; }
  localStorage.setItem('atd-operator', operator);
  const { bed, type, onset } = button.dataset;
  const again = () => { button.disabled = false; button.textContent = 'Acknowledge'; };
  button.disabled = true;
  button.textContent = 'Sending\u2026';
  try {
    // The onset names the episode on the nurse's list: a newer one on the board is refused, not acknowledged unseen.
    const response = await fetch('/api/alarms/acknowledge', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Atd-Station': '1' },
      body: JSON.stringify({ bed, type, operator, onset }),
    });
    const reason = (await response.text()).trim();
    tell(response.ok ? `${alarmName(type)} on ${bed}: ${reason}` : `NOT acknowledged, ${alarmName(type)} on ${bed}: ${reason}`, response.ok);
    if (!response.ok) again();
  } catch {
    tell(`NOT acknowledged, ${alarmName(type)} on ${bed}: no connection to the station.`, false);
    again();
  }
}

function frame() {
  for (const view of views.values()) if (view.strip.dirty) view.strip.draw(view.canvas);
  requestAnimationFrame(frame);
}

$('operator').value = localStorage.getItem('atd-operator') ?? '';
document.querySelector('#alarm-list').addEventListener('click', e => {
  if (e.target.matches('button.acknowledge')) acknowledge(e.target);
});
const reload = () => { page = 0; loadPage(); };
$('search').addEventListener('input', reload);
$('alarming').addEventListener('change', reload);
$('size').addEventListener('change', reload);
$('previous').addEventListener('click', () => { page = Math.max(0, page - 1); loadPage(); });
$('next').addEventListener('click', () => { page += 1; loadPage(); });
loadPage();
// The order changes as alarms come and go, and new beds appear: look again every few seconds.
setInterval(loadPage, 3000);
requestAnimationFrame(frame);
// A bed whose data stopped sends no more tiles to say so: judge every tile again each second.
setInterval(() => views.forEach(view => view.tile && updateTile(view.tile)), 1000);
