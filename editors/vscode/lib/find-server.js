// find-server.js — where the drizzle-lsp binary is: the drizzleLsp.serverPath
// setting, then beside the extension, then on PATH. Each candidate must run
// and answer `--version` with "drizzle-lsp X.Y.Z". No VS Code API here, so
// that it is tested in plain Node.
"use strict";

const { execFile } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const BINARY = process.platform === "win32" ? "drizzle-lsp.exe" : "drizzle-lsp";
const VERSION_RE = /^drizzle-lsp (\d+\.\d+\.\d+\S*)/;

// The version a binary reports, or an Error saying why it is not usable.
function probe(file, timeoutMs) {
  return new Promise((resolve) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
    } catch {
      resolve(new Error(`${file}: not found or not executable`));
      return;
    }
    execFile(file, ["--version"], { timeout: timeoutMs }, (err, stdout) => {
      const m = VERSION_RE.exec(String(stdout || "").trim());
      if (err && !m) resolve(new Error(`${file} --version failed: ${err.message.split("\n")[0]}`));
      else if (!m) resolve(new Error(`${file} --version printed ${JSON.stringify(String(stdout).trim().slice(0, 80))}, not "drizzle-lsp X.Y.Z"`));
      else resolve(m[1]);
    });
  });
}

// Candidates in order, each { file, source }.
function candidates({ setting, workspaceFolder, extensionPath, env }) {
  const list = [];
  if (setting) {
    let file = setting.replace(/^~(?=$|\/)/, env.HOME || "~");
    if (workspaceFolder) file = file.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
    if (!path.isAbsolute(file) && workspaceFolder) file = path.join(workspaceFolder, file);
    list.push({ file, source: "setting" });
    return list; // an explicit setting is never second-guessed
  }
  if (extensionPath) {
    list.push({ file: path.join(extensionPath, "bin", BINARY), source: "extension" });
    list.push({ file: path.join(extensionPath, BINARY), source: "extension" });
  }
  for (const dir of (env.PATH || "").split(path.delimiter)) {
    if (dir) list.push({ file: path.join(dir, BINARY), source: "PATH" });
  }
  return list;
}

// Resolve to { path, version, source }; reject with an Error that lists
// every place tried and why each was refused.
async function findServer(options) {
  const opts = { env: process.env, timeoutMs: 5000, ...options };
  const tried = [];
  for (const c of candidates(opts)) {
    const r = await probe(c.file, opts.timeoutMs);
    if (typeof r === "string") return { path: c.file, version: r, source: c.source };
    tried.push(r.message);
  }
  const hint = opts.setting
    ? "fix the drizzleLsp.serverPath setting"
    : "install drizzle-lsp on PATH or set drizzleLsp.serverPath";
  throw new Error(`drizzle-lsp not found (${hint}). Tried:\n  ${tried.join("\n  ") || "nothing (empty PATH)"}`);
}

module.exports = { findServer, candidates, probe, BINARY };
