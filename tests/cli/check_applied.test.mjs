// check_applied.test.mjs — `drizzle-lsp check --db` on databases migrated by
// drizzle-orm's own migrate() (better-sqlite3) from a folder written by the
// real drizzle-kit, reporting what the migrator gets wrong about applied
// migrations: (a) a migration merged from an older branch, which migrate()
// really skips (drizzle-orm #5316) -> migration-skipped; (b) a .sql edited
// after it ran, which migrate() never notices -> migration-edited; (c) a
// migration applied from a branch whose files are gone ->
// migration-not-in-folder; (d) a row twice -> migration-applied-twice; (e) a
// clean database -> none of them; (f) no migrations table -> all pending.
// Exit codes per --fail-on, and the text, json and sarif shapes.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { check, finish, kitConfig, kitProject, scratch } from '../lib/script_test.mjs';

const bin = process.env.DZ_BIN;
const dir = kitProject(scratch('cli_check_applied'));
const config = kitConfig;

const TABLES = {
  users: 'export const users = sqliteTable("users", { id: integer("id").primaryKey(), name: text("name") });\n',
  posts: 'export const posts = sqliteTable("posts", { id: integer("id").primaryKey(), title: text("title") });\n',
  comments: 'export const comments = sqliteTable("comments", { id: integer("id").primaryKey(), body: text("body") });\n',
  tags: 'export const tags = sqliteTable("tags", { id: integer("id").primaryKey(), label: text("label") });\n',
};
const writeSchema = (...names) => fs.writeFileSync(path.join(dir, 'schema.ts'),
  'import { sqliteTable, integer, text } from "drizzle-orm/sqlite-core";\n' + names.map((n) => TABLES[n]).join(''));
const run = (cmd, args) => spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
const kit = (name) => run(path.join(dir, 'node_modules', '.bin', 'drizzle-kit'), ['generate', '--name', name]);
const checkRun = (args = []) => run(bin, ['check', ...args]);
const json = (r) => { try { return JSON.parse(r.stdout); } catch { return null; } };
const out = path.join(dir, 'drizzle');
const journalPath = path.join(out, 'meta', '_journal.json');
const readJournal = (folder = out) => JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8'));
const tablesOf = (db) => {
  const sqlite = new Database(db, { readonly: true });
  const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((x) => x.name);
  sqlite.close();
  return names;
};
const migrateDb = (db, folder = out) => {
  const sqlite = new Database(db);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  sqlite.close();
};
const sqlite = (db, sql) => { const d = new Database(db); d.exec(sql); d.close(); };
const digest = (db) => crypto.createHash('sha256').update(fs.readFileSync(db)).digest('hex');
const mig = (j, rule) => (j?.findings || []).filter((f) => f.rule === rule);
const migRules = (j) => (j?.findings || []).map((f) => f.rule).filter((x) => x.startsWith('migration-'));

// The history, written by drizzle-kit: users, then posts (a branch's
// migration, generated first), then comments (main's, generated later).
writeSchema('users');
check('drizzle-kit generates 0000', kit('users').status === 0);
writeSchema('users', 'posts');
check('drizzle-kit generates 0001 (the branch\'s posts)', kit('posts').status === 0);
writeSchema('users', 'posts', 'comments');
check('drizzle-kit generates 0002 (main\'s comments)', kit('comments').status === 0);
const journal = readJournal();
const tags = journal.entries.map((e) => e.tag);
check('three entries, "when" growing', tags.length === 3 && journal.entries[0].when < journal.entries[1].when &&
  journal.entries[1].when < journal.entries[2].when, JSON.stringify(journal));
const [tUsers, tPosts, tComments] = tags;

// Main's folder before the merge: the same history without the branch's entry.
const mainFolder = path.join(dir, 'main-folder');
fs.cpSync(out, mainFolder, { recursive: true });
{
  const j = readJournal(mainFolder);
  j.entries = j.entries.filter((e) => e.tag !== tPosts);
  fs.writeFileSync(path.join(mainFolder, 'meta', '_journal.json'), JSON.stringify(j, null, 2));
}

// (e) A clean database: the whole folder applied.
const clean = path.join(dir, 'clean.db');
migrateDb(clean);
let r = checkRun(['--db', 'clean.db', '--format', 'json']);
let j = json(r);
check('(e) clean: exit 0, no migration findings', r.status === 0 && j && migRules(j).length === 0, r.stdout + r.stderr);
check('(e) clean: nothing pending, 3 rows', j?.database.migrations?.pending === 0 &&
  j?.database.migrations?.rows === 3 && j?.database.migrations?.in_folder === 3 &&
  j?.database.migrations?.table === '__drizzle_migrations' && j?.database.migrations?.table_exists === true,
  JSON.stringify(j?.database));
r = checkRun(['--db', 'clean.db']);
check('(e) clean: text says none pending', /migrations: "__drizzle_migrations" has 3 rows for the folder's 3; none pending/
  .test(r.stdout), r.stdout);

// (a) Main's database, migrated before the merge; after it, drizzle-orm's
// migrate() runs the merged folder and really skips the branch's migration.
const skipped = path.join(dir, 'skipped.db');
migrateDb(skipped, mainFolder);
migrateDb(skipped);
let tables = tablesOf(skipped);
check('(a) drizzle-orm\'s migrate() skipped the older branch\'s migration: no posts table',
  !tables.includes('posts') && tables.includes('comments') && tables.includes('users'), tables.join(','));
const skippedDigest = digest(skipped);
r = checkRun(['--db', 'skipped.db', '--format', 'json']);
j = json(r);
let f = mig(j, 'migration-skipped');
check('(a) migration-skipped names the branch\'s migration', f.length === 1 && f[0].migration === tPosts &&
  f[0].message.includes(tPosts) && f[0].message.includes(tComments) && f[0].risk === 'high', r.stdout + r.stderr);
check('(a) it is about no table, and points at the .sql file', f[0]?.table === null && f[0]?.column === null &&
  f[0]?.location?.file === `drizzle/${tPosts}.sql` && f[0]?.location?.line === 1, JSON.stringify(f[0]));
check('(a) it says what to do', /rollback --steps 1/.test(f[0]?.message || '') &&
  /new migration/.test(f[0]?.hint || ''), JSON.stringify(f[0]));
check('(a) help links to its section', /rules\.md#migration-skipped$/.test(f[0]?.help || ''), f[0]?.help);
check('(a) nothing pending (the migrator thinks it is done)', j?.database.migrations?.pending === 0 &&
  j?.database.migrations?.rows === 2 && j?.database.migrations?.problems === 1, JSON.stringify(j?.database));
check('(a) summary counts it', j?.summary.high === 1 && j?.summary.max_risk === 'high', JSON.stringify(j?.summary));
check('(a) default --fail-on high: exit 1', r.status === 1, `exit ${r.status}`);
check('(a) --fail-on careful: exit 1', checkRun(['--db', 'skipped.db', '--fail-on', 'careful']).status === 1);
check('(a) --fail-on never: exit 0', checkRun(['--db', 'skipped.db', '--fail-on', 'never']).status === 0);
r = checkRun(['--db', 'skipped.db']);
check('(a) text: a group for applied migrations, with the rule and file', r.stdout.includes(
  'migrations the database has applied ("__drizzle_migrations")') &&
  new RegExp(`HIGH +migration-skipped +drizzle/${tPosts}\\.sql:1:1`).test(r.stdout) &&
  r.stdout.includes('what to do: Rolling back needs a .down.sql'), r.stdout);
check('(a) text: the pending line counts the skipped one apart',
  r.stdout.includes('has 2 rows for the folder\'s 3; none pending; 1 it will never apply (migration-skipped)'), r.stdout);
check('(a) text: summary line', /summary: 1 high, 0 careful, 0 safe/.test(r.stdout), r.stdout);
r = checkRun(['--db', 'skipped.db', '--format', 'sarif']);
const s = json(r);
const runs = s?.runs?.[0];
const res = (runs?.results || []).find((x) => x.ruleId === 'migration-skipped');
const pl = res?.locations?.[0]?.physicalLocation;
check('(a) sarif: a result at the .sql file, level error', res?.level === 'error' &&
  pl?.artifactLocation.uri === `drizzle/${tPosts}.sql` && pl?.artifactLocation.uriBaseId === 'SRCROOT' &&
  pl?.region.startLine === 1, JSON.stringify(res));
check('(a) sarif: its rule in the catalog, high', runs?.tool.driver.rules[res?.ruleIndex]?.id === 'migration-skipped' &&
  runs?.tool.driver.rules[res?.ruleIndex]?.properties.risk === 'high', JSON.stringify(runs?.tool.driver.rules?.[res?.ruleIndex]));
check('(a) sarif: properties name the migration, no table', res?.properties.migration === tPosts &&
  res?.properties.table === null, JSON.stringify(res?.properties));
check('(a) sarif: run properties carry the pending count', runs?.properties?.migrations?.pending === 0, JSON.stringify(runs?.properties));
check('(a) the database is byte-identical after check', digest(skipped) === skippedDigest);

// The same through dbCredentials.url of file: form.
fs.writeFileSync(path.join(dir, 'drizzle.config.ts'), config(', dbCredentials: { url: "file:./skipped.db" }'));
r = checkRun(['--format', 'json']);
check('(a) dbCredentials.url file: is read too', mig(json(r), 'migration-skipped').length === 1 && r.status === 1,
  r.stdout + r.stderr);
fs.writeFileSync(path.join(dir, 'drizzle.config.ts'), config());

// (b) A .sql edited after it ran: migrate() never notices.
const edited = path.join(dir, 'edited.db');
fs.copyFileSync(clean, edited);
const commentsSql = path.join(out, `${tComments}.sql`);
const original = fs.readFileSync(commentsSql, 'utf8');
fs.writeFileSync(commentsSql, original + '\n--> statement-breakpoint\nCREATE INDEX `comments_body_idx` ON `comments` (`body`);');
migrateDb(edited);
const indexes = (() => { const d = new Database(edited, { readonly: true });
  const x = d.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all().map((i) => i.name); d.close(); return x; })();
check('(b) drizzle-orm\'s migrate() ignored the edit', !indexes.includes('comments_body_idx'), indexes.join(','));
r = checkRun(['--db', 'edited.db', '--format', 'json']);
j = json(r);
f = mig(j, 'migration-edited');
check('(b) migration-edited names the file', f.length === 1 && f[0].migration === tComments &&
  f[0].risk === 'careful' && f[0].location?.file === `drizzle/${tComments}.sql`, r.stdout + r.stderr);
check('(b) careful: default --fail-on high exits 0', r.status === 0, `exit ${r.status}`);
check('(b) --fail-on careful exits 1', checkRun(['--db', 'edited.db', '--fail-on', 'careful']).status === 1);
fs.writeFileSync(commentsSql, original);
r = checkRun(['--db', 'edited.db', '--format', 'json']);
check('(b) restored: no finding', json(r) && migRules(json(r)).length === 0, r.stdout);

// (c) A migration applied on a feature branch whose files are not here.
const feature = path.join(dir, 'feature.db');
fs.copyFileSync(clean, feature);
const journalText = fs.readFileSync(journalPath, 'utf8');
writeSchema('users', 'posts', 'comments', 'tags');
check('drizzle-kit generates 0003 on the feature branch', kit('tags').status === 0);
const tTags = readJournal().entries[3]?.tag, whenTags = readJournal().entries[3]?.when;
migrateDb(feature);
check('(c) the feature branch\'s migration ran', tablesOf(feature).includes('tags'));
fs.writeFileSync(journalPath, journalText);
fs.rmSync(path.join(out, `${tTags}.sql`));
fs.rmSync(path.join(out, 'meta', `${tTags.split('_')[0]}_snapshot.json`));
writeSchema('users', 'posts', 'comments');
r = checkRun(['--db', 'feature.db', '--format', 'json']);
j = json(r);
f = mig(j, 'migration-not-in-folder');
check('(c) migration-not-in-folder, at the journal', f.length === 1 && f[0].migration === null &&
  f[0].risk === 'careful' && f[0].location?.file === 'drizzle/meta/_journal.json' &&
  f[0].message.includes(`created_at ${whenTags}`) && f[0].message.includes('_journal.json'), r.stdout + r.stderr);
check('(c) exit 0 at --fail-on high, 1 at careful', r.status === 0 &&
  checkRun(['--db', 'feature.db', '--fail-on', 'careful']).status === 1, `exit ${r.status}`);
check('(c) the database is noted as not matching the folder', /records 4 applied migrations but the folder has 3/
  .test(j?.database.note || ''), JSON.stringify(j?.database));
r = checkRun(['--db', 'feature.db', '--format', 'sarif']);
const sres = (json(r)?.runs?.[0]?.results || []).find((x) => x.ruleId === 'migration-not-in-folder');
check('(c) sarif: located at meta/_journal.json, warning', sres?.level === 'warning' &&
  sres?.locations?.[0]?.physicalLocation.artifactLocation.uri === 'drizzle/meta/_journal.json', JSON.stringify(sres));

// (d) A migration recorded twice.
const twice = path.join(dir, 'twice.db');
fs.copyFileSync(clean, twice);
sqlite(twice, `INSERT INTO __drizzle_migrations (hash, created_at)
  SELECT hash, created_at FROM __drizzle_migrations WHERE created_at = ${journal.entries[1].when}`);
r = checkRun(['--db', 'twice.db', '--format', 'json']);
j = json(r);
f = mig(j, 'migration-applied-twice');
check('(d) migration-applied-twice names the entry and the rows', f.length === 1 && f[0].migration === tPosts &&
  /rowids 2 and 4/.test(f[0].message) && /DELETE FROM "__drizzle_migrations" WHERE rowid = 4/.test(f[0].hint || ''),
  r.stdout + r.stderr);
check('(d) nothing else is wrong', migRules(j).length === 1 && r.status === 0, JSON.stringify(migRules(j)));

// (f) A database no migrator has touched: everything pending, no error.
const empty = path.join(dir, 'empty.db');
sqlite(empty, 'CREATE TABLE unrelated (x integer)');
r = checkRun(['--db', 'empty.db', '--format', 'json']);
j = json(r);
check('(f) no migrations table: exit 0, no migration findings', r.status === 0 && j && migRules(j).length === 0,
  r.stdout + r.stderr);
check('(f) all three pending, in order', j?.database.migrations?.table_exists === false &&
  j?.database.migrations?.pending === 3 && JSON.stringify(j?.database.migrations?.pending_tags) ===
  JSON.stringify([tUsers, tPosts, tComments]), JSON.stringify(j?.database.migrations));
r = checkRun(['--db', 'empty.db']);
check('(f) text: all pending', r.stdout.includes(`3 pending, which migrate() applies next: ${tUsers}, ${tPosts}, ${tComments}`),
  r.stdout);
check('(f) drizzle-orm agrees: migrate() applies all three', (() => { migrateDb(empty);
  const t = tablesOf(empty); return ['users', 'posts', 'comments'].every((x) => t.includes(x)); })());

// A custom migrations table (config migrations.table) is the one read.
const custom = path.join(dir, 'custom.db');
{
  const d = new Database(custom);
  migrate(drizzle(d), { migrationsFolder: mainFolder, migrationsTable: 'my_migrations' });
  migrate(drizzle(d), { migrationsFolder: out, migrationsTable: 'my_migrations' });
  d.close();
}
fs.writeFileSync(path.join(dir, 'drizzle.config.ts'), config(', migrations: { table: "my_migrations" }'));
r = checkRun(['--db', 'custom.db', '--format', 'json']);
j = json(r);
check('config migrations.table is read', mig(j, 'migration-skipped')[0]?.migration === tPosts &&
  j?.database.migrations?.table === 'my_migrations', r.stdout + r.stderr);
fs.writeFileSync(path.join(dir, 'drizzle.config.ts'), config());

// The other shape of the same merge: the branch's entry appended at the end
// of the journal, its "when" older than the one before. drizzle-orm skips it
// just the same; check refuses the folder itself, naming the entry.
{
  const j2 = readJournal(mainFolder);
  const branch = journal.entries[1];
  j2.entries.push({ ...branch });
  j2.entries.forEach((e, i) => { e.idx = i; });
  const appended = path.join(dir, 'appended-folder');
  fs.cpSync(mainFolder, appended, { recursive: true });
  fs.copyFileSync(path.join(out, `${tPosts}.sql`), path.join(appended, `${tPosts}.sql`));
  fs.writeFileSync(path.join(appended, 'meta', '_journal.json'), JSON.stringify(j2, null, 2));
  // The snapshots chained in the merged order, as a hand-resolved merge would.
  const snap = (tag) => path.join(appended, 'meta', `${tag.split('_')[0]}_snapshot.json`);
  const relink = (tag, prevTag) => {
    const x = JSON.parse(fs.readFileSync(snap(tag), 'utf8'));
    x.prevId = JSON.parse(fs.readFileSync(snap(prevTag), 'utf8')).id;
    fs.writeFileSync(snap(tag), JSON.stringify(x, null, 2));
  };
  relink(tComments, tUsers);
  relink(tPosts, tComments);
  const appendedDb = path.join(dir, 'appended.db');
  migrateDb(appendedDb, mainFolder);
  migrateDb(appendedDb, appended);
  check('appended older entry: drizzle-orm\'s migrate() skips it too', !tablesOf(appendedDb).includes('posts'));
  fs.writeFileSync(path.join(dir, 'appended.config.ts'), config().replace('"./drizzle"', '"./appended-folder"'));
  r = checkRun(['--config', 'appended.config.ts', '--db', 'appended.db']);
  check('appended older entry: check refuses the folder (exit 2), naming the entry and the fix', r.status === 2 &&
    r.stderr.includes(`"${tPosts}"`) && /give it a "when" after/.test(r.stderr), r.stdout + r.stderr);
}

// A table of that name that is not the migrator's is a note, not a failure.
const other = path.join(dir, 'other.db');
sqlite(other, 'CREATE TABLE __drizzle_migrations (id integer, note text)');
r = checkRun(['--db', 'other.db', '--format', 'json']);
j = json(r);
check('a migrations table without hash/created_at: exit 0 with a note naming it', r.status === 0 &&
  /applied migrations not checked: .*other\.db.*"__drizzle_migrations"/.test(j?.database.note || '') &&
  j?.database.migrations === null, r.stdout + r.stderr);

// Without a database there is nothing to say about applied migrations.
r = checkRun(['--format', 'json']);
check('no database: database.migrations is null', json(r)?.database.migrations === null, r.stdout);

finish();
