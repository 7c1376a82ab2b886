// snapshot_gap.test.mjs — the language server on a migrations folder written
// by the real drizzle-kit with a snapshot deleted. Before the last entry: the
// server logs one warning naming the file (window/logMessage, once per load
// of the folder, not again on an edit) and otherwise works: pending-change
// diagnostics against the last snapshot. The last snapshot missing: no
// pending changes, and the schema file says why, naming the file.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { test, run, assert, startClient } from "./harness.mjs";
import { kitProject, scratch } from "../lib/script_test.mjs";

const SCRATCH = scratch("lsp-snapshot-gap");
const uriOf = (p) => pathToFileURL(p).href;

const head = 'import { sqliteTable, integer, text } from "drizzle-orm/sqlite-core";\n';
const users = (extra) => head + `export const users = sqliteTable("users", {\n  id: integer("id").primaryKey(),${extra}\n});\n`;
const steps = [users(""), users('\n  a: text("a"),'), users('\n  a: text("a"),\n  b: integer("b"),')];

// A project whose folder drizzle-kit wrote in three steps, with `missing` deleted.
function project(name, missing) {
  const dir = kitProject(path.join(SCRATCH, name));
  for (const schema of steps) {
    fs.writeFileSync(path.join(dir, "schema.ts"), schema);
    const r = spawnSync(path.join(dir, "node_modules", ".bin", "drizzle-kit"), ["generate"], { cwd: dir, encoding: "utf8" });
    assert(r.status === 0, `drizzle-kit generate: ${r.stdout}${r.stderr}`);
  }
  fs.rmSync(path.join(dir, "drizzle", "meta", missing));
  return dir;
}

function connect(dir) {
  const s = { ...startClient(), logs: [], diags: new Map(), waiters: [] };
  const { conn } = s;
  conn.onNotification("window/logMessage", (p) => s.logs.push(p));
  conn.onNotification("textDocument/publishDiagnostics", (p) => {
    s.diags.set(p.uri, p.diagnostics);
    s.waiters = s.waiters.filter((w) => (w.uri === p.uri && w.pred(p.diagnostics) ? (w.resolve(p.diagnostics), false) : true));
  });
  conn.listen();
  s.waitDiags = (uri, pred) => {
    const have = s.diags.get(uri);
    if (have && pred(have)) return Promise.resolve(have);
    return new Promise((resolve) => s.waiters.push({ uri, pred, resolve }));
  };
  s.start = async (file, text) => {
    await conn.sendRequest("initialize", { processId: process.pid, rootUri: uriOf(dir),
      workspaceFolders: [{ uri: uriOf(dir), name: "p" }], capabilities: {} });
    await conn.sendNotification("initialized", {});
    await conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uriOf(file), languageId: "typescript", version: 1, text } });
  };
  return s;
}

const gapWarnings = (s) => s.logs.filter((l) => l.type === 2 && l.message.includes("0001_snapshot.json is missing"));

test("a snapshot missing before the last: one warning, and pending changes work", async () => {
  const dir = project("gap", "0001_snapshot.json");
  const file = path.join(dir, "schema.ts");
  const s = connect(dir);
  const text = users('\n  a: text("a"),\n  b: integer("b"),\n  c: text("c"),');
  await s.start(file, text);
  const d = await s.waitDiags(uriOf(file), (ds) => ds.some((x) => x.code === "column-added-nullable"));
  assert(!d.some((x) => x.code === "migrations-folder"), `no folder error: ${JSON.stringify(d)}`);
  const w = gapWarnings(s);
  assert(w.length === 1, `one warning: ${JSON.stringify(s.logs)}`);
  assert(w[0].message.includes('"0001_'), `names the entry: ${w[0].message}`);
  // An edit reanalyses the schema, not the folder: no second warning.
  await s.conn.sendNotification("textDocument/didChange", {
    textDocument: { uri: uriOf(file), version: 2 }, contentChanges: [{ text: steps[2] }] });
  await s.waitDiags(uriOf(file), (ds) => !ds.some((x) => x.code === "column-added-nullable"));
  assert(gapWarnings(s).length === 1, `still one warning: ${JSON.stringify(s.logs)}`);
  assert((await s.finish()) === 0, "clean exit");
});

test("the last snapshot missing: the schema file says why there are no pending changes", async () => {
  const dir = project("last", "0002_snapshot.json");
  const file = path.join(dir, "schema.ts");
  const s = connect(dir);
  await s.start(file, users('\n  a: text("a"),\n  b: integer("b"),\n  c: text("c"),'));
  const d = await s.waitDiags(uriOf(file), (ds) => ds.some((x) => x.code === "migrations-folder"));
  const folder = d.find((x) => x.code === "migrations-folder");
  assert(folder.message.includes("meta/0002_snapshot.json is missing"), folder.message);
  assert(!d.some((x) => x.code === "column-added-nullable"), `no pending changes: ${JSON.stringify(d)}`);
  assert((await s.finish()) === 0, "clean exit");
});

run();
