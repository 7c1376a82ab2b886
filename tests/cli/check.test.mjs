// check.test.mjs — `drizzle-lsp check` on a scratch project whose migrations
// folder is written by the real drizzle-kit and whose development database
// is migrated by drizzle-orm's own migrator: exit codes for each --fail-on,
// the three formats, figures and a dry run from --db (the database file
// byte-identical afterwards), rename candidates as findings, and
// configuration or input errors as exit 2 naming the file.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { check, finish, kitConfig, kitProject, scratch } from '../lib/script_test.mjs';

const bin = process.env.DZ_BIN;
const dir = kitProject(scratch('cli_check'));
const config = kitConfig;

const head = 'import { sqliteTable, integer, text, real, index } from "drizzle-orm/sqlite-core";\n';
const schema = ({ usersExtra = '', age = 'integer("age")', name = 'name: text("name"),', postsIndex = false } = {}) =>
  head + `export const users = sqliteTable("users", {
  id: integer("id").primaryKey(),
  ${name}
  age: ${age},${usersExtra}
});
export const posts = sqliteTable("posts", {
  id: integer("id").primaryKey(),
  authorId: integer("author_id").references(() => users.id, { onDelete: "cascade" }),
  title: text("title"),
}${postsIndex ? ', (t) => [index("posts_title_idx").on(t.title)]' : ''});
`;

const run = (cmd, args, cwd = dir) => spawnSync(cmd, args, { cwd, encoding: 'utf8' });
const write = (text) => fs.writeFileSync(path.join(dir, 'schema.ts'), text);
const checkRun = (args = [], cwd = dir) => run(bin, ['check', ...args], cwd);
const json = (r) => { try { return JSON.parse(r.stdout); } catch { return null; } };
const rules = (r) => (json(r)?.findings || []).map((f) => f.rule);

// The committed state: drizzle-kit's own migration of the first schema.
write(schema());
let r = run(path.join(dir, 'node_modules', '.bin', 'drizzle-kit'), ['generate']);
check('drizzle-kit generate writes the baseline', r.status === 0, r.stdout + r.stderr);

// A development database at the baseline, migrated by drizzle-orm, with rows.
const dbPath = path.join(dir, 'dev.db');
{
  const sqlite = new Database(dbPath);
  migrate(drizzle(sqlite), { migrationsFolder: path.join(dir, 'drizzle') });
  sqlite.exec(`INSERT INTO users (id, name, age) VALUES (1, 'ann', 30), (2, NULL, NULL), (3, 'cy', 41);
               INSERT INTO posts (id, author_id, title) VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 3, 'c');`);
  sqlite.close();
}
const digest = () => crypto.createHash('sha256').update(fs.readFileSync(dbPath)).digest('hex');
const before = digest();

r = checkRun();
check('no pending changes: exit 0', r.status === 0, r.stdout + r.stderr);
check('no pending changes: says so', r.stdout.includes('no pending changes'), r.stdout);

// Exit codes: one pending change of each risk against each --fail-on.
const cases = [
  ['safe', schema({ usersExtra: '\n  bio: text("bio"),' }), 'column-added-nullable', { high: 0, careful: 0, never: 0 }],
  ['careful', schema({ postsIndex: true }), 'index-created', { high: 0, careful: 1, never: 0 }],
  ['high', schema({ usersExtra: '\n  plan: text("plan").notNull(),' }), 'column-added-not-null-no-default',
    { high: 1, careful: 1, never: 0 }],
];
for (const [risk, text, rule, want] of cases) {
  write(text);
  r = checkRun(['--format', 'json']);
  check(`${risk} change is ${rule}`, rules(r).includes(rule), r.stdout + r.stderr);
  check(`${risk} change: default --fail-on high exits ${want.high}`, r.status === want.high, `exit ${r.status}`);
  for (const level of ['high', 'careful', 'never']) {
    r = checkRun(['--fail-on', level]);
    check(`${risk} change: --fail-on ${level} exits ${want[level]}`, r.status === want[level], `exit ${r.status}\n${r.stderr}`);
  }
}

// Text: the finding, where it is, the fix and the SQL a migration would run.
write(schema({ usersExtra: '\n  plan: text("plan").notNull(),' }));
r = checkRun();
check('text names the rule, table and column', /HIGH +column-added-not-null-no-default +schema\.ts:\d+:\d+/.test(r.stdout) &&
  r.stdout.includes('users.plan'), r.stdout);
check('text offers the fixes', r.stdout.includes('fix: Add a default to users.plan') &&
  r.stdout.includes('fix: Keep users.plan nullable'), r.stdout);
check('text shows the SQL', r.stdout.includes('sql: ALTER TABLE `users` ADD `plan` text NOT NULL;'), r.stdout);
check('text without a database says how to get figures', r.stdout.includes('--db FILE'), r.stdout);

// --db: figures and a dry run; the database is not written.
r = checkRun(['--db', 'dev.db', '--format', 'json']);
let j = json(r);
let f = j?.findings.find((x) => x.rule === 'column-added-not-null-no-default');
check('--db: rows that block the NOT NULL column', f?.figures.rows === 3, r.stdout + r.stderr);
check('--db: dry run fails on SQLite\'s refusal', j?.database.dry_run?.ok === false &&
  /NOT NULL/.test(j?.database.dry_run?.error || ''), JSON.stringify(j?.database));
check('--db: findings at high still exit 1', r.status === 1, `exit ${r.status}`);

write(schema({ name: '' }));
r = checkRun(['--db', dbPath, '--format', 'json']);
j = json(r);
f = j?.findings.find((x) => x.rule === 'column-dropped');
check('--db: a dropped column counts its values', f?.column === 'name' && f?.figures.rows === 3 &&
  f?.figures.non_null_values === 2, JSON.stringify(f));
check('--db: the dry run of a drop succeeds and is timed', j?.database.dry_run?.ok === true &&
  typeof j?.database.dry_run?.ms === 'number', JSON.stringify(j?.database));

// A rebuild of users, which posts references with ON DELETE CASCADE.
write(schema({ age: 'real("age")' }));
r = checkRun(['--db', dbPath, '--format', 'json']);
j = json(r);
f = j?.findings.find((x) => x.rule === 'table-rebuild-referenced');
check('rebuild of a referenced table is high', f?.risk === 'high' && f?.table === 'users', r.stdout + r.stderr);
check('rebuild points at the referencing foreign key', f?.related.length === 1 &&
  /posts references users \(on delete cascade\)/.test(f?.related[0].message), JSON.stringify(f?.related));
check('--db: child rows at stake', f?.figures.child_rows === 3, JSON.stringify(f?.figures));
check('dry run of drizzle-lsp\'s rebuild keeps the posts', j?.database.dry_run?.ok === true &&
  j?.database.dry_run?.row_losses.length === 0, JSON.stringify(j?.database.dry_run));
check('the development database is byte-identical after every check', digest() === before);

// A rename is never guessed: it is a finding with the --rename fix.
write(schema({ name: 'fullName: text("full_name"),' }));
r = checkRun(['--format', 'json']);
j = json(r);
f = j?.findings.find((x) => x.rule === 'rename-candidate');
check('rename candidate is a finding', f?.risk === 'high', r.stdout + r.stderr);
check('rename candidate offers --rename', f?.fixes.some((x) => x.argument === '--rename users.name=full_name'),
  JSON.stringify(f?.fixes));

// SARIF.
r = checkRun(['--format', 'sarif']);
const s = json(r);
const res = s?.runs?.[0]?.results || [];
check('sarif 2.1.0 with a result per finding', s?.version === '2.1.0' && res.length === j?.findings.length,
  r.stdout.slice(0, 400));
check('sarif rules link to docs/rules.md anchors', s?.runs[0].tool.driver.rules.every((x) => /rules\.md#[a-z-]+$/.test(x.helpUri)));
check('sarif locations name schema.ts with a line', res.some((x) =>
  x.locations[0]?.physicalLocation.artifactLocation.uri === 'schema.ts' &&
  x.locations[0].physicalLocation.region.startLine >= 1), JSON.stringify(res[0]));

// Errors: exit 2 with the file named.
r = checkRun(['--config', 'missing.config.ts']);
check('missing config: exit 2 naming it', r.status === 2 && r.stderr.includes('missing.config.ts'), r.stderr);
fs.writeFileSync(path.join(dir, 'broken.config.ts'), 'export default defineConfig({ dialect: "sqlite", schema: ');
r = checkRun(['--config', 'broken.config.ts']);
check('broken config: exit 2 naming it', r.status === 2 && r.stderr.includes('broken.config.ts'), r.stderr);
r = checkRun(['--db', 'nope.db']);
check('missing --db: exit 2 naming it', r.status === 2 && r.stderr.includes('nope.db'), r.stderr);
check('missing --db is not created', !fs.existsSync(path.join(dir, 'nope.db')));
fs.writeFileSync(path.join(dir, 'text.db'), 'not a database at all, just some text in a file\n'.repeat(20));
r = checkRun(['--db', 'text.db']);
check('a --db that is not a database: exit 2 naming it', r.status === 2 && r.stderr.includes('text.db'), r.stderr);
r = checkRun(['--format', 'xml']);
check('bad --format: exit 2', r.status === 2 && r.stderr.includes('xml'), r.stderr);
r = checkRun(['--fail-on', 'low']);
check('bad --fail-on: exit 2', r.status === 2 && r.stderr.includes('low'), r.stderr);

// dbCredentials.url of file: form is used when --db is not given.
fs.writeFileSync(path.join(dir, 'drizzle.config.ts'), config(', dbCredentials: { url: "file:./dev.db" }'));
write(schema({ name: '' }));
r = checkRun(['--format', 'json']);
j = json(r);
check('dbCredentials.url file: form gives figures', j?.database.path === dbPath &&
  j?.findings.find((x) => x.rule === 'column-dropped')?.figures.non_null_values === 2, JSON.stringify(j?.database));
check('still byte-identical', digest() === before);

// A database behind the migrations folder is named as such.
fs.copyFileSync(dbPath, path.join(dir, 'behind.db'));
{
  const sqlite = new Database(path.join(dir, 'behind.db'));
  sqlite.exec('DELETE FROM __drizzle_migrations');
  sqlite.close();
}
r = checkRun(['--db', 'behind.db', '--format', 'json']);
check('a database behind the folder is noted', /records 0 applied migrations but the folder has 1/
  .test(json(r)?.database.note || ''), r.stdout + r.stderr);
r = checkRun(['--db', 'dev.db', '--format', 'json']);
check('a database at the folder has no note', json(r)?.database.note === null, r.stdout);

// Turso: libSQL alters a plain column in place with ALTER COLUMN, which
// SQLite cannot run, so there is no dry run (figures still come).
fs.writeFileSync(path.join(dir, 'drizzle.config.ts'),
  'import { defineConfig } from "drizzle-kit";\n' +
  'export default defineConfig({ dialect: "turso", schema: "./schema.ts", out: "./drizzle", ' +
  'dbCredentials: { url: "libsql://example.invalid" } });\n');
write(schema({ age: 'real("age")' }));
r = checkRun(['--db', 'dev.db', '--format', 'json']);
j = json(r);
check('turso: an in-place type change is not a rebuild', j && !rules(r).some((x) => x.startsWith('table-rebuild')) &&
  rules(r).includes('column-type-compatible'), r.stdout + r.stderr);
check('turso: no dry run of ALTER COLUMN on SQLite, and says why', j?.database.dry_run === null &&
  /ALTER COLUMN/.test(j?.database.note || ''), JSON.stringify(j?.database));
check('turso: figures still come', j?.findings.find((x) => x.rule === 'column-type-compatible')?.figures.non_null_values === 2,
  JSON.stringify(j?.findings));

finish();
