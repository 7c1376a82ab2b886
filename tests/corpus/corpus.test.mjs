// corpus.test.mjs — proves `drizzle-lsp snapshot` equals drizzle-kit on every schema case
// in tests/corpus/<NN-name>/. For each case, in a fresh copy under
// $DZ_BUILD_DIR/tmp/corpus/<case>/ (node_modules linked to the project's), the real
// drizzle-kit `generate` writes meta/0000_snapshot.json — the expected output, made at test
// time, never committed — and `$DZ_BIN snapshot` prints ours. They must be equal field for
// field (id and prevId aside), in the same key order, and as the same text.
//
// Env: DZ_BIN, DZ_SOURCE_DIR, DZ_BUILD_DIR (from ctest);
//      DZ_CORPUS_ONLY=<case>[,<case>...]  run only these cases (full name or NN prefix);
//      DZ_CORPUS_KIT_ONLY=1               only check that drizzle-kit generates each case.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { compareSnapshots } from "../lib/snapshot_compare.mjs";

const SOURCE = process.env.DZ_SOURCE_DIR;
const BUILD = process.env.DZ_BUILD_DIR;
const BIN = process.env.DZ_BIN;
const KIT_ONLY = process.env.DZ_CORPUS_KIT_ONLY === "1";
const POOL = 2; // drizzle-kit runs at once: the machine's cores are shared

if (!SOURCE || !BUILD || (!BIN && !KIT_ONLY)) {
  console.error("corpus: DZ_SOURCE_DIR, DZ_BUILD_DIR and DZ_BIN must be set (run through ctest)");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const CORPUS = path.join(SOURCE, "tests", "corpus");
const SCRATCH = path.join(BUILD, "tmp", "corpus");
const NODE_MODULES = path.join(SOURCE, "node_modules");
const KIT = path.join(NODE_MODULES, "drizzle-kit", "bin.cjs");

function listCases() {
  const all = fs
    .readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
    .map((d) => d.name)
    .sort();
  const only = process.env.DZ_CORPUS_ONLY;
  if (!only) return all;
  const wanted = only.split(",").map((s) => s.trim()).filter(Boolean);
  const picked = all.filter((c) => wanted.some((w) => c === w || c.startsWith(`${w}-`)));
  const unknown = wanted.filter((w) => !all.some((c) => c === w || c.startsWith(`${w}-`)));
  if (unknown.length) {
    console.error(`corpus: DZ_CORPUS_ONLY names no case: ${unknown.join(", ")}`);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
  return picked;
}

// Run a program; resolve with its exit code (null on signal/timeout) and output.
function run(cmd, args, cwd, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", (e) => err.push(Buffer.from(String(e))));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: timedOut ? null : code,
        signal: timedOut ? "timeout" : signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

function prepare(name) {
  const dir = path.join(SCRATCH, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(CORPUS, name), dir, { recursive: true });
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"), "dir");
  return dir;
}

// drizzle-kit puts meta/ under the config's `out`; find it without reading the config.
function findSnapshots(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "0000_snapshot.json" && path.basename(d) === "meta") found.push(p);
    }
  };
  walk(dir);
  return found;
}

function tail(text, lines = 8) {
  return text.trim().split("\n").slice(-lines).map((l) => `    | ${l}`).join("\n");
}

// ---- one case -----------------------------------------------------------------------

async function runCase(name) {
  const dir = prepare(name);
  // Ours first, so it sees the same folder drizzle-kit sees (no migrations yet).
  let ours = null;
  if (!KIT_ONLY) ours = await run(BIN, ["snapshot"], dir, 120_000);
  const kit = await run(process.execPath, [KIT, "generate"], dir, 180_000);
  const snaps = findSnapshots(dir);
  // drizzle-kit exits 0 even when it throws while reading the schema: trust only the file.
  if (snaps.length !== 1) {
    return {
      name,
      ok: false,
      lines: [
        snaps.length === 0
          ? `drizzle-kit generate wrote no snapshot (exit ${kit.code ?? kit.signal}):`
          : `drizzle-kit wrote ${snaps.length} snapshots: ${snaps.join(", ")}`,
        tail(kit.stdout + kit.stderr),
      ],
    };
  }
  if (KIT_ONLY) return { name, ok: true, lines: [] };
  const expText = fs.readFileSync(snaps[0], "utf8");
  if (ours.code !== 0) {
    return {
      name,
      ok: false,
      lines: [`drizzle-lsp snapshot exited ${ours.code ?? ours.signal}:`, tail(ours.stderr || ours.stdout)],
    };
  }
  const lines = compareSnapshots(expText, ours.stdout);
  return { name, ok: lines.length === 0, lines };
}

async function main() {
  const cases = listCases();
  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(SCRATCH, { recursive: true });
  const results = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      try {
        results[i] = await runCase(cases[i]);
      } catch (e) {
        results[i] = { name: cases[i], ok: false, lines: [`harness error: ${e.stack || e}`] };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(POOL, cases.length) }, worker));
  let passed = 0;
  for (const r of results) {
    console.log(`${r.ok ? "ok" : "FAIL"} ${r.name}`);
    for (const l of r.lines) console.log(l.startsWith("    |") ? l : `    ${l}`);
    if (r.ok) passed++;
  }
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && results.length > 0 ? 0 : 1);
}

main();
