// tsconfig.test.mjs — the language server follows schema imports through
// tsconfig `paths` (a copy of corpus case 73), and when the tsconfig changes on
// disk (workspace/didChangeWatchedFiles) it reads it again: broken, the alias
// imports are reported unresolved and the config shows why; fixed, they clear.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test, run, assert, startServer, FrameReader, frame } from "./harness.mjs";
import { scratch } from "../lib/script_test.mjs";

const SOURCE = process.env.DZ_SOURCE_DIR;
const SCRATCH = scratch("lsp-tsconfig");
const uriOf = (p) => pathToFileURL(p).href;

function session(dir) {
  const s = startServer(["--stdio"]);
  const reader = new FrameReader(s.proc.stdout);
  let id = 1;
  const send = (msg) => s.proc.stdin.write(frame({ jsonrpc: "2.0", ...msg }));
  const request = (method, params) => {
    const n = id++;
    send({ id: n, method, params });
    return reader.response(n);
  };
  // The first publication for uri after message number `after` that satisfies pred.
  const diags = (uri, after, pred) =>
    reader
      .wait((m, i) => i >= after && m.method === "textDocument/publishDiagnostics" && m.params.uri === uri && pred(m.params.diagnostics))
      .then((m) => m.params.diagnostics);
  const open = (file) =>
    send({
      method: "textDocument/didOpen",
      params: { textDocument: { uri: uriOf(file), languageId: "typescript", version: 1, text: fs.readFileSync(file, "utf8") } },
    });
  const changed = (file) =>
    send({ method: "workspace/didChangeWatchedFiles", params: { changes: [{ uri: uriOf(file), type: 2 }] } });
  const init = async () => {
    await request("initialize", { processId: process.pid, rootUri: uriOf(dir),
      capabilities: { textDocument: { publishDiagnostics: { codeDescriptionSupport: true } } } });
    send({ method: "initialized", params: {} });
  };
  const end = async () => {
    await request("shutdown");
    send({ method: "exit" });
    return s.exited;
  };
  return { reader, open, changed, diags, init, end };
}

const unresolved = (ds) => ds.filter((d) => d.code === "unresolved-construct");

test("alias_imports_resolve_and_follow_tsconfig_changes", async () => {
  const dir = path.join(SCRATCH, "project");
  fs.cpSync(path.join(SOURCE, "tests", "corpus", "73-tsconfig-paths"), dir, { recursive: true });
  const posts = path.join(dir, "src", "db", "schema", "posts.ts");
  const config = path.join(dir, "drizzle.config.ts");
  const base = path.join(dir, "config", "tsconfig.base.json");
  const good = fs.readFileSync(base, "utf8");
  const s = session(dir);
  await s.init();
  s.open(posts);
  s.open(config);
  let ds = await s.diags(uriOf(posts), 0, () => true);
  assert(unresolved(ds).length === 0, `alias imports resolve: ${JSON.stringify(ds)}`);

  fs.writeFileSync(base, good.replace('"strict": true,', '"strict": true'));
  let mark = s.reader.messages.length;
  s.changed(base);
  ds = await s.diags(uriOf(posts), mark, (d) => unresolved(d).length > 0);
  assert(unresolved(ds).some((d) => /@\/db\/schema\/users/.test(d.message)), `users unresolved: ${JSON.stringify(ds)}`);
  assert(unresolved(ds).every((d) => /rules\.md#unresolved-construct$/.test(d.codeDescription?.href || "")),
    `schema diagnostics link their docs: ${JSON.stringify(ds)}`);
  const cs = await s.diags(uriOf(config), mark, (d) => d.some((x) => x.code === "tsconfig-unusable"));
  const why = cs.find((x) => x.code === "tsconfig-unusable").message;
  assert(/tsconfig\.base\.json:5:\d+: invalid JSON/.test(why), `config names the file and place: ${why}`);

  fs.writeFileSync(base, good);
  mark = s.reader.messages.length;
  s.changed(base);
  ds = await s.diags(uriOf(posts), mark, (d) => unresolved(d).length === 0);
  assert(unresolved(ds).length === 0, "fixed tsconfig: resolved again");
  assert((await s.end()) === 0, "server exits cleanly");
});

run();
