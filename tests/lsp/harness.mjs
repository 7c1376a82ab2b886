// harness.mjs — shared by the LSP script tests: run named async tests with a
// time limit each, print "ok"/"FAIL" lines and the final "N passed, N failed",
// and set the exit code. Also the server with a real client connection, and a
// raw LSP frame reader for byte-level tests.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { needEnv } from "../lib/script_test.mjs";

const rpc = createRequire(import.meta.url)("vscode-jsonrpc/node");

needEnv("DZ_BIN");
export const BIN = process.env.DZ_BIN;

const tests = [];
export function test(name, fn) {
  tests.push({ name, fn });
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function assertEqual(got, want, what) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: got ${g}, expected ${w}`);
}

function withTimeout(promise, ms, name) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

export async function run() {
  const only = process.argv[2];
  let passed = 0, failed = 0;
  for (const t of tests) {
    if (only && t.name !== only) continue;
    try {
      await withTimeout(t.fn(), 60000, t.name);
      passed++;
      console.log(`ok   ${t.name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}: ${e && e.stack ? e.stack : e}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// The server as a child process; resolves `exited` with its exit code.
export function startServer(args = []) {
  const proc = spawn(BIN, args, { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => proc.on("exit", (code, signal) => resolve(code ?? signal)));
  return { proc, exited, stderr: () => stderr };
}

// The server on stdio and a real client connection (vscode-jsonrpc) to it,
// not yet listening: register handlers, then conn.listen(). finish() ends it
// as a client does (shutdown unless { shutdown: false }, then exit) and
// resolves with the server's exit code.
export function startClient() {
  const server = startServer(["--stdio"]);
  const conn = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.proc.stdout),
    new rpc.StreamMessageWriter(server.proc.stdin),
  );
  const finish = async ({ shutdown = true } = {}) => {
    if (shutdown) await conn.sendRequest("shutdown");
    await conn.sendNotification("exit");
    const code = await server.exited;
    conn.dispose();
    return code;
  };
  return { ...server, conn, finish };
}

// Reads LSP frames from a stream: messages in order, and waiting for one.
export class FrameReader {
  constructor(stream) {
    this.buf = Buffer.alloc(0);
    this.messages = [];
    this.waiters = [];
    stream.on("data", (d) => this.#push(d));
  }
  #push(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const end = this.buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, end).toString());
      if (!m) throw new Error(`server wrote a frame without Content-Length: ${this.buf.subarray(0, end)}`);
      const len = Number(m[1]);
      if (this.buf.length < end + 4 + len) return;
      const body = this.buf.subarray(end + 4, end + 4 + len).toString("utf8");
      this.buf = this.buf.subarray(end + 4 + len);
      this.messages.push(JSON.parse(body));
      this.#wake();
    }
  }
  #wake() {
    this.waiters = this.waiters.filter((w) => {
      const found = this.messages.find(w.match);
      if (found) w.resolve(found);
      return !found;
    });
  }
  // The first message (already read or still to come) that matches.
  wait(match) {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
  response(id) {
    return this.wait((m) => !("method" in m) && m.id === id);
  }
}

export function frame(body) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`), bytes]);
}
