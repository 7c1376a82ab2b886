// lib.mjs — shared by the benchmark scripts: run a command N times, summarize
// wall times (median, min, max), compare two subjects measured in the same
// run (interleaved, so machine load hits both alike) and keep the results
// for the report (results.json is merged, one key per benchmark script).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, resolve } from "node:path";

export const SOURCE = resolve(dirname(new URL(import.meta.url).pathname), "..");
export const KIT = join(SOURCE, "node_modules/.bin/drizzle-kit");
export const N = Math.max(1, Number(process.env.BENCH_N || 7));

export function usage(script) {
  const bin = process.argv[2];
  if (!bin || !existsSync(bin)) {
    console.error(`usage: node bench/${script} <path to drizzle-lsp> (got ${bin ?? "nothing"})`);
    process.exit(2);
  }
  const out = resolve(dirname(resolve(bin)), "bench");
  mkdirSync(out, { recursive: true });
  return { bin: resolve(bin), out };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summary(ms) {
  return { n: ms.length, median_ms: round(median(ms)), min_ms: round(Math.min(...ms)), max_ms: round(Math.max(...ms)) };
}

export const round = (x) => Math.round(x * 1000) / 1000;

// Run cmd once in cwd; returns wall ms. Fails loudly on an unexpected exit
// code, so a broken command never shows up as a fast one.
export function timeOnce(cmd, args, cwd, okCodes = [0]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  if (!okCodes.includes(r.status))
    throw new Error(`${cmd} ${args.join(" ")} in ${cwd} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return { ms, stdout: r.stdout.toString() };
}

export function run(cmd, args, cwd) {
  return timeOnce(cmd, args, cwd).stdout;
}

// A fresh copy of src at dst (dst wiped first).
export function fresh(src, dst) {
  rmSync(dst, { recursive: true, force: true });
  cpSync(src, dst, { recursive: true });
}

// Measure subjects interleaved, N rounds: each subject is
// { label, cmd, args, cwd, prepare?: () => void (untimed, before each run) }.
export function measure(subjects, n = N) {
  const times = subjects.map(() => []);
  for (let i = 0; i < n; i++)
    subjects.forEach((s, k) => {
      if (s.prepare) s.prepare();
      times[k].push(timeOnce(s.cmd, s.args, s.cwd, s.okCodes).ms);
    });
  return subjects.map((s, k) => ({ label: s.label, ...summary(times[k]) }));
}

// One comparison row: ratio = baseline median / subject median (how many
// times faster the subject is).
export function compare(project, what, subject, baseline) {
  return { project, what, subject, baseline, ratio: round(baseline.median_ms / subject.median_ms) };
}

export function machine() {
  const c = cpus();
  return { cpus: c.length, cpu_model: c[0]?.model ?? "unknown", node: process.version, date: new Date().toISOString() };
}

export function fmtMs(s) {
  return `${s.median_ms.toFixed(1)} (${s.min_ms.toFixed(1)}–${s.max_ms.toFixed(1)})`;
}

export function printTable(title, rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

// Merge this script's results into <out>/results.json under key (written to a
// temp name and renamed).
export function saveResults(out, key, value) {
  const file = join(out, "results.json");
  let all = {};
  try {
    all = JSON.parse(readFileSync(file, "utf8"));
  } catch {}
  all.machine = machine();
  all[key] = value;
  writeFileSync(file + ".tmp", JSON.stringify(all, null, 2) + "\n");
  renameSync(file + ".tmp", file);
}
