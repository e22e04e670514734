// Compiles every Flux query of the Grafana dashboards with the Flux language service
// (@influxdata/flux-lsp-browser, WebAssembly): syntax, types, builtin signatures and undefined names.
// Grafana's variables are replaced as Grafana would before it sends a query: ${name:json} by a JSON list,
// ${name} by a value, and the v record (v.timeRangeStart, v.windowPeriod, v.defaultBucket, ...) is declared.
// Usage: node check_flux.mjs PACKAGE_DIR [DASHBOARD ...]   (PACKAGE_DIR holds the npm package)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [packageDir, ...given] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const boards = given.length ? given
  : readdirSync(join(here, 'dashboards')).filter((f) => f.endsWith('.json')).sort().map((f) => join(here, 'dashboards', f));

// The package is built for bundlers (it imports its .wasm as an ES module, which Node does not); load the
// glue code with the wasm instance handed in instead.
const glue = readFileSync(join(packageDir, 'flux-lsp-browser_bg.js'), 'utf8')
  .replace("import * as wasm from './flux-lsp-browser_bg.wasm';", 'let wasm;')
  .replace(/^cachedInt32Memory0 = new Int32Array\(wasm\.memory\.buffer\);\ncachedUint8Memory0 = new Uint8Array\(wasm\.memory\.buffer\);$/m,
    'export function attach(instance) { wasm = instance.exports; cachedInt32Memory0 = new Int32Array(wasm.memory.buffer); cachedUint8Memory0 = new Uint8Array(wasm.memory.buffer); }');
if (!glue.includes('export function attach(')) throw new Error(`unexpected layout of ${packageDir}/flux-lsp-browser_bg.js`);
const gluePath = join(packageDir, 'flux-glue.mjs');
writeFileSync(gluePath, glue);
const flux = await import(pathToFileURL(gluePath).href);
const wasmModule = new WebAssembly.Module(readFileSync(join(packageDir, 'flux-lsp-browser_bg.wasm')));
const imports = {};
for (const { module, name } of WebAssembly.Module.imports(wasmModule)) (imports[module] ??= {})[name] = flux[name];
flux.attach(new WebAssembly.Instance(wasmModule, imports));

const grafanaRecord = 'v = {timeRangeStart: -1h, timeRangeStop: now(), windowPeriod: 10s, defaultBucket: "atd", organization: "atd"}';

function asGrafanaSendsIt(query) {
  const text = query.replace(/\$\{(\w+):json\}/g, '["1"]').replace(/\$\{(\w+)\}/g, '1');
  const lines = text.split('\n');
  const body = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('import '));
  return [...lines.slice(0, body), grafanaRecord, ...lines.slice(body)].join('\n');
}

function* queries(node, where) {
  if (Array.isArray(node)) { for (const item of node) yield* queries(item, where); return; }
  if (node === null || typeof node !== 'object') return;
  const name = typeof node.title === 'string' ? node.title : typeof node.name === 'string' ? node.name : null;
  const here = name ? `${where} / ${name}` : where;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'query' && typeof value === 'string') yield [here, value];
    else yield* queries(value, here);
  }
}

// The checker must reject what it exists to reject.
for (const bad of ['from(bucket: v.defaultBucket) |> range(start: v.timeRangeStart) |> frobnicate()',
                   'from(bucket: v.defaultBucket) |> range(start: v.timeRangeStart) |> derivative(unit: "1s")',
                   'from(bucket: v.defaultBucket) |> range(start: v.timeRangeStart) |> filter(fn: (r) => r._value == )']) {
  let valid;
  try { valid = new flux.Flux(asGrafanaSendsIt(bad)).is_valid(); } catch { valid = false; }
  if (valid) throw new Error(`the Flux checker accepted an invalid query: ${bad}`);
}

let checked = 0;
let failures = 0;
for (const board of boards) {
  for (const [where, query] of queries(JSON.parse(readFileSync(board, 'utf8')), basename(board))) {
    checked += 1;
    let valid;
    try { valid = new flux.Flux(asGrafanaSendsIt(query)).is_valid(); } catch (error) { valid = false; }
    if (!valid) { failures += 1; console.error(`${where}: Flux does not compile:\n${query}\n`); }
  }
}
console.log(`${checked} Flux queries in ${boards.length} dashboards compiled: ${failures} failed`);
process.exit(failures || checked === 0 ? 1 : 0);
