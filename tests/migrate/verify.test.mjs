// verify.test.mjs — `drizzle-lsp verify` on a migrations folder written by the
// real drizzle-kit (five `drizzle-kit generate` steps in a scratch project):
// it passes; a .sql edited so it no longer gives its snapshot fails, naming
// that migration and the difference; rollback files are proven (a correct
// one passes, a wrong one fails); an inconsistent folder is exit 2.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { check, finish, kitConfig, kitProject, scratch, SOURCE } from '../lib/script_test.mjs';

const bin = process.env.DZ_BIN;
const dir = kitProject(scratch('migrate_verify'));

const head = 'import { sqliteTable, sqliteView, integer, text, index, uniqueIndex, primaryKey, check } ' +
  'from "drizzle-orm/sqlite-core";\nimport { sql } from "drizzle-orm";\n';
const users = (extra) => `export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  age: integer("age").default(5),
  created: integer("created", { mode: "timestamp" }).default(sql\`(unixepoch())\`),${extra}
}, (t) => [index("age_idx").on(t.age), check("age_ck", sql\`\${t.age} > 0\`)]);\n`;
const posts = (onDelete, extraIndex) => `export const posts = sqliteTable("posts", {
  a: integer("a").notNull(),
  b: integer("b").notNull(),
  userId: integer("user_id").references(() => users.id, { onDelete: "${onDelete}" }),
  title: text("title").default("it's"),
}, (t) => [primaryKey({ columns: [t.a, t.b] }),
  uniqueIndex("t_idx").on(t.title).where(sql\`\${t.a} > 1\`)${extraIndex ? ', index("title_idx").on(t.title)' : ''}]);\n`;
const tags = 'export const tags = sqliteTable("tags", { name: text("name").primaryKey(), n: integer("n").notNull() });\n';
const view = 'export const adults = sqliteView("adults").as((qb) => qb.select({ id: users.id }).from(users).where(sql`${users.age} >= 18`));\n';

// Each step adds, drops or changes something drizzle-kit handles correctly
// (no ambiguous renames, no rebuild of a table with generated columns).
const steps = [
  head + users('') + posts('cascade', false),
  head + users('\n  nick: text("nick"),') + posts('cascade', true) + tags,
  head + users('') + posts('cascade', true) + tags + view,
  head + users('') + posts('set null', true) + tags + view,
  head + users('') + posts('set null', true) + view,
];

const run = (cmd, args, cwd = dir) => spawnSync(cmd, args, { cwd, encoding: 'utf8' });
const kit = path.join(dir, 'node_modules', '.bin', 'drizzle-kit');
const out = path.join(dir, 'drizzle');
const tags_ = () => JSON.parse(fs.readFileSync(path.join(out, 'meta', '_journal.json'), 'utf8')).entries.map((e) => e.tag);

for (const [i, schema] of steps.entries()) {
  fs.writeFileSync(path.join(dir, 'schema.ts'), schema);
  const r = run(kit, ['generate']);
  check(`drizzle-kit generate step ${i}`, r.status === 0 && tags_().length === i + 1, r.stdout + r.stderr);
}
const tagList = tags_();

const verify = (args = [], cwd = dir) => run(bin, ['verify', ...args], cwd);
let r = verify();
check('verify passes on drizzle-kit\'s own folder', r.status === 0, r.stdout + r.stderr);
check('one ok line per migration', tagList.every((t) => r.stdout.includes(`ok    ${t}`)), r.stdout);
r = verify(['--config', path.join(dir, 'drizzle.config.ts')], SOURCE);
check('verify --config from another directory', r.status === 0, r.stdout + r.stderr);

// A migration whose SQL no longer gives its snapshot.
const sql1 = path.join(out, `${tagList[1]}.sql`);
const original1 = fs.readFileSync(sql1, 'utf8');
fs.writeFileSync(sql1, original1.replace('`nick` text', '`nick` text NOT NULL DEFAULT \'\''));
check('the edit changed the file', fs.readFileSync(sql1, 'utf8') !== original1);
r = verify();
check('an edited .sql fails with exit 1', r.status === 1, r.stdout + r.stderr);
check('the failure names that migration', r.stdout.includes(`FAIL  ${tagList[1]}`), r.stdout);
check('and the difference', r.stdout.includes('table users: column nick: notNull is true in the database, false in meta/0001_snapshot.json'), r.stdout);
check('the others still pass', r.stdout.includes(`ok    ${tagList[0]}`) && r.stdout.includes(`ok    ${tagList[2]}`), r.stdout);
fs.writeFileSync(sql1, original1);

// A statement that SQLite rejects stops the replay there.
fs.writeFileSync(sql1, original1.replace('ALTER TABLE', 'ALTER TABLEX'));
r = verify();
check('failing SQL is exit 1 naming the statement', r.status === 1 && r.stdout.includes(`FAIL  ${tagList[1]}: ${tagList[1]}.sql failed: statement`), r.stdout);
check('later migrations are reported as not run', r.stdout.includes(`skip  ${tagList[2]}`), r.stdout);
fs.writeFileSync(sql1, original1);

// Rollbacks: step 1 added users.nick, posts.title_idx and the table tags.
const down1 = path.join(out, `${tagList[1]}.down.sql`);
fs.writeFileSync(down1, 'DROP TABLE `tags`;--> statement-breakpoint\nDROP INDEX `title_idx`;--> statement-breakpoint\n' +
  'ALTER TABLE `users` DROP COLUMN `nick`;');
r = verify();
check('a correct rollback passes', r.status === 0 && r.stdout.includes(`ok    ${tagList[1]} (and its rollback)`), r.stdout + r.stderr);
fs.writeFileSync(down1, 'DROP TABLE `tags`;--> statement-breakpoint\nALTER TABLE `users` DROP COLUMN `nick`;');
r = verify();
check('a rollback that leaves an index fails', r.status === 1 && r.stdout.includes(`FAIL  ${tagList[1]}`) &&
  r.stdout.includes('after the rollback: table posts: index title_idx is in the database but not in meta/0000_snapshot.json'), r.stdout);
fs.writeFileSync(down1, 'DROP TABLE `tags`; DROP INDEX `title_idx`;');
r = verify();
check('two statements in one piece fail as the migrator would', r.status === 1 && r.stdout.includes('more than one SQL statement'), r.stdout);
fs.rmSync(down1);

// An inconsistent folder: exit 2, naming the file. (A snapshot missing
// before the last entry is only a warning: snapshot_gap.test.mjs.)
const snap4 = path.join(out, 'meta', '0004_snapshot.json');
const keep = fs.readFileSync(snap4);
fs.rmSync(snap4);
r = verify();
check('a missing last snapshot is exit 2 naming it', r.status === 2 && r.stderr.includes('meta/0004_snapshot.json is missing'), r.stdout + r.stderr);
fs.writeFileSync(snap4, keep);
r = verify();
check('restored folder passes again', r.status === 0, r.stdout + r.stderr);

// No folder yet is not an error.
fs.rmSync(out, { recursive: true });
r = verify();
check('no migrations folder: nothing to verify, exit 0', r.status === 0 && r.stdout.includes('nothing to verify'), r.stdout + r.stderr);
r = verify(['--config', path.join(dir, 'missing.config.ts')]);
check('a missing config is exit 2', r.status === 2 && r.stderr.includes('missing.config.ts'), r.stderr);

// A Turso project: drizzle-kit writes libSQL's ALTER COLUMN, which plain
// SQLite lacks; verify does it the way libSQL does (the column's definition
// in the CREATE TABLE text is replaced).
const tdir = kitProject(path.join(dir, 'turso'), kitConfig('', 'turso'));
const tschema = (email, age) => 'import { sqliteTable, integer, text, index } from "drizzle-orm/sqlite-core";\n' +
  `export const users = sqliteTable("users", { id: integer("id").primaryKey(), email: ${email}, age: ${age} },` +
  ' (t) => [index("email_idx").on(t.email)]);\n';
for (const [i, schema] of [tschema('text("email")', 'integer("age")'),
  tschema('text("email").notNull().default("x")', 'text("age")')].entries()) {
  fs.writeFileSync(path.join(tdir, 'schema.ts'), schema);
  r = run(kit, ['generate'], tdir);
  check(`turso: drizzle-kit generate step ${i}`, r.status === 0, r.stdout + r.stderr);
}
const tout = path.join(tdir, 'drizzle');
const tsql = fs.readdirSync(tout).filter((f) => f.startsWith('0001_') && f.endsWith('.sql')).map((f) => path.join(tout, f))[0];
const talter = fs.readFileSync(tsql, 'utf8');
check('turso: drizzle-kit wrote ALTER COLUMN', /ALTER COLUMN "email" TO "email" text NOT NULL/.test(talter), talter);
r = verify([], tdir);
check('turso: verify replays ALTER COLUMN as libSQL does', r.status === 0, r.stdout + r.stderr);
fs.writeFileSync(tsql, talter.replace('"email" text NOT NULL', '"email" text'));
r = verify([], tdir);
check('turso: an ALTER COLUMN that disagrees with the snapshot fails', r.status === 1 &&
  r.stdout.includes('table users: column email: notNull is false in the database, true in meta/0001_snapshot.json'), r.stdout + r.stderr);

fs.writeFileSync(tsql, talter);
const t0 = fs.readdirSync(tout).filter((f) => f.startsWith('0000_') && f.endsWith('.sql')).map((f) => path.join(tout, f))[0];
fs.writeFileSync(t0, fs.readFileSync(t0, 'utf8').replaceAll('--> statement-breakpoint', ''));
r = verify([], tdir);
check('turso: several statements in one piece run, as libSQL runs them', r.status === 0, r.stdout + r.stderr);

finish();
