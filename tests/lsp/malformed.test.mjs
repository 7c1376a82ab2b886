// malformed.test.mjs — raw bytes at the server: broken frames, invalid JSON
// and UTF-8, absurd lengths, batches, bad fields, unknown methods and
// out-of-range positions. Every answer is the one JSON-RPC and LSP specify,
// and after each bad input a valid request is still answered.
import { test, run, assert, assertEqual, startServer, FrameReader, frame } from "./harness.mjs";

let nextProbe = 1000;

function session() {
  const s = startServer();
  const reader = new FrameReader(s.proc.stdout);
  const write = (bytes) => s.proc.stdin.write(bytes);
  // A valid request after the bad input: proves the server still serves.
  const probe = async () => {
    const id = nextProbe++;
    write(frame({ jsonrpc: "2.0", id, method: "drizzle/documentState", params: { textDocument: { uri: "file:///probe.ts" } } }));
    const r = await reader.response(id);
    assertEqual(r.result, null, `probe ${id} result`);
  };
  const request = async (msg) => {
    write(frame(msg));
    return reader.response(msg.id);
  };
  const init = () => request({ jsonrpc: "2.0", id: 1, method: "initialize", params: { capabilities: {} } });
  const end = async () => {
    await request({ jsonrpc: "2.0", id: 2, method: "shutdown" });
    write(frame({ jsonrpc: "2.0", method: "exit" }));
    return s.exited;
  };
  return { ...s, reader, write, probe, request, init, end };
}

// The error response with id null that arrives after `count` messages.
function nullIdError(reader, after) {
  return reader.wait((m) => reader.messages.indexOf(m) >= after && m.id === null && m.error);
}

test("invalid_json_and_invalid_utf8_are_parse_errors", async () => {
  const s = session();
  await s.init();
  let mark = s.reader.messages.length;
  s.write(frame('{"jsonrpc": "2.0", "id": 5, "method":'));
  let e = await nullIdError(s.reader, mark);
  assertEqual(e.error.code, -32700, "truncated JSON");
  await s.probe();
  mark = s.reader.messages.length;
  const bad = Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":6,"method":"x","params":{"s":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')]);
  s.write(frame(bad));
  e = await nullIdError(s.reader, mark);
  assertEqual(e.error.code, -32700, "invalid UTF-8");
  await s.probe();
  assertEqual(await s.end(), 0, "exit code");
});

test("broken_frames_are_logged_and_skipped", async () => {
  const s = session();
  await s.init();
  const logged = (re) => s.reader.wait((m) => m.method === "window/logMessage" && m.params.type === 1 && re.test(m.params.message));
  s.write("Content-Length: 999999999999\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"shutdown\"}");
  await logged(/Content-Length 999999999999 exceeds the limit/);
  await s.probe();
  s.write("Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":78,\"method\":\"shutdown\"}");
  await logged(/without Content-Length/);
  await s.probe();
  s.write("Hello, server\r\n\r\n");
  await logged(/malformed LSP header line 'Hello, server'/);
  await s.probe();
  s.write("Content-Length: twelve\r\n\r\n");
  await logged(/not a number/);
  await s.probe();
  // Header names in any case, a Content-Type, and one byte per write.
  const body = JSON.stringify({ jsonrpc: "2.0", id: 79, method: "drizzle/documentState", params: { textDocument: { uri: "file:///x.ts" } } });
  const odd = Buffer.from(`content-length: ${Buffer.byteLength(body)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`);
  for (const byte of odd) {
    s.write(Buffer.from([byte]));
    await new Promise((r) => setImmediate(r));
  }
  assertEqual((await s.reader.response(79)).result, null, "frame written byte by byte");
  assert(!s.reader.messages.some((m) => m.id === 77 || m.id === 78), "skipped bodies were not run");
  assertEqual(await s.end(), 0, "exit code");
});

test("invalid_requests_are_answered_with_the_right_id", async () => {
  const s = session();
  await s.init();
  const cases = [
    { send: [{ jsonrpc: "2.0", id: 7, method: "shutdown" }], id: null, what: "batch array" },
    { send: [], id: null, what: "empty batch" },
    { send: 42, id: null, what: "a number" },
    { send: { jsonrpc: "1.0", id: 8, method: "shutdown" }, id: 8, what: "jsonrpc 1.0" },
    { send: { id: 9, method: "shutdown" }, id: 9, what: "no jsonrpc" },
    { send: { jsonrpc: "2.0", id: 10 }, id: 10, what: "no method" },
    { send: { jsonrpc: "2.0", id: { a: 1 }, method: "shutdown" }, id: null, what: "object id" },
    { send: { jsonrpc: "2.0", id: 11, method: 5 }, id: 11, what: "method not a string" },
    { send: { jsonrpc: "2.0", id: 12, method: "shutdown", params: "x" }, id: 12, what: "params a string" },
  ];
  for (const c of cases) {
    const mark = s.reader.messages.length;
    s.write(frame(JSON.stringify(c.send)));
    const r = await s.reader.wait((m) => s.reader.messages.indexOf(m) >= mark && m.error);
    assertEqual(r.error.code, -32600, `${c.what}: code`);
    assertEqual(r.id, c.id, `${c.what}: id`);
    await s.probe();
  }
  assertEqual(await s.end(), 0, "exit code (shutdown was never run by the bad messages)");
});

test("ids_of_any_type_are_echoed_and_unknown_methods_handled", async () => {
  const s = session();
  await s.init();
  for (const id of ["abc-1", 1.5, -3, 0, "", "ünï😀"]) {
    const r = await s.request({ jsonrpc: "2.0", id, method: "no/such/method" });
    assertEqual(r.id, id, "echoed id");
    assertEqual(r.error.code, -32601, `unknown method with id ${JSON.stringify(id)}`);
  }
  const mark = s.reader.messages.length;
  s.write(frame({ jsonrpc: "2.0", method: "no/such/notification", params: {} }));
  s.write(frame({ jsonrpc: "2.0", method: "$/no/such", params: {} }));
  await s.probe();
  assert(!s.reader.messages.slice(mark).some((m) => m.error), "no answer to unknown notifications");
  const bad = await s.request({ jsonrpc: "2.0", id: 13, method: "drizzle/documentState", params: {} });
  assertEqual(bad.error.code, -32602, "InvalidParams");
  assertEqual(await s.end(), 0, "exit code");
});

test("before_initialize_only_initialize_and_exit_count", async () => {
  const s = session();
  const r = await s.request({ jsonrpc: "2.0", id: 3, method: "drizzle/documentState", params: {} });
  assertEqual(r.error.code, -32002, "ServerNotInitialized");
  s.write(frame({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri: "file:///a.ts", languageId: "typescript", version: 1, text: "x" } } }));
  s.write(frame("{not json"));
  const e = await nullIdError(s.reader, 1);
  assertEqual(e.error.code, -32700, "parse error before initialize");
  await s.init();
  const state = await s.request({ jsonrpc: "2.0", id: 4, method: "drizzle/documentState", params: { textDocument: { uri: "file:///a.ts" } } });
  assertEqual(state.result, null, "didOpen before initialize was dropped");
  assertEqual(await s.end(), 0, "exit code");
});

test("request_and_cancel_in_one_read_give_request_cancelled", async () => {
  const s = session();
  await s.init();
  s.write(Buffer.concat([
    frame({ jsonrpc: "2.0", id: "c1", method: "drizzle/documentState", params: { textDocument: { uri: "file:///a.ts" } } }),
    frame({ jsonrpc: "2.0", id: "c2", method: "drizzle/documentState", params: { textDocument: { uri: "file:///a.ts" } } }),
    frame({ jsonrpc: "2.0", method: "$/cancelRequest", params: { id: "c2" } }),
    frame({ jsonrpc: "2.0", method: "$/cancelRequest", params: { id: "never-sent" } }),
  ]));
  assertEqual((await s.reader.response("c2")).error.code, -32800, "cancelled");
  assertEqual((await s.reader.response("c1")).result, null, "the other request");
  await s.probe();
  assertEqual(await s.end(), 0, "exit code");
});

test("out_of_range_positions_clamp_and_bad_ones_are_refused", async () => {
  const s = session();
  await s.init();
  const uri = "file:///work/o.ts";
  const change = (version, range, text) =>
    s.write(frame({ jsonrpc: "2.0", method: "textDocument/didChange", params: { textDocument: { uri, version }, contentChanges: [{ range, text }] } }));
  const state = async () => (await s.request({ jsonrpc: "2.0", id: nextProbe++, method: "drizzle/documentState", params: { textDocument: { uri } } })).result;
  s.write(frame({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "typescript", version: 1, text: "ab\ncd" } } }));
  change(2, { start: { line: 99, character: 99 }, end: { line: 99, character: 99 } }, "!");
  assertEqual((await state()).text, "ab\ncd!", "past the last line");
  change(3, { start: { line: 0, character: 999 }, end: { line: 1, character: 1 } }, "-");
  assertEqual((await state()).text, "ab-d!", "past the line end");
  // Each refused change alone in its read (changes that arrive together are
  // merged, and then refused together).
  change(4, { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, "?");
  await s.probe();
  change(5, { start: { line: 0, character: 2 }, end: { line: 0, character: 1 } }, "?");
  await s.probe();
  change(6, { start: { line: 0, character: 1.5 }, end: { line: 0, character: 2 } }, "?");
  await s.probe();
  s.write(frame({ jsonrpc: "2.0", method: "textDocument/didChange", params: { textDocument: { uri: "file:///not-open.ts", version: 2 }, contentChanges: [{ text: "x" }] } }));
  const st = await state();
  assertEqual([st.text, st.version], ["ab-d!", 3], "refused changes leave the document alone");
  const errors = s.reader.messages.filter((m) => m.method === "window/logMessage" && m.params.type === 1);
  assertEqual(errors.length, 4, "each refused change logged");
  assert(/ends \(0:1\) before it starts \(0:2\)/.test(errors[1].params.message), errors[1].params.message);
  assert(/not-open\.ts is not open/.test(errors[3].params.message), errors[3].params.message);
  assertEqual(await s.end(), 0, "exit code");
});

test("large_messages_and_nul_characters_arrive_intact", async () => {
  const s = session();
  await s.init();
  const uri = "file:///work/big.ts";
  const text = "export const a = \"\u0000é😀\";\n" + "x = \"padding line with ü and 中\";\n".repeat(200000);
  s.write(frame({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "typescript", version: 1, text } } }));
  const r = await s.request({ jsonrpc: "2.0", id: 50, method: "drizzle/documentState", params: { textDocument: { uri } } });
  assert(Buffer.byteLength(r.result.text) > 5 << 20, "several MB");
  assert(r.result.text === text, "text round-trips, NUL included");
  assertEqual(r.result.tree.type, "program", "parsed");
  // 70000 comments in a row crash libtree-sitter 0.20.7: kept, not parsed.
  const comments = "// c\n".repeat(70000);
  s.write(frame({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "typescript", version: 2, text: comments } } }));
  const c = await s.request({ jsonrpc: "2.0", id: 51, method: "drizzle/documentState", params: { textDocument: { uri } } });
  assertEqual([c.result.text.length, c.result.tree], [comments.length, null], "stored, not parsed");
  assert(s.reader.messages.some((m) => m.method === "window/logMessage" && /more than 60000 comments/.test(m.params.message)), "warned");
  assertEqual(await s.end(), 0, "exit code");
});

run();
