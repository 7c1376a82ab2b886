// generate_e2e.test.mjs — `drizzle-lsp generate` end to end against the real
// drizzle-kit: after each of our migrations `drizzle-kit check` passes,
// `drizzle-kit generate` finds no schema changes, our snapshot equals the one
// drizzle-kit writes for the same schema (ids aside), `drizzle-kit migrate`
// applies the files to a file: database (and drizzle-orm's migrate() to a
// better-sqlite3 one), and `drizzle-lsp verify` proves them
// and their rollbacks. A generate that stops (a possible rename, an
// inconsistent folder, a folder it cannot write) leaves the folder
// byte-identical.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { check, finish, kitConfig, kitProject, scratch } from '../lib/script_test.mjs';

const require = createRequire(import.meta.url);
const bin = process.env.DZ_BIN;
const source = process.env.DZ_SOURCE_DIR || process.cwd();
const root = scratch('migrate_generate_e2e');
const Database = require(path.join(source, 'node_modules', 'better-sqlite3'));

// A scratch project: config, schema, node_modules for drizzle-kit.
const project = (name) => kitProject(path.join(root, name), kitConfig(', dbCredentials: { url: "file:./dev.db" }'));
const dir = project('ours');
const out = path.join(dir, 'drizzle');

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', ...opts });
const kit = (args, cwd = dir) => run(path.join(cwd, 'node_modules', '.bin', 'drizzle-kit'), args, { cwd });
const ours = (args, opts) => run(bin, args, opts);

// Every file below a folder with its bytes: equal fingerprints, identical folders.
function fingerprint(d) {
  if (!fs.existsSync(d)) return '<none>';
  const walk = (p) => fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((e) => (e.isDirectory() ? `${e.name}/\n${walk(path.join(p, e.name))}` : `${e.name}=${fs.readFileSync(path.join(p, e.name), 'base64')}`))
    .join('\n');
  return walk(d);
}
const journal = (o = out) => JSON.parse(fs.readFileSync(path.join(o, 'meta', '_journal.json'), 'utf8'));
const withoutIds = (text) => { const j = JSON.parse(text); delete j.id; delete j.prevId; return JSON.stringify(j, null, 2); };

const head = 'import { sqliteTable, sqliteView, integer, text, real, index, uniqueIndex, primaryKey, check } ' +
  'from "drizzle-orm/sqlite-core";\nimport { sql } from "drizzle-orm";\n';
const v1 = head + `export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  age: integer("age").default(5),
  score: real("score").notNull().default(0),
  created: integer("created", { mode: "timestamp" }).default(sql\`(unixepoch())\`),
}, (t) => [index("age_idx").on(t.age), check("age_ck", sql\`\${t.age} > 0\`)]);
export const posts = sqliteTable("posts", {
  a: integer("a").notNull(),
  b: integer("b").notNull(),
  userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
  title: text("title").default("it's"),
}, (t) => [primaryKey({ columns: [t.a, t.b] }), uniqueIndex("t_idx").on(t.title).where(sql\`\${t.a} > 1\`)]);
`;
// v2: users.age renamed to years (its index and check follow), a new nullable column.
const v2 = v1.replace('age: integer("age")', 'years: integer("years")').replaceAll('t.age', 't.years')
  .replace('score: real', 'nick: text("nick"),\n  score: real');
// v3: a new table and a view.
const v3 = v2 + 'export const tags = sqliteTable("tags", { name: text("name").primaryKey(), n: integer("n").notNull() });\n' +
  'export const named = sqliteView("named", { id: integer("id") }).as(sql`select "id" from "users" where "nick" is not null`);\n';

// drizzle-kit's snapshot for `schema` on top of our folder so far, in a copy.
function kitSnapshot(schema, name, from = out) {
  const copy = path.join(root, `kit_${name}`);
  fs.rmSync(copy, { recursive: true, force: true });
  project(`kit_${name}`);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(copy, 'drizzle'), { recursive: true });
  fs.writeFileSync(path.join(copy, 'schema.ts'), schema);
  const r = kit(['generate', '--name', name], copy);
  const j = JSON.parse(fs.readFileSync(path.join(copy, 'drizzle', 'meta', '_journal.json'), 'utf8'));
  const e = j.entries[j.entries.length - 1];
  return { r, text: fs.readFileSync(path.join(copy, 'drizzle', 'meta', `${e.tag.split('_')[0]}_snapshot.json`), 'utf8') };
}

// After each generate: drizzle-kit agrees, and the files apply.
function agreed(step, d = dir) {
  const o = path.join(d, 'drizzle');
  let r = kit(['check'], d);
  check(`${step}: drizzle-kit check passes`, r.status === 0 && /Everything's fine/.test(r.stdout), r.stdout + r.stderr);
  const before = fingerprint(o);
  r = kit(['generate'], d);
  check(`${step}: drizzle-kit generate finds no schema changes`, r.status === 0 && /No schema changes/.test(r.stdout), r.stdout + r.stderr);
  check(`${step}: and writes nothing`, fingerprint(o) === before);
  r = kit(['migrate'], d);
  check(`${step}: drizzle-kit migrate applies the files`, r.status === 0 && /migrations applied successfully/.test(r.stdout + r.stderr), r.stdout + r.stderr);
  const db = new Database(path.join(d, 'dev.db'), { readonly: true });
  const applied = db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get().n;
  db.close();
  check(`${step}: every migration is recorded as applied`, applied === journal(o).entries.length, `applied ${applied}`);
  r = ours(['verify'], { cwd: d });
  check(`${step}: drizzle-lsp verify proves them and their rollbacks`, r.status === 0 && !/no rollback file/.test(r.stdout), r.stdout + r.stderr);
}

// Step 1: a fresh project.
fs.writeFileSync(path.join(dir, 'schema.ts'), v1);
const kit1 = kitSnapshot(v1, 'init');
let r = ours(['generate', '--name', 'init']);
check('v1: generate writes the first migration', r.status === 0, r.stdout + r.stderr);
for (const f of ['0000_init.sql', '0000_init.down.sql', 'meta/0000_snapshot.json', 'meta/_journal.json'])
  check(`v1: ${f} exists`, fs.existsSync(path.join(out, f)));
const e0 = journal().entries[0];
check('v1: the journal entry has drizzle-kit\'s shape', JSON.stringify(Object.keys(e0)) === '["idx","version","when","tag","breakpoints"]' &&
  e0.idx === 0 && e0.version === '6' && e0.tag === '0000_init' && e0.breakpoints === true && Math.abs(e0.when - Date.now()) < 60000, JSON.stringify(e0));
const snap0 = fs.readFileSync(path.join(out, 'meta', '0000_snapshot.json'), 'utf8');
check('v1: the snapshot equals drizzle-kit\'s, ids aside', kit1.r.status === 0 && withoutIds(snap0) === withoutIds(kit1.text), `${snap0}\n---\n${kit1.text}`);
check('v1: first prevId is the origin', JSON.parse(snap0).prevId === '00000000-0000-0000-0000-000000000000');
agreed('v1');

// Rows for the later migrations to carry along.
{
  const db = new Database(path.join(dir, 'dev.db'));
  db.prepare("INSERT INTO users (email, age) VALUES ('a@example.com', 20)").run();
  db.prepare("INSERT INTO posts (a, b, user_id, title) VALUES (2, 1, 1, 'hello')").run();
  db.close();
}

// Step 2: a possible rename stops generate, with the flag that answers it.
fs.writeFileSync(path.join(dir, 'schema.ts'), v2);
let before = fingerprint(out);
r = ours(['generate']);
check('v2: a possible rename is exit 2', r.status === 2, r.stdout + r.stderr);
check('v2: naming the pair and its flag', r.stderr.includes("--rename 'users.age=years'") && r.stderr.includes("--no-rename 'users.age=years'"), r.stderr);
check('v2: the folder is byte-identical', fingerprint(out) === before);
r = ours(['generate', '--rename', 'users.age=years', '--name', 'rename_age']);
check('v2: with --rename it writes the migration', r.status === 0, r.stdout + r.stderr);
const snap1 = JSON.parse(fs.readFileSync(path.join(out, 'meta', '0001_snapshot.json'), 'utf8'));
check('v2: the snapshot chains to the previous one', snap1.prevId === JSON.parse(snap0).id && snap1.id !== snap1.prevId);
check('v2: _meta records the rename as drizzle-kit does', JSON.stringify(snap1._meta.columns) === '{"\\"users\\".\\"age\\"":"\\"users\\".\\"years\\""}', JSON.stringify(snap1._meta));
agreed('v2');

// Step 3: a table and a view; no name: two random words after the prefix.
fs.writeFileSync(path.join(dir, 'schema.ts'), v3);
const kit3 = kitSnapshot(v3, 'x');
r = ours(['generate']);
check('v3: generate writes the migration', r.status === 0, r.stdout + r.stderr);
const tag2 = journal().entries[2]?.tag ?? '';
check('v3: the tag is NNNN_word_word', /^0002_[a-z]+_[a-z]+$/.test(tag2), tag2);
const snap2 = fs.readFileSync(path.join(out, 'meta', '0002_snapshot.json'), 'utf8');
check('v3: the snapshot equals drizzle-kit\'s, ids aside', withoutIds(snap2) === withoutIds(kit3.text), `${snap2}\n---\n${kit3.text}`);
agreed('v3');

// Nothing changed: nothing written.
before = fingerprint(out);
r = ours(['generate']);
check('no changes: says so', r.status === 0 && r.stdout.includes('No schema changes, nothing to write'), r.stdout + r.stderr);
check('no changes: writes nothing', fingerprint(out) === before);

// A hostile --name stays inside the folder.
fs.writeFileSync(path.join(dir, 'schema.ts'), v3 + 'export const extra = sqliteTable("extra", { id: integer("id") });\n');
r = ours(['generate', '--name', '../../escape']);
check('--name ../../escape is written as 0003_escape inside the folder', r.status === 0 && fs.existsSync(path.join(out, '0003_escape.sql')) &&
  !fs.existsSync(path.join(root, 'escape.sql')) && !fs.existsSync(path.join(dir, '0003_escape.sql')), r.stdout + r.stderr);
agreed('v4');

{
  const db = new Database(path.join(dir, 'dev.db'), { readonly: true });
  const row = db.prepare('SELECT u.email, u.years, p.title FROM users u JOIN posts p ON p.user_id = u.id').get();
  db.close();
  check('the rows survive every migration (the renamed column keeps its value)',
    row && row.email === 'a@example.com' && row.years === 20 && row.title === 'hello', JSON.stringify(row));
}

// drizzle-orm's own migrate() (better-sqlite3, foreign keys on) applies the
// whole folder to a fresh database too.
{
  const { drizzle } = require(path.join(source, 'node_modules', 'drizzle-orm', 'better-sqlite3'));
  const { migrate } = require(path.join(source, 'node_modules', 'drizzle-orm', 'better-sqlite3', 'migrator'));
  const file = path.join(dir, 'orm.db');
  const sqlite = new Database(file);
  let error = null;
  try { migrate(drizzle(sqlite), { migrationsFolder: out }); } catch (e) { error = e; }
  const n = error ? -1 : sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get().n;
  sqlite.close();
  check('drizzle-orm migrate() applies every migration', !error && n === journal().entries.length, String(error ?? n));
}

// Hostile names (a backtick, double quotes, a comma) in a table, its
// columns and an index: drizzle-kit's own SQL would not parse; ours does,
// and drizzle-kit still takes the files as its own.
{
  const h = project('hostile');
  fs.writeFileSync(path.join(h, 'schema.ts'), 'import { sqliteTable, integer, text, index } from "drizzle-orm/sqlite-core";\n' +
    'export const weird = sqliteTable("we`ird \\"t\\"", {\n  id: integer("i`d").primaryKey(),\n' +
    '  name: text("na\\"me, x").notNull().default("it\'s"),\n}, (t) => [index("i`x").on(t.name)]);\n');
  const hr = ours(['generate', '--name', 'init'], { cwd: h });
  check('hostile names: generate writes the migration', hr.status === 0, hr.stdout + hr.stderr);
  agreed('hostile names', h);
}

// Date defaults: the snapshot keeps drizzle-kit's text, so drizzle-kit finds
// nothing to do; the SQL stores what drizzle-orm stores (unix seconds for
// mode "timestamp", milliseconds for "timestamp_ms"), so rows that get the
// columns, and rows inserted by plain SQL, read back as that date.
{
  const d = project('dates');
  const o = path.join(d, 'drizzle');
  const schema = (cols, extra = '') => 'import { sqliteTable, integer, text, check } from "drizzle-orm/sqlite-core";\n' +
    'import { sql } from "drizzle-orm";\nconst when = new Date("2024-01-01T00:00:00Z");\n' +
    `export const events = sqliteTable("events", { id: integer("id").primaryKey(), name: text("name"),${cols} }${extra});\n`;
  const dated = ' at: integer("at", { mode: "timestamp" }).notNull().default(when),' +
    ' atMs: integer("at_ms", { mode: "timestamp_ms" }).notNull().default(when), doc: text("doc", { mode: "json" }).default(when),';
  fs.writeFileSync(path.join(d, 'schema.ts'), schema(''));
  let dr = ours(['generate', '--name', 'init'], { cwd: d });
  check('dates: the first migration', dr.status === 0, dr.stdout + dr.stderr);
  agreed('dates v1', d);
  let db = new Database(path.join(d, 'dev.db'));
  db.prepare("INSERT INTO events (id, name) VALUES (1, 'a'), (2, 'b')").run();
  db.close();
  const steps = [['add', schema(dated)], ['rebuild', schema(dated, ', (t) => [check("named", sql`${t.name} <> \'\'`)]')]];
  for (const [name, text] of steps) {
    const kitSnap = kitSnapshot(text, `dates_${name}`, o);
    fs.writeFileSync(path.join(d, 'schema.ts'), text);
    dr = ours(['generate', '--name', name], { cwd: d });
    check(`dates ${name}: generate writes the migration`, dr.status === 0, dr.stdout + dr.stderr);
    const e = journal(o).entries.at(-1);
    const sqlText = fs.readFileSync(path.join(o, `${e.tag}.sql`), 'utf8');
    check(`dates ${name}: the SQL has the integers drizzle-orm stores, and says why`, /`at` integer DEFAULT 1704067200 NOT NULL/.test(sqlText) &&
      /`at_ms` integer DEFAULT 1704067200000 NOT NULL/.test(sqlText) && /-- drizzle-lsp: the Date default of `at`/.test(sqlText) &&
      /`doc` text DEFAULT '"2024-01-01T00:00:00.000Z"'/.test(sqlText) && !/assumed/.test(sqlText), sqlText);
    const snapText = fs.readFileSync(path.join(o, 'meta', `${e.tag.split('_')[0]}_snapshot.json`), 'utf8');
    check(`dates ${name}: the snapshot equals drizzle-kit's, ids aside`, withoutIds(snapText) === withoutIds(kitSnap.text), `${snapText}\n---\n${kitSnap.text}`);
    agreed(`dates ${name}`, d);
  }
  const down = fs.readFileSync(path.join(o, `${journal(o).entries.at(-1).tag}.down.sql`), 'utf8');
  check('dates: the rebuild\'s rollback takes the modes from the code', /`at_ms` integer DEFAULT 1704067200000 NOT NULL/.test(down) && !/assumed/.test(down), down);
  db = new Database(path.join(d, 'dev.db'));
  db.prepare("INSERT INTO events (id, name) VALUES (3, 'raw')").run();
  const rows = db.prepare('SELECT id, at, at_ms, doc FROM events ORDER BY id').all();
  db.close();
  const want = [1, 2, 3].map((id) => ({ id, at: 1704067200, at_ms: 1704067200000, doc: '"2024-01-01T00:00:00.000Z"' }));
  check('dates: existing rows and a plain-SQL insert hold the date as drizzle-orm stores it', JSON.stringify(rows) === JSON.stringify(want), JSON.stringify(rows));
  // verify takes the integer for drizzle-kit's text, but not another date.
  const addSql = path.join(o, `${journal(o).entries[1].tag}.sql`);
  const original = fs.readFileSync(addSql, 'utf8');
  fs.writeFileSync(addSql, original.replace('DEFAULT 1704067200 NOT NULL', 'DEFAULT 1704067201 NOT NULL'));
  dr = ours(['verify'], { cwd: d });
  check('dates: verify fails on a Date default that is another instant', dr.status === 1 &&
    dr.stdout.includes('table events: column at: default is 1704067201 in the database'), dr.stdout + dr.stderr);
  fs.writeFileSync(addSql, original);
}

// "Not a rename": --no-rename makes the drop and the add drizzle-kit agrees with.
{
  const n = project('norename');
  const t = (col) => 'import { sqliteTable, integer, text } from "drizzle-orm/sqlite-core";\n' +
    `export const notes = sqliteTable("notes", { id: integer("id").primaryKey(), ${col}: text("${col}") });\n`;
  fs.writeFileSync(path.join(n, 'schema.ts'), t('body'));
  let nr = ours(['generate', '--name', 'init'], { cwd: n });
  fs.writeFileSync(path.join(n, 'schema.ts'), t('summary'));
  nr = ours(['generate', '--no-rename', 'notes.body=summary'], { cwd: n });
  const sqlText = nr.status === 0 ? fs.readFileSync(path.join(n, 'drizzle', `${journal(path.join(n, 'drizzle')).entries[1].tag}.sql`), 'utf8') : '';
  check('--no-rename: a drop and an add', /DROP COLUMN `body`/.test(sqlText) && /ADD `summary`/.test(sqlText), nr.stdout + nr.stderr + sqlText);
  agreed('--no-rename', n);
}

// An inconsistent folder: exit 2 naming the file, nothing written.
fs.writeFileSync(path.join(dir, 'schema.ts'), v3);
const stray = path.join(out, 'meta', '0009_snapshot.json');
fs.copyFileSync(path.join(out, 'meta', '0000_snapshot.json'), stray);
before = fingerprint(out);
r = ours(['generate']);
check('inconsistent folder: exit 2 naming the file', r.status === 2 && r.stderr.includes('meta/0009_snapshot.json'), r.stderr);
check('inconsistent folder: nothing written', fingerprint(out) === before);
fs.rmSync(stray);

// A schema file broken mid-edit: a migration from what was read would drop
// the rest, so nothing is written.
fs.writeFileSync(path.join(dir, 'schema.ts'), v3.replace('export const posts = sqliteTable("posts", {', 'export const posts = sqliteTable("posts", {{'));
before = fingerprint(out);
r = ours(['generate']);
check('broken schema: exit 2, saying the schema was not read completely', r.status === 2 && r.stderr.includes('could not be read completely'), r.stdout + r.stderr);
check('broken schema: nothing written', fingerprint(out) === before);
fs.writeFileSync(path.join(dir, 'schema.ts'), v3);

// A folder it cannot write into (meta/ is not writable; the .sql's temp
// file is already made when that fails): nothing is left behind. As root,
// permissions do not apply, so generate runs as nobody then.
const asRoot = process.getuid && process.getuid() === 0;
fs.chmodSync(out, 0o777);
if (!asRoot) fs.chmodSync(path.join(out, 'meta'), 0o555);
before = fingerprint(out);
r = asRoot ? run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', bin, 'generate'])
  : ours(['generate']);
check('unwritable folder: exit 2 saying nothing was written', r.status === 2 && r.stderr.includes('nothing was written'), r.stdout + r.stderr);
check('unwritable folder: byte-identical, no temp files left', fingerprint(out) === before);
fs.chmodSync(path.join(out, 'meta'), 0o755);
fs.chmodSync(out, 0o755);

finish();
