// lsp.bench.mjs — the language server's incremental path against a full
// re-extract, in the same run. A raw LSP client (Content-Length framing over
// the server's stdin/stdout) opens one schema file of the generated 200-table
// project (baseline migrations by drizzle-kit), then N times types one
// character into a string literal (and the next time deletes it) with an
// incremental didChange, and times until the server has applied it:
//   - the publishDiagnostics for the new version, when the server publishes
//     diagnostics on change (it re-links only the edited module);
//   - otherwise (a server without the language features wired) the answer
//     to a drizzle/documentState request sent right after the didChange,
//     which is handled after the change is applied (text + incremental
//     reparse only). The report says which one was measured.
// The comparison is `drizzle-lsp snapshot` on the same project: process
// start, config, reading, parsing and extracting every file. Then the same
// on the project with a pending NOT NULL column in every table, where every
// schema file has diagnostics (published open or not): timed to the edited
// file's publishDiagnostics and to every publication of the edit.
// Usage: node bench/lsp.bench.mjs <drizzle-lsp>   (BENCH_N, default 7; the
// edit loop runs 4*N times, since each edit is short)
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compare, fmtMs, fresh, measure, N, printTable, round, saveResults, summary, usage } from "./lib.mjs";
import { LARGE, prepare, schemaFiles } from "./projects.mjs";

const { bin, out } = usage("lsp.bench.mjs");
const { base: project } = prepare(LARGE, join(out, "lsp"), "large");

class Client {
  constructor(bin) {
    this.proc = spawn(bin, ["--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.stderr = "";
    this.proc.stderr.on("data", (d) => (this.stderr += d));
    this.buf = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();  // request id -> resolve
    this.waiters = [];         // { match, resolve }
    this.proc.stdout.on("data", (d) => this.#data(d));
    this.exited = new Promise((r) => this.proc.on("exit", r));
  }
  #data(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const end = this.buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, end).toString());
      if (!m) throw new Error("frame without Content-Length");
      const len = Number(m[1]);
      if (this.buf.length < end + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(end + 4, end + 4 + len).toString("utf8"));
      this.buf = this.buf.subarray(end + 4 + len);
      this.#dispatch(msg);
    }
  }
  #dispatch(msg) {
    if (process.env.BENCH_DEBUG) console.error("<-", JSON.stringify(msg).slice(0, 200));
    const at = process.hrtime.bigint();
    if (msg.id !== undefined && !msg.method && this.pending.has(msg.id)) {
      this.pending.get(msg.id)({ msg, at });
      this.pending.delete(msg.id);
      return;
    }
    if (msg.id !== undefined && msg.method) {
      this.send({ jsonrpc: "2.0", id: msg.id, result: null }); // e.g. workspace/configuration, register
      return;
    }
    const k = this.waiters.findIndex((w) => w.match(msg));
    if (k >= 0) this.waiters.splice(k, 1)[0].resolve({ msg, at });
  }
  send(obj) {
    const body = Buffer.from(JSON.stringify(obj), "utf8");
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }
  request(method, params) {
    const id = this.nextId++;
    const p = new Promise((resolve) => this.pending.set(id, resolve));
    this.send(params === undefined ? { jsonrpc: "2.0", id, method } : { jsonrpc: "2.0", id, method, params });
    return p;
  }
  notify(method, params) {
    this.send(params === undefined ? { jsonrpc: "2.0", method } : { jsonrpc: "2.0", method, params });
  }
  // Resolves with the first later notification matching, or null after ms.
  waitFor(match, ms) {
    return new Promise((resolve) => {
      const w = { match, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        const k = this.waiters.indexOf(w);
        if (k >= 0) {
          this.waiters.splice(k, 1);
          resolve(null);
        }
      }, ms);
    });
  }
}

// The same project with a pending NOT NULL column in every table: every
// schema file carries diagnostics, published whether it is open or not.
const everywhere = join(out, "lsp", "large-everywhere");
fresh(project, everywhere);
for (const f of schemaFiles(LARGE, everywhere))
  writeFileSync(f, readFileSync(f, "utf8").replaceAll("    slug: text().notNull(),\n", "    slug: text().notNull(),\n    benchRequired: text().notNull(),\n"));

// One session on dir: open part3.ts, edit it 4*N times. times: until its own
// publishDiagnostics (or the documentState fallback); all: until the answer
// to a documentState request sent right after the change, which the server
// handles once every publication of that change is written.
async function session(dir) {
  const file = join(dir, "src/schema/part3.ts");
  const text = readFileSync(file, "utf8");
  const uri = pathToFileURL(file).href;
  const rootUri = pathToFileURL(dir).href;
  // The edit point: inside the middle table's "untitled" default.
  const tables = [...text.matchAll(/"untitled"/g)];
  const offset = tables[tables.length >> 1].index + '"untitled'.length;
  const before = text.slice(0, offset).split("\n");
  const pos = { line: before.length - 1, character: before[before.length - 1].length };
  const isDiag = (version) => (m) =>
    m.method === "textDocument/publishDiagnostics" && m.params?.uri === uri && (version === undefined || m.params.version === version);
  const c = new Client(bin);
  await c.request("initialize", {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "bench" }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  c.notify("initialized", {});
  const opened = c.waitFor(isDiag(1), 5000);
  c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
  const publishes = (await opened) !== null;
  const times = [], all = [];
  let version = 1;
  for (let i = 0; i < 4 * N; i++) {
    version++;
    const insert = i % 2 === 0;
    const range = insert
      ? { start: pos, end: pos }
      : { start: pos, end: { line: pos.line, character: pos.character + 1 } };
    const change = { textDocument: { uri, version }, contentChanges: [{ range, text: insert ? "x" : "" }] };
    const t0 = process.hrtime.bigint();
    const own = publishes ? c.waitFor(isDiag(version), 10000) : null;
    c.notify("textDocument/didChange", change);
    const state = c.request("drizzle/documentState", { textDocument: { uri } });
    const r = publishes ? await own : await state;
    if (!r) throw new Error(`no publishDiagnostics for version ${version} within 10 s; server said:\n${c.stderr}`);
    const s = await state;
    if (s.msg.result?.version !== version)
      throw new Error(`documentState answered version ${s.msg.result?.version}, expected ${version}`);
    times.push(Number(r.at - t0) / 1e6);
    all.push(Number(s.at - t0) / 1e6);
  }
  await c.request("shutdown");
  c.notify("exit");
  await c.exited;
  return { publishes, times, all, bytes: text.length };
}

const { publishes, times, bytes } = await session(project);
const incremental = { label: publishes ? "didChange -> publishDiagnostics" : "didChange -> documentState answer", ...summary(times) };
const [full] = measure([{ label: "drizzle-lsp snapshot (full re-extract)", cmd: bin, args: ["snapshot"], cwd: project }]);
const row = compare("generated 200 tables, part3.ts", incremental.label, incremental, full);
const measured = publishes
  ? "publishDiagnostics after the change (edited module re-indexed, schema re-linked)"
  : "no publishDiagnostics from this server: measured didChange -> drizzle/documentState answer (text sync + incremental reparse only, no re-extract)";
const pending = await session(everywhere);
const own = { label: "didChange -> publishDiagnostics", ...summary(pending.times) };
const all = { label: "didChange -> every publication", ...summary(pending.all) };
const [fullPending] = measure([{ label: "drizzle-lsp snapshot (full re-extract)", cmd: bin, args: ["snapshot"], cwd: everywhere }]);
const rows = [
  row,
  compare("same, every table pending", own.label, own, fullPending),
  compare("same, every table pending", "... and every other file's publication", all, fullPending),
];
console.log(`\n3. Language server, one-character edit in a ${bytes}-byte file (${measured})`);
printTable(
  `edits: N=${times.length} per project; full re-extract: N=${full.n}; median (min–max) ms`,
  rows.map((r) => [r.project, r.what, fmtMs(r.subject), fmtMs(r.baseline), `${r.ratio.toFixed(1)}x`]),
  ["project", "incremental", "incremental ms", "snapshot ms", "full/incr"],
);
saveResults(out, "lsp", {
  n_edits: times.length, n_full: full.n, measured, file_bytes: bytes, result: row, all_edit_ms: times.map(round),
  every_table_pending: { own: rows[1], all_published: rows[2], own_edit_ms: pending.times.map(round), all_edit_ms: pending.all.map(round) },
});
