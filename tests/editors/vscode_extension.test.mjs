// vscode_extension.test.mjs — the VS Code extension's own modules in Node
// (the VS Code test host cannot be downloaded here): the server lookup
// (setting, beside the extension, PATH; each checked with --version), the
// manifest, and activate() with stand-ins for the vscode modules.
import { mkdirSync, rmSync, symlinkSync, writeFileSync, chmodSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { test, run, assert, assertEqual, BIN } from "../lsp/harness.mjs";

const require = createRequire(import.meta.url);
const SRC = process.env.DZ_SOURCE_DIR;
const EXT = path.join(SRC, "editors/vscode");
const { findServer } = require(path.join(EXT, "lib/find-server.js"));
const TMP = path.join(process.env.DZ_BUILD_DIR, "tmp/editors-vscode");
rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });
const ABS_BIN = path.resolve(BIN);

function dir(name) {
  const d = path.join(TMP, name);
  mkdirSync(d, { recursive: true });
  return d;
}
function script(file, body) {
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}
async function rejects(promise, re, what) {
  try {
    await promise;
  } catch (e) {
    assert(re.test(e.message), `${what}: message ${JSON.stringify(e.message)} does not match ${re}`);
    return e;
  }
  throw new Error(`${what}: expected a rejection`);
}

const realDir = dir("real");
symlinkSync(ABS_BIN, path.join(realDir, "drizzle-lsp"));
const impostorDir = dir("impostor");
script(path.join(impostorDir, "drizzle-lsp"), 'echo "some other tool 1.0"');

test("setting_wins_and_is_checked_with_version", async () => {
  const r = await findServer({ setting: ABS_BIN, env: { PATH: "" } });
  assertEqual([r.path, r.source], [ABS_BIN, "setting"], "found");
  assert(/^\d+\.\d+\.\d+/.test(r.version), `version ${r.version}`);
});

test("setting_expands_workspace_folder_and_relative_paths", async () => {
  const ws = dir("ws");
  mkdirSync(path.join(ws, "tools"), { recursive: true });
  symlinkSync(ABS_BIN, path.join(ws, "tools/drizzle-lsp"));
  const a = await findServer({ setting: "${workspaceFolder}/tools/drizzle-lsp", workspaceFolder: ws, env: {} });
  assertEqual(a.path, path.join(ws, "tools/drizzle-lsp"), "${workspaceFolder}");
  const b = await findServer({ setting: "tools/drizzle-lsp", workspaceFolder: ws, env: {} });
  assertEqual(b.path, path.join(ws, "tools/drizzle-lsp"), "relative");
});

test("a_bad_setting_is_reported_not_replaced_by_path", async () => {
  await rejects(findServer({ setting: "/nonexistent/drizzle-lsp", env: { PATH: realDir } }),
    /serverPath setting[^]*\/nonexistent\/drizzle-lsp: not found/, "missing file");
  await rejects(findServer({ setting: path.join(impostorDir, "drizzle-lsp"), env: { PATH: realDir } }),
    /printed "some other tool 1.0", not "drizzle-lsp X.Y.Z"/, "impostor");
});

test("beside_the_extension_comes_before_path", async () => {
  const ext = dir("ext");
  mkdirSync(path.join(ext, "bin"));
  symlinkSync(ABS_BIN, path.join(ext, "bin/drizzle-lsp"));
  const r = await findServer({ extensionPath: ext, env: { PATH: realDir } });
  assertEqual([r.path, r.source], [path.join(ext, "bin/drizzle-lsp"), "extension"], "found");
});

test("path_is_searched_in_order_skipping_impostors", async () => {
  const r = await findServer({ extensionPath: dir("empty-ext"), env: { PATH: `${impostorDir}:${realDir}` } });
  assertEqual([r.path, r.source], [path.join(realDir, "drizzle-lsp"), "PATH"], "found");
});

test("nothing_found_lists_every_place_tried", async () => {
  const e = await rejects(findServer({ extensionPath: dir("empty-ext2"), env: { PATH: impostorDir } }),
    /not found \(install drizzle-lsp on PATH or set drizzleLsp.serverPath\)/, "nothing");
  assert(e.message.includes(path.join(TMP, "empty-ext2/bin/drizzle-lsp")), "lists the extension path");
  assert(e.message.includes(path.join(impostorDir, "drizzle-lsp")), "lists the PATH entry");
});

test("a_hanging_binary_times_out", async () => {
  const slow = script(path.join(dir("slow"), "drizzle-lsp"), "sleep 5");
  const t = Date.now();
  await rejects(findServer({ setting: slow, env: {}, timeoutMs: 300 }), /--version failed/, "hang");
  assert(Date.now() - t < 3000, "gave up within the time limit");
});

test("manifest_activates_on_drizzle_configs_and_typescript", async () => {
  const pkg = JSON.parse(readFileSync(path.join(EXT, "package.json"), "utf8"));
  assertEqual(pkg.activationEvents, ["workspaceContains:**/drizzle.config.*", "onLanguage:typescript"], "activationEvents");
  assert(pkg.dependencies["vscode-languageclient"], "vscode-languageclient is the extension's own dependency");
  assert(pkg.contributes.configuration.properties["drizzleLsp.serverPath"], "serverPath setting declared");
  assertEqual(pkg.main, "./extension.js", "main");
});

// activate() with stand-ins for `vscode` and `vscode-languageclient/node`,
// which only VS Code provides.
function loadExtension(settingValue) {
  const record = { errors: [], clients: [] };
  const fakeVscode = {
    workspace: {
      getConfiguration: () => ({ get: (k) => (k === "serverPath" ? settingValue : undefined) }),
      workspaceFolders: [{ uri: { fsPath: TMP } }],
      createFileSystemWatcher: (glob) => ({ glob }),
    },
    window: { showErrorMessage: (m) => record.errors.push(m) },
  };
  class FakeClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, started: false, logs: [] });
      record.clients.push(this);
    }
    async start() { this.started = true; }
    info(m) { this.logs.push(m); }
    async stop() { this.started = false; }
    dispose() {}
  }
  const Module = require("node:module");
  const original = Module._load;
  Module._load = function (request, ...rest) {
    if (request === "vscode") return fakeVscode;
    if (request === "vscode-languageclient/node") return { LanguageClient: FakeClient, TransportKind: { stdio: 0 } };
    return original.call(this, request, ...rest);
  };
  const file = path.join(EXT, "extension.js");
  delete require.cache[file];
  try {
    return { ext: require(file), record };
  } finally {
    Module._load = original;
  }
}

test("activate_starts_the_found_server_over_stdio", async () => {
  const { ext, record } = loadExtension(ABS_BIN);
  const context = { extensionPath: dir("ext-activate"), subscriptions: [] };
  await ext.activate(context);
  assertEqual(record.errors, [], "no error");
  const c = record.clients[0];
  assert(c && c.started, "client started");
  assertEqual([c.serverOptions.run.command, c.serverOptions.run.args], [ABS_BIN, ["--stdio"]], "server command");
  assertEqual(c.clientOptions.documentSelector.map((d) => d.language), ["typescript", "javascript", "sql"], "documents");
  assertEqual(c.clientOptions.synchronize.configurationSection, "drizzle", "settings section");
  assertEqual(c.clientOptions.synchronize.fileEvents.glob, "**/drizzle.config.*", "config watcher");
  assertEqual(context.subscriptions.length, 1, "client disposed with the extension");
  await ext.deactivate();
  assert(!c.started, "stopped on deactivate");
});

test("activate_reports_a_missing_server", async () => {
  const { ext, record } = loadExtension("/nonexistent/drizzle-lsp");
  await ext.activate({ extensionPath: TMP, subscriptions: [] });
  assertEqual(record.clients.length, 0, "no client");
  assert(/drizzle-lsp not found \(fix the drizzleLsp.serverPath setting\)/.test(record.errors[0] || ""), `error shown: ${record.errors}`);
});

run();
