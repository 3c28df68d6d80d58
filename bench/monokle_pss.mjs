// Run @monokle/validation's Pod Security Standards plugin (only that
// plugin) over every .yaml/.yml/.json file under DIR, the way bench/config.sh
// compares it with ward. Prints one JSON line: resources, problems by
// rule id, and the time spent parsing and validating (node start-up and
// module loading excluded, which hyperfine measures separately).
// Usage: node bench/monokle_pss.mjs NODE_MODULES_DIR DIR [--list] [--restricted]
// --restricted also enables the plugin's restricted rules (PSS201..PSS206),
// which monokle leaves disabled by default; --list adds every result as
// [where, ruleId, path] (bench/config-compare.py reads it).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, dir, ...flags] = process.argv.slice(2);
const flag = flags.includes('--list') ? '--list' : undefined;
const restricted = flags.includes('--restricted');
if (!modules || !dir) {
  console.error('usage: monokle_pss.mjs NODE_MODULES_DIR DIR [--list]');
  process.exit(2);
}
const load = (p) => import(pathToFileURL(path.join(modules, p)).href);
const { createDefaultMonokleValidator } =
  await load('@monokle/validation/lib/node.js');
const YAML = await load('yaml/dist/index.js');

function* walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && /\.(ya?ml|json)$/.test(e.name)) yield p;
  }
}

// Kubernetes objects, List items flattened, as monokle's Resource.
function* objects(obj, file, text, id) {
  if (!obj || typeof obj !== 'object' || !obj.apiVersion || !obj.kind) return;
  if (obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    let i = 0;
    for (const it of obj.items) yield* objects(it, file, text, `${id}.${i++}`);
    return;
  }
  yield {
    id, fileId: file, filePath: file, fileOffset: 0, text,
    name: obj.metadata?.name ?? '', apiVersion: obj.apiVersion,
    kind: obj.kind, namespace: obj.metadata?.namespace, content: obj,
  };
}

const t0 = performance.now();
const resources = [];
for (const file of walk(dir)) {
  const text = fs.readFileSync(file, 'utf8');
  let i = 0;
  for (const doc of YAML.parseAllDocuments(text)) {
    const body = doc.toString();
    for (const r of objects(doc.toJS(), file, body, `${file}#${i}`))
      resources.push(r);
    i++;
  }
}
const t1 = performance.now();
const v = createDefaultMonokleValidator();
const rules = {};
if (restricted)
  for (const n of [201, 202, 203, 204, 205, 206]) rules[`PSS${n}`] = true;
await v.preload({ plugins: { 'pod-security-standards': true }, rules });
const res = await v.validate({ resources });
const t2 = performance.now();
const byRule = {};
const list = [];
for (const run of res.runs)
  for (const r of run.results ?? []) {
    byRule[r.ruleId] = (byRule[r.ruleId] ?? 0) + 1;
    if (flag === '--list')
      list.push([r.locations?.[1]?.logicalLocations?.[0]?.fullyQualifiedName
                 ?? r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
                 r.ruleId,
                 r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '']);
  }
console.log(JSON.stringify({ resources: resources.length, byRule,
  parseMs: Math.round(t1 - t0), validateMs: Math.round(t2 - t1),
  ...(flag === '--list' ? { list } : {}) }));
