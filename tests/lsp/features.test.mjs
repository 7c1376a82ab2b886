// features.test.mjs — a whole editing session against the server with a real
// LSP client (vscode-jsonrpc over stdio), on a scratch copy of the dashboard
// example's db package: pending-change diagnostics, an incremental edit, hover,
// the "Generate migration" code action applied to disk like a client would
// (and separately its executeCommand fallback), then the real drizzle-kit:
// `check` passes, `generate` finds nothing, and the diagnostics clear. Also:
// an open migration .sql shows what drizzle-orm's migrator got wrong about it
// on the development database (skipped, edited after it ran).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL, fileURLToPath } from "node:url";
import { test, run, assert, assertEqual, startClient } from "./harness.mjs";
import { copyPackage as copyPackageTo, kit } from "../lib/dashboard_package.mjs";
import { kitConfig, kitProject, scratch } from "../lib/script_test.mjs";

const require = createRequire(import.meta.url);

const SCRATCH = scratch("lsp-features");
const copyPackage = (name) => copyPackageTo(SCRATCH, name);

const uriOf = (p) => pathToFileURL(p).href;

// A client session: diagnostics by URI (latest, and a way to wait for a
// publication that satisfies a predicate), shown documents, registrations.
function connect(dir, capabilities) {
  const s = { ...startClient(), dir, diags: new Map(), waiters: [], shown: [], registrations: [], versions: new Map() };
  const { conn } = s;
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

test("a_changed_config_is_read_again", async () => {
  const dir = copyPackage("config-change");
  const users = path.join(dir, "src", "schema", "users.ts");
  const s = connect(dir, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
  await s.init();
  await s.conn.sendNotification("initialized", {});
  await s.open(users);
  await s.waitDiags(uriOf(users), (d) => byCode(d, "column-added-nullable").length > 0);
  const config = path.join(dir, "drizzle.config.ts");
  fs.writeFileSync(config, fs.readFileSync(config, "utf8").replace('out: "./drizzle"', 'out: "./fresh"'));
  const fresh = s.nextDiags(uriOf(users), (d) => byCode(d, "table-created").length > 0);
  await s.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(config), type: 2 }] });
  const d = await fresh;
  assert(byCode(d, "table-created").some((x) => /users/.test(x.message)), `users is new to an empty folder: ${JSON.stringify(d)}`);
  assertEqual(await s.finish(), 0, "exit code");
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
  // A dropped table has no place in the schema: it shows at the top of the config.
  const projects = path.join(dir, "src", "schema", "projects.ts");
  const projectsText = await s.open(projects);
  const config = path.join(dir, "drizzle.config.ts");
  await s.conn.sendNotification("textDocument/didOpen", {
    textDocument: { uri: uriOf(config), languageId: "typescript", version: 1, text: fs.readFileSync(config, "utf8") },
  });
  const dropped = s.nextDiags(uriOf(config), (d) => byCode(d, "table-dropped").length > 0);
  const cut = projectsText.slice(0, projectsText.indexOf("export const widgets"));
  await s.conn.sendNotification("textDocument/didChange", {
    textDocument: { uri: uriOf(projects), version: 2 }, contentChanges: [{ text: cut }],
  });
  const td = byCode(await dropped, "table-dropped")[0];
  assertEqual([td.severity, td.range.start], [1, { line: 0, character: 0 }], "dropped table at the config's top");
  assert(/widgets/.test(td.message), `names the table: ${td.message}`);
  assertEqual(await s.finish(), 0, "exit code");
  assert(!fs.existsSync(path.dirname(previewPath)), "previews removed when the server ends");
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

// A project whose dev.db (dbCredentials.url file:) drizzle-orm's migrate()
// brought to a state it gets wrong: 0001_posts, merged from an older branch,
// is older than the applied 0002_comments and was skipped for real. Its .sql
// shows migration-skipped; an applied file changed on disk shows
// migration-edited once the watcher says so.
test("an_open_migration_file_shows_what_the_migrator_got_wrong_on_the_dev_database", async () => {
  const dir = kitProject(path.join(SCRATCH, "applied"), kitConfig(', dbCredentials: { url: "file:./dev.db" }'));
  const tables = [];
  for (const t of ["users", "posts", "comments"]) {
    tables.push(`export const ${t} = sqliteTable("${t}", { id: integer("id").primaryKey() });\n`);
    fs.writeFileSync(path.join(dir, "schema.ts"), 'import { sqliteTable, integer } from "drizzle-orm/sqlite-core";\n' + tables.join(""));
    const r = kit(dir, "generate", "--name", t);
    assert(r.code === 0, `drizzle-kit generate ${t}: ${r.out}`);
  }
  const out = path.join(dir, "drizzle"), main = path.join(dir, "main-folder");
  fs.cpSync(out, main, { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(main, "meta", "_journal.json"), "utf8"));
  const [, posts, comments] = journal.entries.map((e) => e.tag);
  journal.entries.splice(1, 1);
  fs.writeFileSync(path.join(main, "meta", "_journal.json"), JSON.stringify(journal));
  const Database = require("better-sqlite3");
  const { drizzle } = require("drizzle-orm/better-sqlite3");
  const { migrate } = require("drizzle-orm/better-sqlite3/migrator");
  const db = new Database(path.join(dir, "dev.db"));
  migrate(drizzle(db), { migrationsFolder: main });
  migrate(drizzle(db), { migrationsFolder: out });
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((x) => x.name);
  db.close();
  assert(!names.includes("posts") && names.includes("comments"), `drizzle-orm skipped ${posts}: ${names}`);

  const s = connect(dir, FULL_CAPS);
  await s.init();
  await s.conn.sendNotification("initialized", {});
  const skippedSql = path.join(out, `${posts}.sql`);
  const text = fs.readFileSync(skippedSql, "utf8");
  await s.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: uriOf(skippedSql), languageId: "sql", version: 1, text } });
  const d = byCode(await s.waitDiags(uriOf(skippedSql), (x) => byCode(x, "migration-skipped").length > 0), "migration-skipped");
  assertEqual([d.length, d[0].severity, d[0].range.start.line, d[0].range.start.character, d[0].range.end.line],
    [1, 1, 0, 0, 0], "one error on the first line");
  assertEqual(d[0].range.end.character, text.split("\n")[0].length, "the first line's end");
  assert(d[0].message.includes(posts) && d[0].message.includes(comments), `names both migrations: ${d[0].message}`);
  assert(/rules\.md#migration-skipped$/.test(d[0].codeDescription?.href || ""), `links the rule: ${JSON.stringify(d[0])}`);

  const appliedSql = path.join(out, `${comments}.sql`);
  const applied = fs.readFileSync(appliedSql, "utf8");
  await s.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: uriOf(appliedSql), languageId: "sql", version: 1, text: applied } });
  assertEqual((await s.waitDiags(uriOf(appliedSql))).length, 0, "the applied, unchanged migration shows nothing");
  const edited = s.nextDiags(uriOf(appliedSql), (x) => byCode(x, "migration-edited").length > 0);
  fs.writeFileSync(appliedSql, applied + "\n--> statement-breakpoint\nCREATE INDEX `c_idx` ON `comments` (`id`);");
  await s.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(appliedSql), type: 2 }] });
  const e = byCode(await edited, "migration-edited");
  assertEqual([e.length, e[0].severity], [1, 2], "one warning (careful)");
  assert(e[0].message.includes(comments), `names the file: ${e[0].message}`);
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

test("document_symbols_definition_and_references", async () => {
  const dir = copyPackage("navigation");
  const schema = path.join(dir, "src", "schema");
  const app = path.join(dir, "src", "app.ts");
  fs.writeFileSync(app, 'import { users } from "./schema/users";\nexport const seen = (u: typeof users.$inferSelect) => u.lastSeenAt ?? u.createdAt;\n' +
    "export const layout = (d: { legacyLayout?: string }) => d.legacyLayout;\n");
  fs.mkdirSync(path.join(dir, ".cache"), { recursive: true });
  fs.writeFileSync(path.join(dir, ".cache", "copy.ts"), "x.lastSeenAt;\n");
  const s = connect(dir, {});
  await s.init();
  await s.conn.sendNotification("initialized", {});
  const teams = path.join(schema, "teams.ts"), projects = path.join(schema, "projects.ts"), users = path.join(schema, "users.ts");
  const teamsText = await s.open(teams);
  const projectsText = await s.open(projects);
  const usersText = await s.open(users);

  const symbols = await s.conn.sendRequest("textDocument/documentSymbol", { textDocument: { uri: uriOf(teams) } });
  assertEqual(symbols.map((x) => [x.name, x.kind]), [["teams", 23], ["memberships", 23]], "tables");
  // The dropped column's readers in application code are one click away.
  const pd = await s.waitDiags(uriOf(projects), (d) => byCode(d, "column-dropped").length > 0);
  const readers = (byCode(pd, "column-dropped")[0].relatedInformation ?? []).filter((r) => r.location.uri === uriOf(app));
  const read = where(fs.readFileSync(app, "utf8"), "d.legacyLayout");
  assertEqual(readers.map((r) => r.location.range.start), [{ line: read.line, character: read.character + 2 }], "the reader of legacy_layout");
  assert(/legacy_layout/.test(readers[0].message), `related message: ${readers[0].message}`);
  const teamChildren = symbols[0].children.map((c) => c.name);
  assert(["slug", "name", "plan", "billingEmail"].every((n) => teamChildren.includes(n)), `teams columns: ${teamChildren}`);
  const m = symbols[1].children.map((c) => c.name);
  assert(m.includes("memberships_user_idx") && m.some((n) => /_fk$/.test(n)), `memberships index and foreign keys: ${m}`);
  assertEqual(symbols[0].children.find((c) => c.name === "billingEmail").range.start.line, where(teamsText, "billingEmail").line, "column range");

  // From references(() => teams.id) to the column, and from `teams` to the table.
  const ref = where(projectsText, "teams.id");
  const toColumn = await s.conn.sendRequest("textDocument/definition", {
    textDocument: { uri: uriOf(projects) }, position: { line: ref.line, character: ref.character + 6 },
  });
  assertEqual(toColumn.length, 1, "one definition");
  assert(toColumn[0].uri.endsWith("/src/schema/columns.ts") || toColumn[0].uri === uriOf(teams), `id column's place: ${toColumn[0].uri}`);
  const toTable = await s.conn.sendRequest("textDocument/definition", {
    textDocument: { uri: uriOf(projects) }, position: { line: ref.line, character: ref.character + 1 },
  });
  assertEqual([toTable[0].uri, toTable[0].range.start.line], [uriOf(teams), where(teamsText, 'sqliteTable("teams"').line], "table definition");
  const inIndex = where(projectsText, "t.teamId");
  const viaParam = await s.conn.sendRequest("textDocument/definition", {
    textDocument: { uri: uriOf(projects) }, position: { line: inIndex.line, character: inIndex.character + 3 },
  });
  assertEqual(viaParam[0].range.start.line, where(projectsText, "teamId: text").line, "t.teamId goes to the column");
  const none = await s.conn.sendRequest("textDocument/definition", {
    textDocument: { uri: uriOf(projects) }, position: { line: 0, character: 1 },
  });
  assertEqual(none, null, "no definition on import");

  // References of a column: the foreign keys and indexes on it, and application code.
  const col = where(projectsText, "teamId: text");
  const refs = await s.conn.sendRequest("textDocument/references", {
    textDocument: { uri: uriOf(projects) }, position: col, context: { includeDeclaration: true },
  });
  const lines = refs.filter((r) => r.uri === uriOf(projects)).map((r) => r.range.start.line);
  assert(lines.includes(col.line), `declaration: ${JSON.stringify(refs)}`);
  assert(lines.includes(where(projectsText, "projects_team_name_idx").line), `index on it: ${JSON.stringify(refs)}`);
  const seen = await s.conn.sendRequest("textDocument/references", {
    textDocument: { uri: uriOf(users) }, position: where(usersText, "lastSeenAt:"), context: { includeDeclaration: false },
  });
  const appRefs = seen.filter((r) => r.uri === uriOf(app));
  assertEqual(appRefs.length, 1, `application code reading .lastSeenAt: ${JSON.stringify(seen)}`);
  const use = where(fs.readFileSync(app, "utf8"), ".lastSeenAt");
  assertEqual(appRefs[0].range.start, { line: use.line, character: use.character + 1 }, "the use's position");
  assert(!seen.some((r) => /node_modules|\.cache/.test(r.uri)), "node_modules and dot-directories not searched");
  assertEqual(await s.finish(), 0, "exit code");
});

test("development_database_figures_dry_run_and_progress", async () => {
  const dir = copyPackage("dev-db");
  const Database = require("better-sqlite3");
  const { drizzle } = require("drizzle-orm/better-sqlite3");
  const { migrate } = require("drizzle-orm/better-sqlite3/migrator");
  const db = new Database(path.join(dir, "dev.db"));
  migrate(drizzle(db), { migrationsFolder: path.join(dir, "drizzle") });
  db.exec(fs.readFileSync(path.join(dir, "seed.sql"), "utf8"));
  db.close();
  const s = connect(dir, { window: { workDoneProgress: true } });
  const progress = [];
  s.conn.onRequest("window/workDoneProgress/create", () => null);
  s.conn.onNotification("$/progress", (p) => progress.push(p.value.kind));
  await s.init();
  await s.conn.sendNotification("initialized", {});
  const projects = path.join(dir, "src", "schema", "projects.ts");
  await s.open(projects);
  const d = await s.waitDiags(uriOf(projects), (x) => byCode(x, "column-dropped").length > 0);
  const drop = byCode(d, "column-dropped")[0];
  assert(/\b2\b/.test(drop.message) && /legacy_layout/.test(drop.message), `the drop says how many values it discards (2 of the seeded rows):\n${drop.message}`);
  assert(progress.includes("begin") && progress.includes("end"), `progress reported: ${progress}`);
  const lenses = await s.conn.sendRequest("textDocument/codeLens", { textDocument: { uri: uriOf(projects) } });
  const dry = lenses.find((l) => l.command.command === "drizzle.dryRun");
  assert(dry && /dev\.db/.test(dry.command.title), `dry run lens: ${JSON.stringify(lenses.map((l) => l.command.title))}`);
  progress.length = 0;
  const result = await s.conn.sendRequest("workspace/executeCommand", dry.command);
  assert(/^dry run /.test(result), `dry run result: ${result}`);
  assertEqual(progress, ["begin", "report", "end"], "dry run progress");
  assertEqual(await s.finish(), 0, "exit code");
});

await run();
