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
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { compare, fmtMs, fresh, KIT, measure, N, printTable, saveResults, usage } from "./lib.mjs";
import { prepare, PROJECTS } from "./projects.mjs";

const { bin, out } = usage("cli.bench.mjs");
const work = join(out, "cli");

const sqlCount = (dir) => readdirSync(dir).filter((f) => f.endsWith(".sql") && !f.endsWith(".down.sql")).length;

const noChange = [], pendingRows = [];
PROJECTS.forEach((p, k) => {
  const { base, pending } = prepare(p, work, `p${k}`);
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
