// features.test.mjs — a whole editing session against the server with a real
// LSP client (vscode-jsonrpc over stdio), on a scratch copy of the dashboard
// example's db package: pending-change diagnostics, an incremental edit, hover,
// the "Generate migration" code action applied to disk like a client would
// (and separately its executeCommand fallback), then the real drizzle-kit:
// `check` passes, `generate` finds nothing, and the diagnostics clear.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL, fileURLToPath } from "node:url";
import { test, run, assert, assertEqual, startServer } from "./harness.mjs";
import { copyPackage as copyPackageTo, kit } from "../lib/dashboard_package.mjs";

const require = createRequire(import.meta.url);
const rpc = require("vscode-jsonrpc/node");

const BUILD = process.env.DZ_BUILD_DIR;
const SCRATCH = path.join(BUILD, "tmp", "lsp-features");
fs.rmSync(SCRATCH, { recursive: true, force: true });
fs.mkdirSync(SCRATCH, { recursive: true });
const copyPackage = (name) => copyPackageTo(SCRATCH, name);

const uriOf = (p) => pathToFileURL(p).href;

// A client session: diagnostics by URI (latest, and a way to wait for a
// publication that satisfies a predicate), shown documents, registrations.
function connect(dir, capabilities) {
  const server = startServer(["--stdio"]);
  const conn = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.proc.stdout),
    new rpc.StreamMessageWriter(server.proc.stdin),
  );
  const s = { ...server, conn, dir, diags: new Map(), waiters: [], shown: [], registrations: [], versions: new Map() };
  conn.onNotification("textDocument/publishDiagnostics", (p) => {
    s.diags.set(p.uri, p.diagnostics);
    if (process.env.DEBUG) console.log(JSON.stringify(p));
    s.waiters = s.waiters.filter((w) => {
      if (w.uri !== p.uri || !w.pred(p.diagnostics)) return true;
      w.resolve(p.diagnostics);
      return false;
    });
  });
  conn.onNotification("window/logMessage", () => {});
  conn.onRequest("window/showDocument", (p) => {
    s.shown.push(p.uri);
    return { success: true };
  });
  conn.onRequest("client/registerCapability", (p) => {
    s.registrations.push(...p.registrations);
    return null;
  });
  conn.listen();
  s.init = () =>
    conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri: uriOf(dir),
      workspaceFolders: [{ uri: uriOf(dir), name: "db" }],
      capabilities,
    });
  // Resolves with the next (or current) diagnostics of uri that satisfy pred.
  s.waitDiags = (uri, pred = () => true) => {
    const have = s.diags.get(uri);
    if (have && pred(have)) return Promise.resolve(have);
    return new Promise((resolve) => s.waiters.push({ uri, pred, resolve }));
  };
  s.nextDiags = (uri, pred = () => true) =>
    new Promise((resolve) => s.waiters.push({ uri, pred, resolve }));
  s.open = async (file) => {
    const text = fs.readFileSync(file, "utf8");
    s.versions.set(uriOf(file), 1);
    await conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uriOf(file), languageId: "typescript", version: 1, text },
    });
    return text;
  };
  s.change = async (file, range, text) => {
    const uri = uriOf(file);
    const version = s.versions.get(uri) + 1;
    s.versions.set(uri, version);
    await conn.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  };
  s.finish = async () => {
    await conn.sendRequest("shutdown");
    await conn.sendNotification("exit");
    const code = await s.exited;
    conn.dispose();
    return code;
  };
  return s;
}

const FULL_CAPS = {
  workspace: {
    workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"] },
    didChangeWatchedFiles: { dynamicRegistration: true },
    executeCommand: {},
  },
  window: { showDocument: { support: true }, workDoneProgress: true },
  textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } },
};

// The zero-based line of the first line of text containing needle, and the
// UTF-16 column where needle starts.
function where(text, needle) {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i].indexOf(needle);
    if (c >= 0) return { line: i, character: c };
  }
  throw new Error(`"${needle}" is not in the text`);
}

const byCode = (diags, code) => diags.filter((d) => d.code === code);

// Apply an LSP WorkspaceEdit's documentChanges to disk, as a client does.
function applyWorkspaceEdit(edit) {
  for (const change of edit.documentChanges) {
    if (change.kind === "create") {
      const file = fileURLToPath(change.uri);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (!fs.existsSync(file) || !(change.options && change.options.ignoreIfExists)) fs.writeFileSync(file, "");
      continue;
    }
    assert(!change.kind, `unexpected resource operation ${change.kind}`);
    const file = fileURLToPath(change.textDocument.uri);
    let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const offset = (pos) => {
      const lines = text.split("\n");
      let o = 0;
      for (let i = 0; i < pos.line && i < lines.length; i++) o += lines[i].length + 1;
      return Math.min(o + pos.character, text.length);
    };
    const edits = [...change.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
    for (const e of edits) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
    fs.writeFileSync(file, text);
  }
}

function drizzleKitAgrees(dir) {
  const check = kit(dir, "check");
  assert(check.code === 0, `drizzle-kit check fails:\n${check.out}`);
  const gen = kit(dir, "generate");
  assert(gen.code === 0 && /No schema changes/.test(gen.out), `drizzle-kit generate finds changes:\n${gen.out}`);
}

test("whole_session_diagnostics_edit_hover_generate_edit_then_drizzle_kit_agrees", async () => {
  const dir = copyPackage("session");
  const schema = path.join(dir, "src", "schema");
  const users = path.join(schema, "users.ts"), teams = path.join(schema, "teams.ts");
  const projects = path.join(schema, "projects.ts"), events = path.join(schema, "events.ts");
  const s = connect(dir, FULL_CAPS);
  const init = await s.init();
  assert(init.capabilities.hoverProvider, "hoverProvider advertised");
  assert(init.capabilities.executeCommandProvider.commands.includes("drizzle.generateMigration"), "generate command advertised");
  await s.conn.sendNotification("initialized", {});

  // Pending-change diagnostics, one per risk category, where the change is.
  const usersText = await s.open(users);
  const teamsText = await s.open(teams);
  const projectsText = await s.open(projects);
  const eventsText = await s.open(events);
  const ud = await s.waitDiags(uriOf(users), (d) => byCode(d, "column-added-nullable").length > 0);
  const added = byCode(ud, "column-added-nullable")[0];
  assertEqual(added.severity, 3, "safe change severity (Information)");
  assertEqual(added.range.start.line, where(usersText, "lastSeenAt:").line, "new column's line");
  assert(/last_seen_at/.test(added.message), `message names the column: ${added.message}`);
  assert(/rules\.md#column-added-nullable$/.test(added.codeDescription?.href ?? ""), `href: ${JSON.stringify(added.codeDescription)}`);
  const td = await s.waitDiags(uriOf(teams), (d) => byCode(d, "column-added-not-null-no-default").length > 0);
  const notNull = byCode(td, "column-added-not-null-no-default")[0];
  assertEqual(notNull.severity, 1, "high-risk change severity (Error)");
  assertEqual(notNull.range.start.line, where(teamsText, "billingEmail").line, "NOT NULL column's line");
  const ed = await s.waitDiags(uriOf(events), (d) => byCode(d, "index-created").length > 0);
  const index = byCode(ed, "index-created")[0];
  assertEqual(index.severity, 2, "careful change severity (Warning)");
  assertEqual(index.range.start.line, where(eventsText, "events_occurred_idx").line, "new index's line");
  const pd = await s.waitDiags(uriOf(projects), (d) => byCode(d, "column-dropped").length > 0);
  const dropped = byCode(pd, "column-dropped")[0];
  assertEqual(dropped.severity, 1, "dropped column severity");
  assert(/legacy_layout/.test(dropped.message), `message names the dropped column: ${dropped.message}`);
  assertEqual(dropped.range.start.line >= where(projectsText, "export const dashboards").line, true, "points at dashboards");

  // An incremental edit: a new nullable column appears, then goes again.
  const at = where(usersText, "timezone:");
  const next = s.nextDiags(uriOf(users), (d) => d.some((x) => /nickname/.test(x.message)));
  await s.change(users, { start: at, end: at }, 'nickname: text("nickname"),\n  ');
  const withNick = await next;
  const nick = withNick.find((x) => /nickname/.test(x.message));
  assertEqual([nick.code, nick.severity, nick.range.start.line], ["column-added-nullable", 3, at.line], "new column diagnostic");
  const back = s.nextDiags(uriOf(users), (d) => !d.some((x) => /nickname/.test(x.message)));
  await s.change(users, { start: at, end: { line: at.line + 1, character: 2 } }, "");
  await back;

  // Hover: a table shows its CREATE TABLE and pending SQL; a column its definition.
  const tableHover = await s.conn.sendRequest("textDocument/hover", {
    textDocument: { uri: uriOf(users) }, position: where(usersText, "sqliteTable(\"users\""),
  });
  const tmd = tableHover?.contents?.value ?? "";
  assert(/```sql\nCREATE TABLE `users`/.test(tmd), `table hover has CREATE TABLE:\n${tmd}`);
  assert(/ALTER TABLE `users` ADD `last_seen_at` integer/.test(tmd), `table hover has the pending ALTER:\n${tmd}`);
  const colHover = await s.conn.sendRequest("textDocument/hover", {
    textDocument: { uri: uriOf(users) }, position: where(usersText, "lastSeenAt:"),
  });
  const cmd = colHover?.contents?.value ?? "";
  assert(/`last_seen_at` integer/.test(cmd) && /ALTER TABLE `users` ADD `last_seen_at`/.test(cmd), `column hover:\n${cmd}`);
  const teamsCol = await s.conn.sendRequest("textDocument/hover", {
    textDocument: { uri: uriOf(teams) }, position: where(teamsText, "billingEmail"),
  });
  assert(/`billing_email` text NOT NULL/.test(teamsCol?.contents?.value ?? ""), `NOT NULL column hover:\n${teamsCol?.contents?.value}`);
  const onImport = await s.conn.sendRequest("textDocument/hover", {
    textDocument: { uri: uriOf(users) }, position: { line: 0, character: 2 },
  });
  assertEqual(onImport, null, "hover outside a Drizzle construct");
  const indexTs = path.join(dir, "src", "index.ts");
  await s.open(indexTs);
  const onOther = await s.conn.sendRequest("textDocument/hover", {
    textDocument: { uri: uriOf(indexTs) }, position: { line: 0, character: 0 },
  });
  assertEqual(onOther, null, "hover on a non-schema file");

  // Generate migration: the WorkspaceEdit applied to disk, then its command.
  const actions = await s.conn.sendRequest("textDocument/codeAction", {
    textDocument: { uri: uriOf(users) }, range: { start: at, end: at }, context: { diagnostics: [] },
  });
  const gen = actions.find((a) => /^Generate migration/.test(a.title));
  assert(gen && gen.edit, `a Generate migration action with an edit: ${JSON.stringify(actions.map((a) => a.title))}`);
  const created = gen.edit.documentChanges.filter((c) => c.kind === "create").map((c) => path.basename(fileURLToPath(c.uri)));
  assert(created.some((f) => /^0002_.*\.sql$/.test(f) && !f.endsWith(".down.sql")), `creates 0002 sql: ${created}`);
  assert(created.includes("0002_snapshot.json") && created.some((f) => f.endsWith(".down.sql")), `creates snapshot and rollback: ${created}`);
  applyWorkspaceEdit(gen.edit);
  const cleared = s.nextDiags(uriOf(users), (d) => d.length === 0);
  await s.conn.sendRequest("workspace/executeCommand", gen.command);
  await cleared;
  assertEqual(byCode(await s.waitDiags(uriOf(teams), (d) => d.length === 0), "column-added-not-null-no-default").length, 0, "teams clear");
  const sqlFile = gen.command.arguments[1];
  assert(s.shown.includes(uriOf(sqlFile)), `showDocument for ${sqlFile}: ${s.shown}`);
  drizzleKitAgrees(dir);
  assertEqual(await s.finish(), 0, "exit code");
});

test("generate_through_execute_command_when_the_client_cannot_create_files", async () => {
  const dir = copyPackage("command");
  const users = path.join(dir, "src", "schema", "users.ts");
  const s = connect(dir, { window: { showDocument: { support: true } } });
  await s.init();
  await s.conn.sendNotification("initialized", {});
  const text = await s.open(users);
  await s.waitDiags(uriOf(users), (d) => d.length > 0);
  const pos = where(text, "lastSeenAt:");
  const actions = await s.conn.sendRequest("textDocument/codeAction", {
    textDocument: { uri: uriOf(users) }, range: { start: pos, end: pos }, context: { diagnostics: [] },
  });
  const gen = actions.find((a) => /^Generate migration/.test(a.title));
  assert(gen && !gen.edit && gen.command?.command === "drizzle.generateMigration", `a command-only action: ${JSON.stringify(gen)}`);
  const cleared = s.nextDiags(uriOf(users), (d) => d.length === 0);
  const message = await s.conn.sendRequest("workspace/executeCommand", gen.command);
  assert(/^wrote .*0002_.*\.sql$/.test(message), `command result: ${message}`);
  await cleared;
  assert(s.shown.some((u) => /0002_.*\.sql$/.test(u)), `showDocument of the new SQL: ${s.shown}`);
  const files = fs.readdirSync(path.join(dir, "drizzle"));
  assert(files.some((f) => /^0002_.*\.down\.sql$/.test(f)), `rollback written: ${files}`);
  drizzleKitAgrees(dir);
  const again = await s.conn.sendRequest("workspace/executeCommand", gen.command);
  assertEqual(again, "No schema changes, nothing to write", "a second generate");
  assertEqual(await s.finish(), 0, "exit code");
});

test("a_migration_made_by_drizzle_kit_refreshes_diagnostics_with_and_without_client_watching", async () => {
  for (const dynamic of [true, false]) {
    const dir = copyPackage(dynamic ? "kit-watched-by-client" : "kit-watched-by-server");
    const users = path.join(dir, "src", "schema", "users.ts");
    const s = connect(dir, { workspace: { didChangeWatchedFiles: { dynamicRegistration: dynamic } } });
    await s.init();
    await s.conn.sendNotification("initialized", {});
    await s.open(users);
    await s.waitDiags(uriOf(users), (d) => byCode(d, "column-added-nullable").length > 0);
    if (dynamic) {
      await new Promise((r) => setTimeout(r, 200));
      const reg = s.registrations.find((r) => r.method === "workspace/didChangeWatchedFiles");
      assert(reg && reg.registerOptions.watchers.some((w) => /_journal\.json/.test(w.globPattern)), `watchers registered: ${JSON.stringify(s.registrations)}`);
    }
    const cleared = s.nextDiags(uriOf(users), (d) => d.length === 0);
    const r = kit(dir, "generate");
    assert(r.code === 0, `drizzle-kit generate: ${r.out}`);
    if (dynamic) {
      const journal = uriOf(path.join(dir, "drizzle", "meta", "_journal.json"));
      await s.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: journal, type: 2 }] });
    }
    await cleared;
    assertEqual(await s.finish(), 0, "exit code");
  }
});

test("severity_settings_code_lenses_preview_and_schema_errors", async () => {
  const dir = copyPackage("settings");
  const users = path.join(dir, "src", "schema", "users.ts");
  const s = connect(dir, { window: { showDocument: { support: true } } });
  await s.conn.sendRequest("initialize", {
    processId: process.pid, rootUri: uriOf(dir), capabilities: { window: { showDocument: { support: true } } },
    initializationOptions: { drizzle: { severity: { safe: "hint" } } },
  });
  await s.conn.sendNotification("initialized", {});
  const text = await s.open(users);
  const first = await s.waitDiags(uriOf(users), (d) => byCode(d, "column-added-nullable").length > 0);
  assertEqual(byCode(first, "column-added-nullable")[0].severity, 4, "safe as Hint from initializationOptions");
  const next = s.nextDiags(uriOf(users), (d) => byCode(d, "column-added-nullable")[0]?.severity === 2);
  await s.conn.sendNotification("workspace/didChangeConfiguration", { settings: { drizzle: { severity: { safe: "warning" } } } });
  await next;

  // Code lenses above the table with pending changes, and its SQL preview.
  const lenses = await s.conn.sendRequest("textDocument/codeLens", { textDocument: { uri: uriOf(users) } });
  const titles = lenses.map((l) => l.command.title);
  assertEqual(titles, ["1 pending change", "Preview SQL", "Generate migration"], "lens titles");
  assertEqual(lenses[0].range.start.line, where(text, "sqliteTable(").line, "lens line");
  const previewPath = await s.conn.sendRequest("workspace/executeCommand", lenses[1].command);
  const preview = fs.readFileSync(previewPath, "utf8");
  assert(/ALTER TABLE `users` ADD `last_seen_at` integer;/.test(preview), `preview:\n${preview}`);
  assert(s.shown.includes(uriOf(previewPath)), "preview shown");
  fs.rmSync(path.dirname(previewPath), { recursive: true, force: true });

  // Schema errors: a duplicate column name, an index on an unknown column.
  const at = where(text, "timezone:");
  const dup = s.nextDiags(uriOf(users), (d) => byCode(d, "duplicate-column").length > 0);
  await s.change(users, { start: at, end: at }, 'tz: text("email"),\n  ');
  const dd = byCode(await dup, "duplicate-column")[0];
  assertEqual([dd.severity, dd.range.start.line], [2, at.line], "duplicate column diagnostic");
  // A foreign key to a table that is not exported (so not in any migration).
  const ghost = s.nextDiags(uriOf(users), (d) => byCode(d, "unknown-table").length > 0);
  await s.change(users, { start: at, end: { line: at.line + 1, character: 2 } },
    'ghostId: text("ghost_id").references(() => ghosts.id),\n  ');
  const end = text.split("\n").length + 1;
  await s.change(users, { start: { line: end, character: 0 }, end: { line: end, character: 0 } },
    'const ghosts = sqliteTable("ghosts", { id: text("id").primaryKey() });\n');
  const gd = byCode(await ghost, "unknown-table")[0];
  assertEqual([gd.severity, gd.range.start.line], [2, at.line], "unknown table diagnostic");
  assert(/ghosts/.test(gd.message), `names the table: ${gd.message}`);
  assertEqual(await s.finish(), 0, "exit code");
});

test("an_open_migration_file_shows_the_statement_that_fails_on_replay", async () => {
  const dir = copyPackage("sql-file");
  const sql = path.join(dir, "drizzle", "0001_widgets_and_events.sql");
  const s = connect(dir, {});
  await s.init();
  await s.conn.sendNotification("initialized", {});
  const uri = uriOf(sql);
  const text = fs.readFileSync(sql, "utf8");
  await s.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sql", version: 1, text } });
  assertEqual((await s.waitDiags(uri)).length, 0, "the committed migration replays cleanly");
  // Break a statement: it now names a table that does not exist at this point.
  const broken = text.replace("ALTER TABLE `users`", "ALTER TABLE `no_such_table`");
  assert(broken !== text, "fixture has an ALTER TABLE users");
  await s.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
  const d = await s.waitDiags(uri, (x) => x.length > 0);
  assertEqual([d[0].code, d[0].severity, d[0].range.start.line], ["statement-fails", 1, where(broken, "no_such_table").line], "failing statement");
  assert(/no_such_table/.test(d[0].message), `SQLite's message: ${d[0].message}`);
  assertEqual(await s.finish(), 0, "exit code");
});

// Apply a quick fix's edit to an open document's text (one TextDocumentEdit).
function applyToText(text, edit) {
  const change = edit.documentChanges[0];
  const lines = text.split("\n");
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const e = change.edits[0];
  return { range: e.range, newText: e.newText, text: text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end)) };
}

test("quick_fixes_add_a_default_keep_nullable_and_treat_a_drop_and_add_as_a_rename", async () => {
  const dir = copyPackage("quick-fixes");
  const teams = path.join(dir, "src", "schema", "teams.ts"), users = path.join(dir, "src", "schema", "users.ts");
  const s = connect(dir, FULL_CAPS);
  await s.init();
  await s.conn.sendNotification("initialized", {});
  const teamsText = await s.open(teams);
  const td = await s.waitDiags(uriOf(teams), (d) => byCode(d, "column-added-not-null-no-default").length > 0);
  const diag = byCode(td, "column-added-not-null-no-default")[0];
  const actions = await s.conn.sendRequest("textDocument/codeAction", {
    textDocument: { uri: uriOf(teams) }, range: diag.range, context: { diagnostics: [diag] },
  });
  const addDefault = actions.find((a) => /^Add a default/.test(a.title));
  const nullable = actions.find((a) => /nullable/.test(a.title));
  assert(addDefault && nullable, `fixes offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  assertEqual(addDefault.diagnostics?.[0]?.code, "column-added-not-null-no-default", "fix names its diagnostic");
  const withDefault = applyToText(teamsText, addDefault.edit);
  assert(withDefault.text.includes('billingEmail: text("billing_email").notNull().default("")'), `default added:\n${withDefault.text}`);
  const withoutNotNull = applyToText(teamsText, nullable.edit);
  assert(withoutNotNull.text.includes('billingEmail: text("billing_email"),'), `notNull removed:\n${withoutNotNull.text}`);
  // The default applied as an edit: the finding becomes a careful NOT NULL with a default.
  const careful = s.nextDiags(uriOf(teams), (d) => byCode(d, "column-added-not-null-default").length > 0);
  await s.change(teams, withDefault.range, withDefault.newText);
  assertEqual(byCode(await careful, "column-added-not-null-default")[0].severity, 2, "now careful");

  // A column renamed in TypeScript is a drop and an add until the user says otherwise.
  const usersText = await s.open(users);
  const at = where(usersText, 'text("name")');
  const candidate = s.nextDiags(uriOf(users), (d) => byCode(d, "rename-candidate").length > 0);
  await s.change(users, { start: { line: at.line, character: at.character + 6 }, end: { line: at.line, character: at.character + 10 } }, "full_name");
  const rd = byCode(await candidate, "rename-candidate")[0];
  const ra = await s.conn.sendRequest("textDocument/codeAction", {
    textDocument: { uri: uriOf(users) }, range: rd.range, context: { diagnostics: [rd] },
  });
  const rename = ra.find((a) => /rename/i.test(a.title) && a.command?.command === "drizzle.treatAsRename");
  assert(rename, `rename fix offered: ${JSON.stringify(ra.map((a) => a.title))}`);
  const renamed = s.nextDiags(uriOf(users), (d) => byCode(d, "column-renamed").length > 0 && !byCode(d, "rename-candidate").length);
  await s.conn.sendRequest("workspace/executeCommand", rename.command);
  await renamed;
  // The next generate uses the remembered rename, and drizzle-kit agrees with the result.
  const gen = (await s.conn.sendRequest("textDocument/codeAction", {
    textDocument: { uri: uriOf(users) }, range: rd.range, context: { diagnostics: [] },
  })).find((a) => /^Generate migration/.test(a.title));
  applyWorkspaceEdit(gen.edit);
  fs.writeFileSync(users, usersText.replace('text("name")', 'text("full_name")'));
  fs.writeFileSync(teams, withDefault.text);
  const sqlText = gen.edit.documentChanges.find((c) => c.edits && /0002_[a-z_]+\.sql$/.test(c.textDocument.uri) && !/down/.test(c.textDocument.uri)).edits[0].newText;
  assert(/RENAME COLUMN [`"]name[`"] TO [`"]full_name[`"]/.test(sqlText), `rename in the SQL:\n${sqlText}`);
  drizzleKitAgrees(dir);
  assertEqual(await s.finish(), 0, "exit code");
});

await run();
