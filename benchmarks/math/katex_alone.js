// KaTeX alone, as the bridge calls it (same options, htmlAndMathml), in one node process started cold:
// loads KaTeX and typesets the formulas of a JSON file (`[{"tex": "...", "display": true}]`) once; with
// SHARD and SHARDS only every SHARDS-th formula from SHARD on (so n processes split the formulas as the
// bridge's n workers do). Prints one JSON line: formulas, wall and CPU seconds of the whole process
// (start, load, one pass) and of a second, warm pass over the same formulas.
// Usage: NODE_PATH=/usr/share/nodejs node katex_alone.js FORMULAS.json [SHARD SHARDS]
const started = process.hrtime.bigint();
const katex = require('katex');
const fs = require('fs');
const shard = Number(process.argv[3] || 0), shards = Number(process.argv[4] || 1);
const items = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')).filter((_, i) => i % shards === shard);
function pass() {
  let bytes = 0;
  for (const item of items) {
    bytes += Buffer.byteLength(katex.renderToString(item.tex, {
      displayMode: item.display, output: 'htmlAndMathml', throwOnError: false, trust: false, macros: {},
      strict: () => 'ignore',
    }));
  }
  return bytes;
}
const cpuSeconds = (usage) => (usage.user + usage.system) / 1e6;
const bytes = pass();
const coldWall = Number(process.hrtime.bigint() - started) / 1e9;
const coldCPU = cpuSeconds(process.cpuUsage());
const warmStart = process.hrtime.bigint(), warmCPUStart = process.cpuUsage();
pass();
console.log(JSON.stringify({
  formulas: items.length, bytes, coldWall, coldCPU,
  warmWall: Number(process.hrtime.bigint() - warmStart) / 1e9, warmCPU: cpuSeconds(process.cpuUsage(warmCPUStart)),
}));
