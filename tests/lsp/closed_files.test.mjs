// closed_files.test.mjs — the Problems list shows every pending change, not
// only those of open files: a real LSP client (vscode-jsonrpc over stdio) on a
// project of two schema files, each with a pending high-risk change against
// migrations made by the real drizzle-kit. Diagnostics arrive for both files
// after initialized (closed: no version), an open one carries its version, a
// closed schema document keeps its diagnostics, a migration made by
// drizzle-kit, a file leaving the globs and a deleted config clear them, and the setting
// drizzle.diagnostics.closedFiles turns closed files' diagnostics off and on.
// Also the migrator's problems on a closed migration .sql file, and a closed
// migration document whose diagnostics clear.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { test, run, assert, assertEqual, startClient } from "./harness.mjs";
import { kit } from "../lib/dashboard_package.mjs";
import { linkNodeModules, scratch } from "../lib/script_test.mjs";

const require = createRequire(import.meta.url);

const SCRATCH = scratch("lsp-closed-files");
const uriOf = (p) => pathToFileURL(p).href;

// A client: every publication in order, the latest by URI, and waiting for
// a publication of a URI that satisfies a predicate.
function connect(dir, initializationOptions) {
  const s = { ...startClient(), latest: new Map(), all: [], waiters: [] };
  const { conn } = s;
  conn.onNotification("textDocument/publishDiagnostics", (p) => {
    s.latest.set(p.uri, p);
    s.all.push(p);
    s.waiters = s.waiters.filter((w) => {
      if (w.uri !== p.uri || !w.pred(p)) return true;
      w.resolve(p);
      return false;
    });
  });
  conn.onNotification("window/logMessage", () => {});
  conn.onRequest("client/registerCapability", () => null);
  conn.listen();
  s.start = async () => {
    await conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri: uriOf(dir),
      workspaceFolders: [{ uri: uriOf(dir), name: "app" }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions,
    });
    await conn.sendNotification("initialized", {});
  };
  // The current publication of uri if it satisfies pred, else the next one that does.
  s.wait = (uri, pred = () => true) => {
    const have = s.latest.get(uri);
    if (have && pred(have)) return Promise.resolve(have);
    return s.next(uri, pred);
  };
  s.next = (uri, pred = () => true) => new Promise((resolve) => s.waiters.push({ uri, pred, resolve }));
  s.open = (file, languageId = "typescript", version = 1) =>
    conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uriOf(file), languageId, version, text: fs.readFileSync(file, "utf8") },
    });
  s.close = (file) => conn.sendNotification("textDocument/didClose", { textDocument: { uri: uriOf(file) } });
  s.diskChanged = (...files) =>
    conn.sendNotification("workspace/didChangeWatchedFiles", { changes: files.map((f) => ({ uri: uriOf(f), type: 2 })) });
  // A round trip: every notification sent before has been handled.
  s.sync = () => conn.sendRequest("drizzle/documentState", { textDocument: { uri: "file:///nothing" } });
  return s;
}

const codes = (p) => p.diagnostics.map((d) => d.code);
const has = (code) => (p) => codes(p).includes(code);
const empty = (p) => p.diagnostics.length === 0;

const USERS_V1 = 'import { sqliteTable, integer, text } from "drizzle-orm/sqlite-core";\n' +
  'export const users = sqliteTable("users", {\n  id: integer("id").primaryKey(),\n  name: text("name"),\n  legacy: text("legacy"),\n});\n';
const USERS_V2 = USERS_V1.replace('  legacy: text("legacy"),\n', "");
const POSTS_V1 = 'import { sqliteTable, integer, text } from "drizzle-orm/sqlite-core";\n' +
  'export const posts = sqliteTable("posts", {\n  id: integer("id").primaryKey(),\n  title: text("title"),\n});\n';
const POSTS_V2 = POSTS_V1.replace('  title: text("title"),\n', '  title: text("title"),\n  body: text("body").notNull(),\n');

// A project with src/users.ts and src/posts.ts, migrations by drizzle-kit,
// then a dropped column in users.ts and a NOT NULL column without default in
// posts.ts, both pending.
function project(name) {
  const dir = path.join(SCRATCH, name);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  linkNodeModules(dir);
  fs.writeFileSync(path.join(dir, "drizzle.config.ts"), 'import { defineConfig } from "drizzle-kit";\n' +
    'export default defineConfig({ dialect: "sqlite", schema: "./src/*.ts", out: "./drizzle", dbCredentials: { url: "file:./dev.db" } });\n');
  const users = path.join(dir, "src", "users.ts"), posts = path.join(dir, "src", "posts.ts");
  fs.writeFileSync(users, USERS_V1);
  fs.writeFileSync(posts, POSTS_V1);
  const r = kit(dir, "generate", "--name", "init");
  assert(r.code === 0, `drizzle-kit generate: ${r.out}`);
  fs.writeFileSync(users, USERS_V2);
  fs.writeFileSync(posts, POSTS_V2);
  return { dir, users, posts, journal: path.join(dir, "drizzle", "meta", "_journal.json") };
}

test("closed_schema_files_show_their_pending_changes_and_clear_when_a_migration_is_made", async () => {
  const p = project("session");
  const U = uriOf(p.users), P = uriOf(p.posts);
  const s = connect(p.dir);
  await s.start();
  // Nothing is open: both files' pending changes arrive, as closed files.
  const u0 = await s.wait(U, has("column-dropped"));
  const p0 = await s.wait(P, has("column-added-not-null-no-default"));
  assertEqual([u0.version, p0.version], [undefined, undefined], "closed files are published without a version");
  assertEqual(p0.diagnostics.find((d) => d.code === "column-added-not-null-no-default").range.start.line,
    POSTS_V2.split("\n").findIndex((l) => l.includes("body")), "the finding's line in the closed file");

  // Open users.ts only: its publication carries the version; posts.ts keeps its own.
  await s.open(p.users, "typescript", 7);
  const u1 = await s.wait(U, (x) => x.version === 7);
  assert(has("column-dropped")(u1), `the open file's diagnostics: ${JSON.stringify(u1)}`);
  assert(has("column-added-not-null-no-default")(s.latest.get(P)), "the closed file keeps its diagnostics");
  // A keystroke in users.ts changes nothing in posts.ts: it is not sent again.
  const before = s.all.length;
  await s.conn.sendNotification("textDocument/didChange", {
    textDocument: { uri: U, version: 8 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// note\n" }],
  });
  await s.wait(U, (x) => x.version === 8);
  await s.sync();
  assertEqual(s.all.slice(before).map((x) => x.uri), [U], "only the edited file is published");

  // Closing a schema document keeps its diagnostics, now as a closed file.
  const after = s.all.length;
  await s.close(p.users);
  await s.sync();
  const closed = s.all.slice(after).filter((x) => x.uri === U);
  assert(closed.length > 0 && closed.every((x) => x.version === undefined && has("column-dropped")(x)),
    `after didClose: ${JSON.stringify(closed)}`);

  // drizzle-kit makes the migration: both files' findings are gone, and
  // each gets the publication that clears it.
  const cleared = [s.next(U, empty), s.next(P, empty)];
  const r = kit(p.dir, "generate", "--name", "second");
  assert(r.code === 0, `drizzle-kit generate: ${r.out}`);
  await s.diskChanged(p.journal);
  const [uc, pc] = await Promise.all(cleared);
  assertEqual([uc.version, pc.version], [undefined, undefined], "cleared as closed files");

  // A file that is no longer a schema file (renamed out of the globs) is cleared.
  fs.writeFileSync(p.posts, POSTS_V2.replace('  body: text("body").notNull(),\n', '  body: text("body").notNull(),\n  more: text("more").notNull(),\n'));
  await s.diskChanged(p.posts);
  await s.wait(P, has("column-added-not-null-no-default"));
  const gone = s.next(P, empty);
  const moved = path.join(p.dir, "src", "posts.txt");
  fs.renameSync(p.posts, moved);
  await s.diskChanged(p.posts, moved);
  await gone;
  assertEqual(await s.finish(), 0, "exit code");
});

test("a_deleted_config_clears_its_projects_diagnostics", async () => {
  const p = project("config");
  const U = uriOf(p.users), P = uriOf(p.posts);
  const s = connect(p.dir);
  await s.start();
  await s.wait(U, has("column-dropped"));
  await s.open(p.posts);
  await s.wait(P, (x) => x.version === 1 && has("column-added-not-null-no-default")(x));
  const cleared = [s.next(U, empty), s.next(P, empty)];
  const config = path.join(p.dir, "drizzle.config.ts");
  fs.rmSync(config);
  await s.diskChanged(config);
  await Promise.all(cleared);
  assertEqual(await s.finish(), 0, "exit code");
});

test("the_closed_files_setting_turns_their_diagnostics_off_and_on", async () => {
  const p = project("setting");
  const U = uriOf(p.users), P = uriOf(p.posts);
  const s = connect(p.dir, { drizzle: { diagnostics: { closedFiles: false } } });
  await s.start();
  await s.open(p.users);
  await s.wait(U, (x) => x.version === 1 && has("column-dropped")(x));
  await s.sync();
  assert(!s.all.some((x) => x.uri === P), `off from initializationOptions: nothing for the closed file: ${JSON.stringify(s.all)}`);

  const on = s.next(P, has("column-added-not-null-no-default"));
  await s.conn.sendNotification("workspace/didChangeConfiguration", { settings: { drizzle: { diagnostics: { closedFiles: true } } } });
  await on;
  const off = s.next(P, empty);
  await s.conn.sendNotification("workspace/didChangeConfiguration", { settings: { drizzle: { diagnostics: { closedFiles: false } } } });
  await off;
  assert(has("column-dropped")(s.latest.get(U)), "the open file keeps its diagnostics");
  // Off: a closed schema document's diagnostics are cleared.
  const closed = s.next(U, empty);
  await s.close(p.users);
  await closed;
  assertEqual(await s.finish(), 0, "exit code");
});

// The migrator's problems on the development database show on closed .sql
// files; a closed migration document loses its replay diagnostics.
test("closed_migration_files_show_the_migrators_problems", async () => {
  const p = project("migrator");
  const out = path.join(p.dir, "drizzle");
  fs.writeFileSync(p.posts, POSTS_V1);
  fs.writeFileSync(p.users, USERS_V1.replace('  legacy: text("legacy"),\n', '  legacy: text("legacy"),\n  email: text("email"),\n'));
  const r = kit(p.dir, "generate", "--name", "email");
  assert(r.code === 0, `drizzle-kit generate: ${r.out}`);
  const journal = JSON.parse(fs.readFileSync(p.journal, "utf8"));
  const [first, second] = journal.entries.map((e) => e.tag);
  // Apply the second migration's row first, so that the migrator never applies the first.
  const Database = require("better-sqlite3");
  const db = new Database(path.join(p.dir, "dev.db"));
  db.exec("CREATE TABLE __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)");
  db.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)").run("x", journal.entries[1].when);
  db.close();
  const firstSql = path.join(out, `${first}.sql`), secondSql = path.join(out, `${second}.sql`);

  const s = connect(p.dir);
  await s.start();
  const skipped = await s.wait(uriOf(firstSql), has("migration-skipped"));
  assertEqual(skipped.version, undefined, "published as a closed file");
  // Editing a schema file leaves the migration files' diagnostics alone.
  const mark = s.all.length;
  await s.open(p.users);
  await s.conn.sendNotification("textDocument/didChange", {
    textDocument: { uri: uriOf(p.users), version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// note\n" }],
  });
  await s.wait(uriOf(p.users), (x) => x.version === 2);
  await s.sync();
  assert(!s.all.slice(mark).some((x) => x.uri.endsWith(".sql")), `no migration file republished: ${JSON.stringify(s.all.slice(mark))}`);
  assert(has("migration-skipped")(s.latest.get(uriOf(firstSql))), "the skipped migration keeps its diagnostic");

  // The second migration's row records another hash: it was edited after it
  // ran. Edited again so that its statement fails on replay, then opened and
  // closed: the replay failure goes, the migrator's problem stays.
  await s.wait(uriOf(secondSql), has("migration-edited"));
  fs.writeFileSync(secondSql, "ALTER TABLE `nowhere` ADD `x` text;");
  await s.diskChanged(secondSql);
  await s.open(secondSql, "sql");
  await s.wait(uriOf(secondSql), (x) => x.version === 1 && has("statement-fails")(x) && has("migration-edited")(x));
  const closed = s.next(uriOf(secondSql), (x) => !has("statement-fails")(x));
  await s.close(secondSql);
  const c = await closed;
  assertEqual([c.version, codes(c)], [undefined, ["migration-edited"]], "closed: the migrator's problem only");
  assert(has("migration-skipped")(s.latest.get(uriOf(firstSql))), "the skipped migration keeps its diagnostic");
  assertEqual(await s.finish(), 0, "exit code");
});

run();
