// cli.bench.mjs — drizzle-lsp's CLI against the drizzle-kit CLI a user runs,
// on the same projects, in the same run, interleaved:
//   1. no pending change: `drizzle-kit generate` (which loads the schema and
//      computes the snapshot, then finds nothing to write) vs `drizzle-lsp
//      generate`, `check` and `snapshot`;
//   2. a pending change: `drizzle-kit generate` vs `drizzle-lsp generate`,
//      each on a fresh scratch copy made (untimed) before every run.
// Projects: examples/dashboard, the largest corpus case (52-saas-app) and a
// generated 200-table schema (gen_schema.mjs). Every baseline migrations
// folder is written by drizzle-kit itself.
// Usage: node bench/cli.bench.mjs <drizzle-lsp>   (BENCH_N runs, default 7)
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compare, fmtMs, fresh, KIT, measure, N, printTable, run, saveResults, SOURCE, usage } from "./lib.mjs";

const { bin, out } = usage("cli.bench.mjs");
const work = join(out, "cli");

// Each project: where it comes from, its migrations folder, and the pending
// change (null: the source already has one pending).
const column = (file, anchor) => (dir) => {
  const p = join(dir, file);
  const text = readFileSync(p, "utf8");
  const at = text.indexOf(anchor);
  if (at < 0) throw new Error(`${p}: anchor ${anchor} not found`);
  const eol = text.indexOf("\n", at) + 1;
  writeFileSync(p, text.slice(0, eol) + "    benchNote: text(),\n" + text.slice(eol));
};
const projects = [
  { name: "dashboard", src: "examples/dashboard/packages/db", migrations: "drizzle", pending: null },
  {
    name: "corpus 52-saas-app",
    src: "tests/corpus/52-saas-app",
    migrations: "src/db/migrations",
    pending: column("src/db/schema/org.ts", "    name: text().notNull(),"),
  },
  { name: "generated 200 tables", src: null, migrations: "drizzle", pending: column("src/schema/part3.ts", "    slug: text().notNull(),") },
];

function setUp(p, k) {
  const base = join(work, `p${k}-base`), pending = join(work, `p${k}-pending`);
  if (p.src) fresh(join(SOURCE, p.src), pending);
  else run("node", [join(SOURCE, "bench/gen_schema.mjs"), pending, "200", "8"], SOURCE);
  if (!p.src) run(KIT, ["generate"], pending); // the generated schema's first migration
  fresh(pending, base);
  run(KIT, ["generate"], base); // baseline: drizzle-kit's own migration of the current schema
  if (p.pending) {
    fresh(base, pending);
    p.pending(pending);
  }
  return { base, pending };
}

const sqlCount = (dir) => readdirSync(dir).filter((f) => f.endsWith(".sql") && !f.endsWith(".down.sql")).length;

const noChange = [], pendingRows = [];
projects.forEach((p, k) => {
  const { base, pending } = setUp(p, k);
  const s = (label, cmd, args) => ({ label, cmd, args, cwd: base });
  const [kit, gen, check, snap] = measure([
    s("drizzle-kit generate", KIT, ["generate"]),
    s("drizzle-lsp generate", bin, ["generate"]),
    s("drizzle-lsp check", bin, ["check"]),
    s("drizzle-lsp snapshot", bin, ["snapshot"]),
  ]);
  noChange.push(compare(p.name, "generate, no change", gen, kit));
  noChange.push(compare(p.name, "check, no change", check, kit));
  noChange.push(compare(p.name, "snapshot", snap, kit));

  const kitDir = join(work, `p${k}-kit`), lspDir = join(work, `p${k}-lsp`);
  const before = sqlCount(join(pending, p.migrations));
  const g = (label, cmd, dir) => ({ label, cmd, args: ["generate"], cwd: dir, prepare: () => fresh(pending, dir) });
  const [kitGen, lspGen] = measure([g("drizzle-kit generate", KIT, kitDir), g("drizzle-lsp generate", bin, lspDir)]);
  for (const dir of [kitDir, lspDir])
    if (sqlCount(join(dir, p.migrations)) !== before + 1)
      throw new Error(`${dir}: generate did not write exactly one migration`);
  pendingRows.push(compare(p.name, "generate, pending change", lspGen, kitGen));
});

const rows = (list) =>
  list.map((r) => [r.project, r.what, fmtMs(r.subject), fmtMs(r.baseline), `${r.ratio.toFixed(1)}x`]);
const headers = ["project", "drizzle-lsp command", "drizzle-lsp ms", "drizzle-kit generate ms", "kit/lsp"];
console.log(`CLI wall time, median (min–max) of N=${N} interleaved runs each`);
printTable("1. no pending change (drizzle-kit computes the snapshot and writes nothing)", rows(noChange), headers);
printTable("2. a pending change, fresh scratch copy per run", rows(pendingRows), headers);
saveResults(out, "cli", { n: N, no_change: noChange, pending_change: pendingRows });
