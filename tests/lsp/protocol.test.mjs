// protocol.test.mjs — the server against a real, independent LSP client
// (vscode-jsonrpc over stdio): the lifecycle, both position encodings,
// error codes, cancellation, exit codes and document sync.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, run, assert, assertEqual, startClient } from "./harness.mjs";

const require = createRequire(import.meta.url);
const rpc = require("vscode-jsonrpc/node");

const FIXTURE = readFileSync(new URL("./fixtures/schema.ts", import.meta.url), "utf8");
const URI = "file:///work/app/db/schema.ts";

function connect() {
  const s = startClient();
  const logs = [];
  s.conn.onNotification("window/logMessage", (p) => logs.push(p));
  s.conn.listen();
  return { ...s, logs };
}

async function expectError(promise, code, what) {
  try {
    await promise;
  } catch (e) {
    assertEqual(e.code, code, `${what} error code`);
    return e;
  }
  throw new Error(`${what}: expected error ${code}, got a result`);
}

async function initialize(conn, encodings) {
  const capabilities = encodings ? { general: { positionEncodings: encodings } } : {};
  const result = await conn.sendRequest("initialize", {
    processId: process.pid,
    rootUri: "file:///work/app",
    workspaceFolders: [{ uri: "file:///work/app", name: "app" }],
    capabilities,
  });
  await conn.sendNotification("initialized", {});
  return result;
}

test("initialize_defaults_to_utf16_and_reports_server_info", async () => {
  const s = connect();
  const r = await initialize(s.conn);
  assertEqual(r.capabilities.positionEncoding, "utf-16", "positionEncoding");
  assertEqual(r.capabilities.textDocumentSync, { openClose: true, change: 2 }, "textDocumentSync");
  assertEqual(r.serverInfo.name, "drizzle-lsp", "serverInfo.name");
  assert(/^\d+\.\d+\.\d+/.test(r.serverInfo.version), `version ${r.serverInfo.version}`);
  assertEqual(await s.finish(), 0, "exit code");
});

test("initialize_picks_utf8_when_the_client_offers_it", async () => {
  const s = connect();
  const r = await initialize(s.conn, ["utf-16", "utf-8"]);
  assertEqual(r.capabilities.positionEncoding, "utf-8", "positionEncoding");
  await s.finish();
  const t = connect();
  const r2 = await initialize(t.conn, ["utf-32", "utf-16"]);
  assertEqual(r2.capabilities.positionEncoding, "utf-16", "positionEncoding without utf-8");
  await t.finish();
});

test("requests_before_initialize_are_server_not_initialized", async () => {
  const s = connect();
  await expectError(s.conn.sendRequest("textDocument/hover", {}), -32002, "hover before initialize");
  await expectError(s.conn.sendRequest("shutdown"), -32002, "shutdown before initialize");
  await initialize(s.conn);
  await expectError(s.conn.sendRequest("initialize", { capabilities: {} }), -32600, "second initialize");
  assertEqual(await s.finish(), 0, "exit code");
});

test("unknown_requests_are_method_not_found_and_unknown_notifications_ignored", async () => {
  const s = connect();
  await initialize(s.conn);
  const e = await expectError(s.conn.sendRequest("drizzle/noSuchThing", { x: 1 }), -32601, "unknown request");
  assert(/drizzle\/noSuchThing/.test(e.message), `message names the method: ${e.message}`);
  await expectError(s.conn.sendRequest("$/noSuchThing"), -32601, "unknown $/ request");
  await s.conn.sendNotification("drizzle/noSuchNotification", {});
  await s.conn.sendNotification("$/noSuchNotification", {});
  await expectError(s.conn.sendRequest("textDocument/hover", {}), -32602, "hover without a textDocument");
  assertEqual(await s.finish(), 0, "exit code");
  assert(/ignoring notification 'drizzle\/noSuchNotification'/.test(s.stderr()), "unknown notification noted on stderr");
  assert(!/noSuchNotification'\n[^]*\$\/noSuch/.test(s.stderr()), "$/ notifications are silent");
});

test("a_cancelled_request_still_gets_a_response", async () => {
  const s = connect();
  await initialize(s.conn);
  // Keep the server busy parsing a large document, so that the request and
  // its cancellation are both waiting when it next reads.
  const big = FIXTURE.repeat(Math.ceil((3 << 20) / FIXTURE.length));
  await s.conn.sendNotification("textDocument/didOpen", {
    textDocument: { uri: "file:///work/app/db/big.ts", languageId: "typescript", version: 1, text: big },
  });
  const source = new rpc.CancellationTokenSource();
  const pending = s.conn.sendRequest("drizzle/documentState", { textDocument: { uri: URI } }, source.token);
  source.cancel();
  await expectError(pending, -32800, "cancelled request");
  // A cancellation for a request already answered changes nothing.
  const done = await s.conn.sendRequest("drizzle/documentState", { textDocument: { uri: URI } });
  assertEqual(done, null, "state of a document never opened");
  assertEqual(await s.finish(), 0, "exit code");
});

test("shutdown_then_exit_is_0_exit_alone_is_1_and_requests_after_shutdown_are_invalid", async () => {
  const s = connect();
  await initialize(s.conn);
  assertEqual(await s.conn.sendRequest("shutdown"), null, "shutdown result");
  await expectError(s.conn.sendRequest("drizzle/documentState", { textDocument: { uri: URI } }), -32600, "after shutdown");
  assertEqual(await s.finish({ shutdown: false }), 0, "exit after shutdown");
  const t = connect();
  await initialize(t.conn);
  assertEqual(await t.finish({ shutdown: false }), 1, "exit without shutdown");
  const u = connect(); // exit before initialize is still honoured
  assertEqual(await u.finish({ shutdown: false }), 1, "exit before initialize");
});

test("the_server_exits_when_the_client_process_is_gone", async () => {
  const s = connect();
  const parent = spawn("sleep", ["0.5"]);
  const gone = new Promise((r) => parent.on("exit", r));
  await s.conn.sendRequest("initialize", { processId: parent.pid, rootUri: null, capabilities: {} });
  await gone;
  const t = Date.now();
  assertEqual(await s.exited, 1, "exit code without shutdown");
  assert(Date.now() - t < 10000, "exited within the check interval");
  assert(/client process \d+ is gone/.test(s.stderr()), "said why on stderr");
});

test("closing_stdin_ends_the_server", async () => {
  const s = connect();
  await initialize(s.conn);
  await s.conn.sendRequest("shutdown");
  s.proc.stdin.end();
  assertEqual(await s.exited, 0, "exit code after shutdown and end of input");
});

// Apply an LSP change to a JS string, where UTF-16 columns are string
// indices and UTF-8 columns are byte offsets.
function offsetOf(text, pos, enc) {
  const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/);
  if (pos.line >= lines.length) return text.length;
  let start = 0;
  for (let i = 0; i < pos.line; i++) start += lines[i].length;
  const line = lines[pos.line].replace(/(\r\n|\n|\r)$/, "");
  if (enc === "utf-16") return start + Math.min(pos.character, line.length);
  const bytes = Buffer.from(line);
  return start + bytes.subarray(0, Math.min(pos.character, bytes.length)).toString().length;
}

function positionAt(text, offset, enc) {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\n|\r/);
  const last = lines[lines.length - 1];
  return { line: lines.length - 1, character: enc === "utf-16" ? last.length : Buffer.byteLength(last) };
}

async function syncScenario(enc) {
  const s = connect();
  const r = await initialize(s.conn, enc === "utf-8" ? ["utf-8"] : undefined);
  assertEqual(r.capabilities.positionEncoding, enc, "negotiated encoding");
  let text = FIXTURE;
  await s.conn.sendNotification("textDocument/didOpen", {
    textDocument: { uri: URI, languageId: "typescript", version: 1, text },
  });
  // Edits placed by searching the text, so they land around non-ASCII
  // characters, line starts and ends, in several bursts.
  const edits = [
    ["naïve café ☕", "naïve 😀 café ☕"],
    ["中文, 😀", "中文, 😀😀"],
    ["export const users", "// users\nexport const users"],
    ["  name: text(\"name\").notNull(),", "  name: text(\"title\").notNull(),\n  slug: text(\"slug\"),"],
    ["export type NewUser", "export type NewUserRow"],
  ];
  let version = 1;
  for (const [find, replace] of edits) {
    const at = text.indexOf(find);
    assert(at >= 0, `fixture contains ${find}`);
    const range = { start: positionAt(text, at, enc), end: positionAt(text, at + find.length, enc) };
    assertEqual(offsetOf(text, range.end, enc), at + find.length, "test's own position mapping");
    text = text.slice(0, at) + replace + text.slice(at + find.length);
    await s.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: URI, version: ++version },
      contentChanges: [{ range, text: replace }],
    });
  }
  const state = await s.conn.sendRequest("drizzle/documentState", { textDocument: { uri: URI } });
  assertEqual(state.version, version, "version");
  assert(state.text === text, `server text differs from the client's:\n${state.text}\n----\n${text}`);
  assertEqual(state.tree.type, "program", "tree root");
  assertEqual(state.tree.hasError, false, "tree has no error");
  // A full replacement, then close.
  await s.conn.sendNotification("textDocument/didChange", {
    textDocument: { uri: URI, version: ++version },
    contentChanges: [{ text: "export const x = 1;\n" }],
  });
  const full = await s.conn.sendRequest("drizzle/documentState", { textDocument: { uri: URI } });
  assertEqual(full.text, "export const x = 1;\n", "full replacement");
  await s.conn.sendNotification("textDocument/didClose", { textDocument: { uri: URI } });
  assertEqual(await s.conn.sendRequest("drizzle/documentState", { textDocument: { uri: URI } }), null, "closed");
  assertEqual(await s.finish(), 0, "exit code");
}

test("did_open_and_incremental_changes_in_utf16", () => syncScenario("utf-16"));
test("did_open_and_incremental_changes_in_utf8", () => syncScenario("utf-8"));

test("set_trace_sends_log_trace", async () => {
  const s = connect();
  await initialize(s.conn);
  const traces = [];
  s.conn.onNotification("$/logTrace", (p) => traces.push(p));
  await s.conn.sendNotification("$/setTrace", { value: "messages" });
  await expectError(s.conn.sendRequest("drizzle/nothing"), -32601, "unknown request");
  assert(traces.some((t) => /drizzle\/nothing/.test(t.message)), `a $/logTrace names the request: ${JSON.stringify(traces)}`);
  await s.finish();
});

run();
