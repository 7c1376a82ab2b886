// snapshot_gap.test.mjs — a migrations folder written by the real drizzle-kit
// (four `drizzle-kit generate` steps) with one snapshot deleted, as real
// projects have them (docs/drizzle-kit-facts.md, "A migrations folder with a
// snapshot missing"). An intermediate snapshot missing: `drizzle-lsp check`
// works and warns once; `generate` writes a migration drizzle-kit accepts
// (`drizzle-kit check` passes, `drizzle-kit generate` finds nothing to do,
// drizzle-orm's migrate() applies the folder, `rollback` to it says it
// cannot compare); `verify` reports that
// migration as not compared and proves the rest, and still fails on a later
// .sql that disagrees with its snapshot. The LAST snapshot missing: check and
// generate exit 2 naming the file, and the folder stays byte-for-byte as it
// was.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { check, finish, kitProject, scratch } from '../lib/script_test.mjs';

const require = createRequire(import.meta.url);
const bin = process.env.DZ_BIN;
const source = process.env.DZ_SOURCE_DIR || process.cwd();
const Database = require(path.join(source, 'node_modules', 'better-sqlite3'));
const { drizzle } = require(path.join(source, 'node_modules', 'drizzle-orm', 'better-sqlite3'));
const { migrate } = require(path.join(source, 'node_modules', 'drizzle-orm', 'better-sqlite3', 'migrator'));

const dir = kitProject(scratch('migrate_snapshot_gap'));

const run = (cmd, args) => spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
const kit = (args) => run(path.join(dir, 'node_modules', '.bin', 'drizzle-kit'), args);
const ours = (args) => run(bin, args);
const out = path.join(dir, 'drizzle');
const meta = (f) => path.join(out, 'meta', f);
const journal = () => JSON.parse(fs.readFileSync(meta('_journal.json'), 'utf8'));
const count = (text, part) => text.split(part).length - 1;

// Every file below a folder with its bytes: equal fingerprints, identical folders.
function fingerprint(d) {
  const walk = (p) => fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((e) => (e.isDirectory() ? `${e.name}/\n${walk(path.join(p, e.name))}` : `${e.name}=${fs.readFileSync(path.join(p, e.name), 'base64')}`))
    .join('\n');
  return walk(d);
}

const head = 'import { sqliteTable, integer, text, index } from "drizzle-orm/sqlite-core";\n';
const users = (extra) => `export const users = sqliteTable("users", {
  id: integer("id").primaryKey(),
  email: text("email").notNull(),${extra}
});\n`;
const posts = (extra) => `export const posts = sqliteTable("posts", {
  id: integer("id").primaryKey(),
  userId: integer("user_id").references(() => users.id),
  title: text("title"),
}${extra});\n`;
const steps = [
  head + users(''),
  head + users('\n  nick: text("nick"),'),
  head + users('\n  nick: text("nick"),') + posts(''),
  head + users('\n  nick: text("nick"),') + posts(', (t) => [index("title_idx").on(t.title)]'),
];
const next = head + users('\n  nick: text("nick"),\n  age: integer("age"),') + posts(', (t) => [index("title_idx").on(t.title)]');

for (const [i, schema] of steps.entries()) {
  fs.writeFileSync(path.join(dir, 'schema.ts'), schema);
  const r = kit(['generate']);
  check(`drizzle-kit generate step ${i}`, r.status === 0 && journal().entries.length === i + 1, r.stdout + r.stderr);
}
const tags = journal().entries.map((e) => e.tag);
const pristine = path.join(dir, 'pristine');
fs.cpSync(out, pristine, { recursive: true });
const reset = () => { fs.rmSync(out, { recursive: true, force: true }); fs.cpSync(pristine, out, { recursive: true }); };

// ---- an intermediate snapshot missing ----
fs.rmSync(meta('0001_snapshot.json'));
let r = kit(['check']);
check('drizzle-kit check accepts the folder', r.status === 0 && r.stdout.includes("Everything's fine"), r.stdout + r.stderr);

r = ours(['check']);
check('check works: exit 0, no pending changes', r.status === 0 && r.stdout.includes('no pending changes'), r.stdout + r.stderr);
check('check warns once, naming the file and the entry',
  count(r.stderr, 'warning: ') === 1 && r.stderr.includes('meta/0001_snapshot.json is missing') &&
  r.stderr.includes(`"${tags[1]}"`), r.stderr);

r = ours(['verify']);
check('verify passes', r.status === 0, r.stdout + r.stderr);
check('the gap is reported as not compared', r.stdout.includes(
  `note  ${tags[1]}: not compared: no snapshot (meta/0001_snapshot.json is missing)`), r.stdout);
check('the others are compared and ok', [0, 2, 3].every((i) => r.stdout.includes(`ok    ${tags[i]} (no rollback file)`)), r.stdout);
check('the summary counts it apart', r.stdout.includes('4 migrations in') &&
  r.stdout.includes(': 3 ok, 0 failed, 0 not run, 1 not compared (no snapshot)'), r.stdout);

// Rollbacks next to the gap cannot be proven: the one of the migration
// without a snapshot, and the next one's, which should give it back.
fs.writeFileSync(path.join(out, `${tags[1]}.down.sql`), 'ALTER TABLE `users` DROP COLUMN `nick`;');
fs.writeFileSync(path.join(out, `${tags[2]}.down.sql`), 'DROP TABLE `posts`;');
fs.writeFileSync(path.join(out, `${tags[3]}.down.sql`), 'DROP INDEX `title_idx`;');
r = ours(['verify']);
check('verify with rollbacks around the gap passes', r.status === 0, r.stdout + r.stderr);
check('the gap\'s rollback is skipped for the same reason', r.stdout.includes(
  `note  ${tags[1]}: not compared: no snapshot (meta/0001_snapshot.json is missing); its rollback is not checked either: no snapshot`), r.stdout);
check('the next rollback says what it would need', r.stdout.includes(
  `ok    ${tags[2]} (rollback not checked: the snapshot it should give back, meta/0001_snapshot.json, is missing)`), r.stdout);
check('a later rollback is proven', r.stdout.includes(`ok    ${tags[3]} (and its rollback)`), r.stdout);
fs.writeFileSync(path.join(out, `${tags[3]}.down.sql`), 'SELECT 1;');
r = ours(['verify']);
check('a wrong later rollback still fails', r.status === 1 && r.stdout.includes(`FAIL  ${tags[3]}`) &&
  r.stdout.includes('after the rollback: table posts: index title_idx is in the database but not in meta/0002_snapshot.json'), r.stdout);
for (const i of [1, 2, 3]) fs.rmSync(path.join(out, `${tags[i]}.down.sql`));

// A later migration that disagrees with its snapshot still fails.
const sql2 = path.join(out, `${tags[2]}.sql`);
const original2 = fs.readFileSync(sql2, 'utf8');
fs.writeFileSync(sql2, original2.replace('`title` text', '`title` text NOT NULL'));
check('the edit changed the file', fs.readFileSync(sql2, 'utf8') !== original2);
r = ours(['verify']);
check('an edited .sql after the gap fails with exit 1, naming it', r.status === 1 && r.stdout.includes(`FAIL  ${tags[2]}`) &&
  r.stdout.includes('table posts: column title: notNull is true in the database, false in meta/0002_snapshot.json'), r.stdout);
check('the gap is still only not compared', r.stdout.includes(`note  ${tags[1]}: not compared`), r.stdout);
fs.writeFileSync(sql2, original2);

// A statement SQLite rejects in the migration without a snapshot: it is
// replayed, so that fails too.
const sql1 = path.join(out, `${tags[1]}.sql`);
const original1 = fs.readFileSync(sql1, 'utf8');
fs.writeFileSync(sql1, original1.replace('ALTER TABLE', 'ALTER TABLEX'));
r = ours(['verify']);
check('failing SQL in the gap migration is exit 1', r.status === 1 && r.stdout.includes(`FAIL  ${tags[1]}: ${tags[1]}.sql failed`) &&
  r.stdout.includes(`skip  ${tags[2]}`), r.stdout);
fs.writeFileSync(sql1, original1);

// generate: nothing to do, then a change.
let before = fingerprint(out);
r = ours(['generate']);
check('generate without a change: exit 0, nothing written', r.status === 0 && fingerprint(out) === before, r.stdout + r.stderr);
check('generate warns once too', count(r.stderr, 'warning: ') === 1 && r.stderr.includes('meta/0001_snapshot.json is missing'), r.stderr);
fs.writeFileSync(path.join(dir, 'schema.ts'), next);
r = ours(['generate', '--name', 'add_age']);
check('generate with a change writes the migration', r.status === 0 && journal().entries.length === 5, r.stdout + r.stderr);
const tag4 = journal().entries[4]?.tag || '';
check('named as drizzle-kit would', tag4 === '0004_add_age', tag4);
const snap3 = JSON.parse(fs.readFileSync(meta('0003_snapshot.json'), 'utf8'));
const snap4 = fs.existsSync(meta('0004_snapshot.json')) ? JSON.parse(fs.readFileSync(meta('0004_snapshot.json'), 'utf8')) : {};
check('its snapshot follows the last one (prevId)', snap4.prevId === snap3.id && snap4.id && snap4.id !== snap3.id, JSON.stringify(snap4.prevId));
check('its SQL holds only the change', fs.existsSync(path.join(out, `${tag4}.sql`)) &&
  fs.readFileSync(path.join(out, `${tag4}.sql`), 'utf8').trim() === 'ALTER TABLE `users` ADD `age` integer;',
  fs.existsSync(path.join(out, `${tag4}.sql`)) ? fs.readFileSync(path.join(out, `${tag4}.sql`), 'utf8') : '');
check('the missing snapshot stays missing', !fs.existsSync(meta('0001_snapshot.json')));
r = kit(['check']);
check('drizzle-kit check passes afterwards', r.status === 0 && r.stdout.includes("Everything's fine"), r.stdout + r.stderr);
before = fingerprint(out);
r = kit(['generate']);
check('drizzle-kit generate finds nothing to do', r.status === 0 && r.stdout.includes('No schema changes') && fingerprint(out) === before,
  r.stdout + r.stderr);
r = ours(['verify']);
check('verify proves the new migration and its rollback', r.status === 0 && r.stdout.includes(`ok    ${tag4} (and its rollback)`) &&
  r.stdout.includes(': 4 ok, 0 failed, 0 not run, 1 not compared (no snapshot)'), r.stdout + r.stderr);
try {
  const file = path.join(dir, 'app.db');
  const db = new Database(file);
  migrate(drizzle(db), { migrationsFolder: out });
  const n = db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get().n;
  const cols = db.prepare('SELECT name FROM pragma_table_info(\'users\')').all().map((c) => c.name);
  db.close();
  check('drizzle-orm\'s migrate() applies the whole folder', n === 5 && cols.includes('age') && cols.includes('nick'), `${n} ${cols}`);
} catch (e) {
  check('drizzle-orm\'s migrate() applies the whole folder', false, String(e));
}
// Rolled back to the migration without a snapshot: nothing to compare with.
fs.writeFileSync(path.join(out, `${tags[2]}.down.sql`), 'DROP TABLE `posts`;');
fs.writeFileSync(path.join(out, `${tags[3]}.down.sql`), 'DROP INDEX `title_idx`;');
r = ours(['rollback', '--db', path.join(dir, 'app.db'), '--steps', '3']);
check('rollback down to the gap works', r.status === 0 && r.stdout.includes('Rolled back 3 migrations; 2 remain applied'), r.stdout + r.stderr);
check('and says it could not compare the schema', r.stdout.includes(
  `The schema was not compared: 0001_snapshot.json, the snapshot of ${tags[1]}, is missing.`), r.stdout + r.stderr);
fs.rmSync(path.join(out, `${tags[2]}.down.sql`));
fs.rmSync(path.join(out, `${tags[3]}.down.sql`));

// ---- the LAST snapshot missing ----
reset();
fs.writeFileSync(path.join(dir, 'schema.ts'), next);
fs.rmSync(meta('0003_snapshot.json'));
before = fingerprint(out);
r = ours(['check']);
check('check with the last snapshot missing is exit 2 naming it', r.status === 2 &&
  r.stderr.includes('meta/0003_snapshot.json is missing') && r.stderr.includes('the last one'), r.stdout + r.stderr);
r = ours(['generate', '--name', 'add_age']);
check('generate with the last snapshot missing is exit 2 naming it', r.status === 2 &&
  r.stderr.includes('meta/0003_snapshot.json is missing'), r.stdout + r.stderr);
check('and writes nothing: the folder is byte-for-byte unchanged', fingerprint(out) === before);
r = ours(['verify']);
check('verify with the last snapshot missing is exit 2 naming it', r.status === 2 &&
  r.stderr.includes('meta/0003_snapshot.json is missing'), r.stdout + r.stderr);
fs.rmSync(meta('0001_snapshot.json'));
r = ours(['check']);
check('a gap before it does not change that', r.status === 2 && r.stderr.includes('meta/0003_snapshot.json is missing'), r.stderr);

finish();
