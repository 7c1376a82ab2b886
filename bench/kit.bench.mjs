// kit.bench.mjs — the snapshot computation alone, without Node's start-up:
// drizzle-kit's schema loading and serializer called in-process and warm
// (kit_inprocess.cjs; one warm-up call first) vs the whole `drizzle-lsp
// snapshot` process (start-up, config, reading, parsing, extracting,
// writing JSON), interleaved in the same run. This is the comparison least
// favourable to drizzle-lsp: the CLI table (cli.bench.mjs) is what a user
// waits for, this one is the work itself.
// Usage: node bench/kit.bench.mjs <drizzle-lsp>   (BENCH_N, default 7)
import { createRequire } from "node:module";
import { join } from "node:path";
import { compare, fmtMs, N, printTable, saveResults, SOURCE, summary, timeOnce, usage } from "./lib.mjs";
import { prepare, PROJECTS, schemaFiles } from "./projects.mjs";

const { bin, out } = usage("kit.bench.mjs");
const { snapshotter } = createRequire(import.meta.url)("./kit_inprocess.cjs");
const work = join(out, "kit");

const rows = [];
for (const [k, p] of PROJECTS.entries()) {
  const { base } = prepare(p, work, `p${k}`);
  const files = schemaFiles(p, base);
  const snap = snapshotter(SOURCE, base);
  const warm = await snap(files);
  const tables = Object.keys(warm.tables).length;
  const kit = [], lsp = [];
  for (let i = 0; i < N; i++) {
    const t0 = process.hrtime.bigint();
    const s = await snap(files);
    kit.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (Object.keys(s.tables).length !== tables) throw new Error(`${p.name}: drizzle-kit saw a different schema`);
    const r = timeOnce(bin, ["snapshot"], base);
    if (Object.keys(JSON.parse(r.stdout).tables).length !== tables)
      throw new Error(`${p.name}: drizzle-lsp snapshot has a different table count than drizzle-kit (${tables})`);
    lsp.push(r.ms);
  }
  rows.push({
    ...compare(p.name, "snapshot", { label: "drizzle-lsp snapshot (process)", ...summary(lsp) },
      { label: "drizzle-kit in-process, warm", ...summary(kit) }),
    tables,
  });
}

printTable(
  `1b. snapshot computation: drizzle-kit in-process and warm vs the drizzle-lsp snapshot process; N=${N}, median (min–max) ms`,
  rows.map((r) => [r.project, r.tables, fmtMs(r.subject), fmtMs(r.baseline), `${r.ratio.toFixed(2)}x`]),
  ["project", "tables", "drizzle-lsp snapshot ms", "drizzle-kit in-process ms", "kit/lsp"],
);
saveResults(out, "kit_inprocess", { n: N, rows });
