// extract.bench.mjs — the C engine alone, on the generated 200-table project:
//   a. bench_extract (bench/bench_extract.c): full parse+index+link of every
//      file vs the server's incremental path for a one-character edit of one
//      file (ts_tree_edit + reparse, re-index, re-link), wall time with
//      clock_gettime over many iterations in one process, as a ratio;
//   b. instruction counts under valgrind --tool=callgrind, which machine load
//      does not change: `drizzle-lsp snapshot` (the whole command), and one
//      full and one incremental iteration of bench_extract, isolated with
//      --toggle-collect on run_full / run_incremental.
// Usage: node bench/extract.bench.mjs <drizzle-lsp>
//   BENCH_ITERS: bench_extract iterations (default 40)
//   BENCH_CALLGRIND=0 skips part b (also skipped when valgrind is missing).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { printTable, round, run, saveResults, usage } from "./lib.mjs";
import { LARGE, prepare } from "./projects.mjs";

const { bin, out } = usage("extract.bench.mjs");
const tool = join(dirname(bin), "bench", "bench_extract");
if (!existsSync(tool)) {
  console.error(`${tool} is missing: build the project first (cmake --build build)`);
  process.exit(2);
}
const ITERS = Math.max(2, Number(process.env.BENCH_ITERS || 40));
const { base: project } = prepare(LARGE, join(out, "extract"), "large");
const config = join(project, "drizzle.config.ts");
const FILE_INDEX = "4"; // _shared.ts, part0.ts, ... : part3.ts, as in lsp.bench.mjs

const extract = (iters, mode) => JSON.parse(run(tool, [config, FILE_INDEX, String(iters), ...(mode ? [mode] : [])], project));

const native = extract(ITERS);
if (!native.edited_file.endsWith("part3.ts") || native.tables !== 200)
  throw new Error(`bench_extract edited ${native.edited_file} and saw ${native.tables} tables`);
const ms = (s) => `${(s.median_us / 1000).toFixed(2)} (${(s.min_us / 1000).toFixed(2)}–${(s.max_us / 1000).toFixed(2)})`;
const inc = native.incremental;
printTable(
  `4a. engine in one process, generated 200 tables (${native.files} files), edit in part3.ts (${native.edited_bytes} bytes); N=${ITERS} iterations, median (min–max) ms`,
  [
    ["full: parse+index all files, link", ms(native.full), "1.0x"],
    ["incremental total", ms(inc.total), `${(native.full.median_us / inc.total.median_us).toFixed(1)}x faster`],
    ["  ts_tree_edit + reparse", ms(inc.reparse), ""],
    ["  re-index the module", ms(inc.index), ""],
    ["  re-link all modules", ms(inc.link), ""],
  ],
  ["what", "ms", "full/incr"],
);

// Instructions collected by callgrind for one command (toggle: only inside
// that function), read from its output file's totals line.
function callgrind(name, args, toggle) {
  const file = join(out, "extract", `callgrind.${name}.out`);
  const vg = ["--tool=callgrind", `--callgrind-out-file=${file}`, ...(toggle ? [`--toggle-collect=${toggle}`] : [])];
  const r = spawnSync("valgrind", [...vg, ...args], { cwd: project, stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0) throw new Error(`valgrind ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const m = /^totals:\s+(\d+)/m.exec(readFileSync(file, "utf8")) || /^summary:\s+(\d+)/m.exec(readFileSync(file, "utf8"));
  if (!m) throw new Error(`${file}: no totals line`);
  return Number(m[1]);
}

let instructions = null;
const haveValgrind = spawnSync("valgrind", ["--version"]).status === 0;
if (process.env.BENCH_CALLGRIND !== "0" && haveValgrind) {
  const K = 2; // one insert and one delete
  const snapshot = callgrind("snapshot", [bin, "snapshot"]);
  const full = callgrind("full", [tool, config, FILE_INDEX, String(K), "full"], "run_full") / K;
  const incremental = callgrind("incremental", [tool, config, FILE_INDEX, String(K), "incremental"], "run_incremental") / K;
  instructions = { snapshot, full_extract: full, incremental, ratio_full_over_incremental: round(full / incremental) };
  const g = (x) => (x / 1e6).toFixed(1);
  printTable(
    "4b. instructions (valgrind --tool=callgrind; deterministic, independent of load), generated 200 tables",
    [
      ["drizzle-lsp snapshot (whole process)", g(snapshot), ""],
      ["full extract (bench_extract run_full, per iteration)", g(full), "1.0x"],
      ["incremental (bench_extract run_incremental, per edit)", g(incremental), `${(full / incremental).toFixed(1)}x fewer`],
    ],
    ["what", "M instructions", "full/incr"],
  );
} else console.log(`\n4b. skipped (${haveValgrind ? "BENCH_CALLGRIND=0" : "valgrind not installed"})`);

saveResults(out, "extract", {
  iterations: ITERS,
  wall: { ...native, ratio_full_over_incremental: round(native.ratio_full_over_incremental) },
  instructions,
});
