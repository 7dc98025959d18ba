// Writes three heap snapshots of a small Node.js service for each of three leak shapes that are not the
// founding story's, and a summary of each (objects per constructor) for heapdiff-analysis's tests.
//
//   for s in listeners cache churn; do node --expose-gc leak-shapes.js $s OUT_DIR [SUMMARY_DIR]; done
//
// (one process per shape, so that no shape's objects linger in another's snapshots)
//
// Shapes (each: warm-up, snapshot 1, N requests, snapshot 2, N more, snapshot 3):
//   listeners  every request registers a listener closure on a long-lived EventEmitter and never removes it;
//              the closure captures the request's RequestContext (and its Headers).
//   cache      a module-level Map caches a rendered Fragment per request URL (every URL is new): a static
//              cache keyed by request, never evicted.
//   churn      a bounded LRU of 256 Page objects (full after warm-up) and a job queue whose length goes up
//              and down with load; no leak.
'use strict';
const v8 = require('v8');
const fs = require('fs');
const path = require('path');
const { EventEmitter } = require('events');

const only = process.argv[2];
const out = process.argv[3] || '/tmp/leak-shapes';
const summaryDir = process.argv[4];
fs.mkdirSync(out, { recursive: true });
if (summaryDir) fs.mkdirSync(summaryDir, { recursive: true });

let seed = 42;
function rand() { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; }

class Headers { constructor(n) { this.accept = 'application/json'; this.agent = 'client/' + n; this.length = n % 1000; } }
class RequestContext {
  constructor(id) { this.id = id; this.user = 'u' + (id % 97); this.headers = new Headers(id); this.startedAt = Date.now(); }
  refresh(cfg) { this.config = cfg; }
}
class Fragment { constructor(url, html) { this.url = url; this.html = html; this.renderedAt = Date.now(); this.hits = 0; } }
class Page { constructor(id) { this.id = id; this.title = 'page ' + id; this.links = [id + 1, id + 2]; } }
class Job { constructor(id) { this.id = id; this.payload = { n: id, at: Date.now() }; } }

const shapes = {
  listeners() {
    const bus = new EventEmitter();
    bus.setMaxListeners(0);
    return (i) => {
      const ctx = new RequestContext(i);
      bus.on('config', (cfg) => ctx.refresh(cfg)); // never removed: the leak
      return JSON.stringify({ ok: true, id: ctx.id }).length;
    };
  },
  cache() {
    const fragments = new Map();
    return (i) => {
      const url = '/items/' + i + '?page=' + (i % 7);
      let f = fragments.get(url);
      if (!f) { f = new Fragment(url, '<li>item ' + i + '</li>'); fragments.set(url, f); } // never evicted
      f.hits++;
      return f.html.length;
    };
  },
  churn() {
    const lru = new Map();
    const queue = [];
    return (i) => {
      const id = Math.floor(rand() * 5000);
      if (lru.has(id)) { const p = lru.get(id); lru.delete(id); lru.set(id, p); }
      else { lru.set(id, new Page(id)); if (lru.size > 256) lru.delete(lru.keys().next().value); }
      // load goes up and down: the queue fills in bursts and drains
      const target = Math.floor(400 + 350 * Math.sin(i / 900));
      while (queue.length < target) queue.push(new Job(i * 1000 + queue.length));
      while (queue.length > target) queue.shift();
      return queue.length;
    };
  },
};

function summarize(file) {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
  const meta = snap.snapshot.meta;
  const f = meta.node_fields, types = meta.node_types[0];
  const nf = f.length, iType = f.indexOf('type'), iName = f.indexOf('name'), iSize = f.indexOf('self_size');
  const counts = new Map();
  const nodes = snap.nodes, strings = snap.strings;
  for (let i = 0; i < nodes.length; i += nf) {
    const type = types[nodes[i + iType]];
    let key;
    if (type === 'object') key = strings[nodes[i + iName]];
    else if (type === 'closure') key = '(closure)';
    else if (type === 'array') key = '(array)';
    else if (type === 'string' || type === 'concatenated string' || type === 'sliced string') key = '(string)';
    else continue;
    const c = counts.get(key) || [0, 0];
    c[0]++; c[1] += nodes[i + iSize];
    counts.set(key, c);
  }
  return [...counts.entries()].filter(([, c]) => c[0] >= 20).sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1));
}

const N = 3000;
if (!shapes[only]) throw new Error('name a shape: ' + Object.keys(shapes).join(', '));
for (const name of [only]) {
  const handle = shapes[name]();
  let i = 0;
  const run = (n) => { for (let k = 0; k < n; k++) handle(i++); };
  const lines = ['# ' + name + ': objects per constructor (count >= 20) from node ' + process.version + ' heap snapshots'];
  run(1000); // warm-up
  const moments = ['1-baseline', '2-target', '3-final'];
  for (let m = 0; m < 3; m++) {
    if (m > 0) run(N);
    global.gc();
    const file = path.join(out, name + '-' + moments[m] + '.heapsnapshot');
    v8.writeHeapSnapshot(file);
    lines.push(['snapshot', path.basename(file), 'v8-heapsnapshot', '-'].join('\t'));
    for (const [k, c] of summarize(file)) lines.push([k, c[0], c[1]].join('\t'));
    console.log(name, moments[m], i, 'requests', fs.statSync(file).size, 'bytes');
  }
  if (summaryDir) fs.writeFileSync(path.join(summaryDir, name + '.v8.tsv'), lines.join('\n') + '\n');
}
