// drizzle_kit_faults.test.mjs — the drizzle-kit faults drizzle-lsp corrects,
// proven on real SQLite databases (better-sqlite3, foreign keys on, as its
// default): drizzle-kit's SQL, applied the way drizzle-orm's migrator applies
// it (split on the breakpoint, inside BEGIN ... COMMIT), fails or corrupts
// data; drizzle-lsp's SQL for the same snapshots keeps every row and value
// with a clean foreign_key_check, and its rollback restores the schema. The
// Turso cases run on real libSQL (@libsql/client on a file), each migration
// through the client's migrate() as drizzle-orm's libSQL migrator does.
import assert from 'node:assert/strict';
import { sqliteTable, sqliteView, integer, real, text, index, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import * as dk from './drizzle_kit.mjs';
import path from 'node:path';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { scratch, ours, migrate, schemaOf, rowsOf, reporter, Database } from './harness.mjs';

const dir = scratch('drizzle_kit_faults');
const r = reporter();
const id = () => integer('id').primaryKey();

// A database at `prev`, seeded; fk: foreign keys on (the better-sqlite3 default).
function dbAt(prevSnap, seed) {
  const db = new Database(':memory:');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  migrate(db, ours(dir, null, prevSnap, 'sqlite').text);
  db.exec(seed);
  return db;
}

// opts.dialect (default sqlite); opts.prevSnap: a snapshot to start from
// (default: a fresh one of prevExports); opts.extra: more dz_sqlgen options
// (--mode T.C=MODE: what the schema code says).
async function scenario(prevExports, nextExports, renames, { dialect = 'sqlite', prevSnap, extra = [] } = {}) {
  const prev = prevSnap || await dk.snapshot(prevExports);
  const next = await dk.snapshot(nextExports, prev.id);
  const theirs = await dk.migration(prev, next, dialect, renames);
  const plan = ours(dir, prev, next, dialect, renames, extra);
  assert.equal(plan.error, undefined, plan.message);
  return { prev, next, theirs: dk.fileText(theirs.statements), statements: theirs.statements, plan };
}

function fkClean(db) {
  assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
}

function rollsBack(db, plan, before) {
  migrate(db, plan.rollback_text);
  assert.deepEqual(schemaOf(db), before);
}

// ---- (a) a new or renamed column in a rebuilt table ------------------------
// drizzle-kit copies a column the old table lacks as "name". A SQLite built
// with double-quoted strings (the library default) stores the text 'name' in
// every row; better-sqlite3's build (SQLITE_DQS=0) and libSQL refuse the
// statement instead. Either way the migration is broken; both are accepted.
function brokenCopy(db, text, table, column) {
  try {
    migrate(db, text);
  } catch (e) {
    assert.match(e.message, new RegExp(`no such column: "${column}"`));
    return;
  }
  assert.ok(rowsOf(db, table).every((x) => x[column] === column), 'the column kept its values');
}
{
  const settings = (cols, withCheck) => ({ s: sqliteTable('settings', { id: id(), v: integer('v'), ...cols },
    withCheck ? (t) => [check('v_pos', sql`${t.v} > 0`)] : undefined) });
  const seed = "INSERT INTO settings(id, v) VALUES (1, 10), (2, 20);";

  const a1 = await scenario(settings({}), settings({ note: text('note') }, true));
  r.check('(a) new nullable column next to a new check: drizzle-kit copies the column name as a value', () => {
    brokenCopy(dbAt(a1.prev, seed), a1.theirs, 'settings', 'note');
  });
  r.check('(a) new nullable column next to a new check: drizzle-lsp leaves it NULL and keeps the rows', () => {
    const db = dbAt(a1.prev, seed);
    const before = schemaOf(db);
    migrate(db, a1.plan.text);
    assert.deepEqual(rowsOf(db, 'settings'), [{ id: 1, v: 10, note: null }, { id: 2, v: 20, note: null }]);
    assert.match(a1.plan.text, /-- drizzle-lsp: copies only columns the old table has/);
    fkClean(db);
    rollsBack(db, a1.plan, before);
    assert.deepEqual(rowsOf(db, 'settings'), [{ id: 1, v: 10 }, { id: 2, v: 20 }]);
  });

  const a2 = await scenario(settings({}), settings({ w: integer('w').notNull() }, true));
  r.check('(a) new NOT NULL column without default in a rebuild: drizzle-kit copies the column name as a value', () => {
    brokenCopy(dbAt(a2.prev, seed), a2.theirs, 'settings', 'w');
  });
  r.check('(a) new NOT NULL column without default: drizzle-lsp refuses when rows exist, works on an empty table', () => {
    const db = dbAt(a2.prev, seed);
    assert.throws(() => migrate(db, a2.plan.text), /NOT NULL constraint failed/);
    assert.deepEqual(rowsOf(db, 'settings'), [{ id: 1, v: 10 }, { id: 2, v: 20 }]);
    const empty = dbAt(a2.prev, '');
    const before = schemaOf(empty);
    migrate(empty, a2.plan.text);
    rollsBack(empty, a2.plan, before);
  });

  const a3 = await scenario(settings({}), { s: sqliteTable('settings', { id: id(), value: integer('value') }, (t) => [check('v_pos', sql`${t.value} > 0`)]) },
    { columns: [['settings', 'v', 'value']] });
  r.check('(a) renamed column in a rebuild: drizzle-kit copies the new name, not the values', () => {
    brokenCopy(dbAt(a3.prev, seed), a3.theirs, 'settings', 'value');
  });
  r.check('(a) renamed column in a rebuild: drizzle-lsp copies it from its old name, and rolls back', () => {
    const db = dbAt(a3.prev, seed);
    const before = schemaOf(db);
    migrate(db, a3.plan.text);
    assert.deepEqual(rowsOf(db, 'settings'), [{ id: 1, value: 10 }, { id: 2, value: 20 }]);
    rollsBack(db, a3.plan, before);
    assert.deepEqual(rowsOf(db, 'settings'), [{ id: 1, v: 10 }, { id: 2, v: 20 }]);
  });
}

// ---- (b) rebuilding a referenced table inside the migrator's transaction ----
for (const action of ['cascade', 'set null', 'restrict', 'no action']) {
  const schema = (notNull) => {
    const users = sqliteTable('users', { id: id(), name: notNull ? text('name').notNull() : text('name') });
    const posts = sqliteTable('posts', { id: id(), userId: integer('user_id').references(() => users.id, { onDelete: action }) });
    const comments = sqliteTable('comments', { id: id(), postId: integer('post_id').references(() => posts.id, { onDelete: action }), body: text('body') });
    return { users, posts, comments };
  };
  const seed = "INSERT INTO users VALUES (1,'ann'),(2,'bob'); INSERT INTO posts VALUES (10,1),(11,2),(12,NULL);" +
    "INSERT INTO comments VALUES (100,10,'hi'),(101,11,'yo');";
  const b = await scenario(schema(false), schema(true));
  r.check(`(b) ON DELETE ${action}: drizzle-kit's rebuild of a referenced table fails or loses child rows`, () => {
    const db = dbAt(b.prev, seed);
    const want = [rowsOf(db, 'posts'), rowsOf(db, 'comments')];
    let failed = false;
    try { migrate(db, b.theirs); } catch (e) { failed = /FOREIGN KEY constraint failed/.test(e.message); }
    assert.ok(failed || JSON.stringify([rowsOf(db, 'posts'), rowsOf(db, 'comments')]) !== JSON.stringify(want),
      'drizzle-kit SQL kept the rows: the fault did not reproduce');
  });
  r.check(`(b) ON DELETE ${action}: drizzle-lsp keeps every row, foreign_key_check clean, rollback restores`, () => {
    const db = dbAt(b.prev, seed);
    const before = schemaOf(db);
    const want = ['users', 'posts', 'comments'].map((t) => rowsOf(db, t));
    migrate(db, b.plan.text);
    assert.deepEqual(['users', 'posts', 'comments'].map((t) => rowsOf(db, t)), want);
    assert.equal(db.prepare("SELECT sql FROM sqlite_master WHERE name='users'").get().sql.includes('NOT NULL'), true);
    fkClean(db);
    rollsBack(db, b.plan, before);
    assert.deepEqual(['users', 'posts', 'comments'].map((t) => rowsOf(db, t)), want);
    fkClean(db);
  });
}

{
  const schema = (nn) => {
    const a = sqliteTable('a', { id: id(), x: nn ? integer('x').notNull() : integer('x') });
    const b = sqliteTable('b', { id: id(), y: nn ? integer('y').notNull() : integer('y') });
    const ca = sqliteTable('ca', { id: id(), aId: integer('a_id').references(() => a.id, { onDelete: 'cascade' }) });
    const cb = sqliteTable('cb', { id: id(), bId: integer('b_id').references(() => b.id, { onDelete: 'cascade' }) });
    return { a, b, ca, cb };
  };
  const seed = 'INSERT INTO a VALUES (1,1); INSERT INTO b VALUES (2,2); INSERT INTO ca VALUES (1,1); INSERT INTO cb VALUES (1,2);';
  const t = await scenario(schema(false), schema(true));
  // Outside a transaction (e.g. a SQL console or a migrator without one), the
  // PRAGMA pair matters: drizzle-kit's second rebuild runs with foreign keys on.
  const runLoose = (db, text) => { for (const c of text.split('--> statement-breakpoint')) if (c.trim()) db.prepare(c).run(); };
  r.check('(b) two rebuilds: drizzle-kit writes one PRAGMA pair, and the second rebuild cascades', () => {
    assert.equal(t.theirs.split('PRAGMA foreign_keys=OFF;').length - 1, 1);
    const db = dbAt(t.prev, seed);
    runLoose(db, t.theirs);
    assert.equal(rowsOf(db, 'cb').length, 0);
  });
  r.check('(b) two rebuilds: drizzle-lsp keeps both PRAGMA pairs and every row, in or out of a transaction', () => {
    assert.equal(t.plan.text.split('PRAGMA foreign_keys=OFF;').length - 1, 2);
    for (const loose of [true, false]) {
      const db = dbAt(t.prev, seed);
      const before = schemaOf(db);
      (loose ? runLoose : migrate)(db, t.plan.text);
      assert.equal(rowsOf(db, 'ca').length, 1);
      assert.equal(rowsOf(db, 'cb').length, 1);
      fkClean(db);
      rollsBack(db, t.plan, before);
    }
  });
}

// A table that references itself: DROP TABLE of the old copy acts on the
// rows of __new_<t>, which point at it.
for (const action of ['cascade', 'set null', 'no action']) {
  const schema = (nn) => {
    const people = sqliteTable('people', { id: id(), name: nn ? text('name').notNull() : text('name'),
      bossId: integer('boss_id').references(() => people.id, { onDelete: action }) });
    const notes = sqliteTable('notes', { id: id(), personId: integer('person_id').references(() => people.id, { onDelete: action }) });
    return { people, notes };
  };
  const seed = "INSERT INTO people VALUES (1,'a',NULL),(2,'b',1),(3,'c',2); INSERT INTO notes VALUES (7,3);";
  const sr = await scenario(schema(false), schema(true));
  r.check(`(b) self-reference, ON DELETE ${action}: drizzle-kit's rebuild fails or loses rows`, () => {
    const db = dbAt(sr.prev, seed);
    const want = JSON.stringify([rowsOf(db, 'people'), rowsOf(db, 'notes')]);
    let failed = false;
    try { migrate(db, sr.theirs); } catch (e) { failed = /FOREIGN KEY constraint failed/.test(e.message); }
    assert.ok(failed || JSON.stringify([rowsOf(db, 'people'), rowsOf(db, 'notes')]) !== want, 'the fault did not reproduce');
  });
  r.check(`(b) self-reference, ON DELETE ${action}: drizzle-lsp keeps every row and rolls back`, () => {
    const db = dbAt(sr.prev, seed);
    const before = schemaOf(db);
    const want = [rowsOf(db, 'people'), rowsOf(db, 'notes')];
    migrate(db, sr.plan.text);
    assert.deepEqual([rowsOf(db, 'people'), rowsOf(db, 'notes')], want);
    fkClean(db);
    rollsBack(db, sr.plan, before);
    assert.deepEqual([rowsOf(db, 'people'), rowsOf(db, 'notes')], want);
  });
}

// ---- (c) identifiers with a backtick or a quote ---------------------------
{
  const c = await scenario({ s: sqliteTable('settings', { id: id() }) },
    { s: sqliteTable('settings', { id: id(), odd: text('we`ird'), q: text('say "hi"') }) });
  r.check('(c) a backtick in a column name: drizzle-kit\'s SQL does not parse', () => {
    const db = dbAt(c.prev, 'INSERT INTO settings VALUES (1)');
    assert.throws(() => migrate(db, c.theirs), /syntax error|unrecognized token/);
  });
  r.check('(c) a backtick in a column name: drizzle-lsp escapes it, says so, and rolls back', () => {
    const db = dbAt(c.prev, 'INSERT INTO settings VALUES (1)');
    const before = schemaOf(db);
    migrate(db, c.plan.text);
    assert.match(c.plan.text, /ADD `we``ird` text/);
    assert.match(c.plan.text, /-- drizzle-lsp: an identifier is escaped/);
    db.prepare('UPDATE settings SET "we`ird" = ?').run('ok');
    assert.deepEqual(rowsOf(db, 'settings'), [{ id: 1, 'we`ird': 'ok', 'say "hi"': null }]);
    rollsBack(db, c.plan, before);
  });
}

// ---- the other faults -----------------------------------------------------
{
  const users = (extra, cols = {}) => ({ u: sqliteTable('users', { id: id(), email: text('email'), ...cols }, extra) });
  const e = await scenario(users((t) => [index('by_lower').on(sql`lower(${t.email})`)]),
    users((t) => [index('by_lower').on(sql`lower(${t.email})`), check('has_at', sql`${t.email} like '%@%'`)]));
  const seed = "INSERT INTO users VALUES (1, 'a@x'), (2, 'b@y')";
  r.check('expression index after a rebuild: drizzle-kit quotes it as a column and fails', () => {
    const db = dbAt(e.prev, seed);
    assert.throws(() => migrate(db, e.theirs), /no such column/);
  });
  r.check('expression index after a rebuild: drizzle-lsp keeps the expression', () => {
    const db = dbAt(e.prev, seed);
    const before = schemaOf(db);
    migrate(db, e.plan.text);
    assert.deepEqual(rowsOf(db, 'users'), [{ id: 1, email: 'a@x' }, { id: 2, email: 'b@y' }]);
    assert.match(db.prepare("SELECT sql FROM sqlite_master WHERE name='by_lower'").get().sql, /lower\("email"\)/);
    rollsBack(db, e.plan, before);
  });

  const g = await scenario(users(), users(undefined, { up: text('up').generatedAlwaysAs(sql`upper(email)`, { mode: 'stored' }) }));
  r.check('STORED generated column: drizzle-kit writes no SQL, drizzle-lsp rebuilds and computes it', () => {
    assert.equal(g.theirs, '');
    const db = dbAt(g.prev, seed);
    const before = schemaOf(db);
    migrate(db, g.plan.text);
    assert.deepEqual(rowsOf(db, 'users').map((x) => x.up), ['A@X', 'B@Y']);
    rollsBack(db, g.plan, before);
  });

  const fkPrev = { u: sqliteTable('users', { id: id() }), p: sqliteTable('posts', { id: id() }) };
  const fu = sqliteTable('users', { id: id() });
  const f = await scenario(fkPrev, { u: fu, p: sqliteTable('posts', { id: id(), userId: integer('user_id').references(() => fu.id, { onDelete: 'cascade' }) }) });
  r.check('new column with ON DELETE cascade: drizzle-kit drops the action, drizzle-lsp keeps it', () => {
    const db1 = dbAt(f.prev, '');
    migrate(db1, f.theirs);
    assert.equal(db1.prepare("SELECT on_delete FROM pragma_foreign_key_list('posts')").get().on_delete, 'NO ACTION');
    const db = dbAt(f.prev, '');
    const before = schemaOf(db);
    migrate(db, f.plan.text);
    assert.equal(db.prepare("SELECT on_delete FROM pragma_foreign_key_list('posts')").get().on_delete, 'CASCADE');
    rollsBack(db, f.plan, before);
  });
}

// ---- views over tables that change -----------------------------------------
{
  const withView = (nn, dropName) => {
    const users = sqliteTable('users', { id: id(), ...(dropName ? {} : { name: nn ? text('name').notNull() : text('name') }), email: text('email') });
    const out = { users };
    if (!dropName) out.v = sqliteView('user_names').as((qb) => qb.select({ name: users.name }).from(users));
    return out;
  };
  const seed = "INSERT INTO users VALUES (1, 'ann', 'a@x')";
  const rb = await scenario(withView(false), withView(true));
  r.check('a view over a rebuilt table: drizzle-kit\'s rebuild fails on the view', () => {
    assert.throws(() => migrate(dbAt(rb.prev, seed), rb.theirs), /error in view user_names/);
  });
  r.check('a view over a rebuilt table: drizzle-lsp drops it first and creates it again after', () => {
    const db = dbAt(rb.prev, seed);
    const before = schemaOf(db);
    migrate(db, rb.plan.text);
    assert.deepEqual(db.prepare('SELECT * FROM user_names').all(), [{ name: 'ann' }]);
    rollsBack(db, rb.plan, before);
  });
  const dv = await scenario(withView(false), withView(false, true));
  r.check('a view dropped with the column it uses: drizzle-kit drops the column first and fails', () => {
    assert.throws(() => migrate(dbAt(dv.prev, seed), dv.theirs), /error in view user_names|no such column/);
  });
  r.check('a view dropped with the column it uses: drizzle-lsp drops the view first', () => {
    const db = dbAt(dv.prev, seed);
    const before = schemaOf(db);
    migrate(db, dv.plan.text);
    assert.deepEqual(rowsOf(db, 'users'), [{ id: 1, email: 'a@x' }]);
    rollsBack(db, dv.plan, before);
  });
}

// ---- a check on a rebuilt table whose name holds a quote ---------------------
// drizzle-kit re-points a rebuilt table's checks at __new_<t> by replacing
// "t". verbatim; drizzle-orm writes the name escaped ("we""ird"), so the check
// still names the old table and SQLite fails with "no such column".
{
  // Only the table name holds a quote in the first case, so drizzle-kit's text parses.
  const weird = (name, nn) => ({ w: sqliteTable(name, { id: integer(name.includes('`') ? 'i`d' : 'id').primaryKey(),
    space: nn ? text('has space').notNull() : text('has space'), emoji: text('emoji_🎉'), back: text('back\\slash') },
    (t) => [check(name.includes('`') ? 'chk "emoji"' : 'chk emoji', sql`${t.emoji} is not null or ${t.back} is null`)]) });
  for (const name of ['we"ird', 'we`ird ta"ble']) {
    const f = await scenario(weird(name, false), weird(name, true));
    const seed = `INSERT INTO \`${name.replace(/`/g, '``')}\` VALUES (1, 'a', 'x', NULL), (2, 'b', NULL, NULL);`;
    if (!name.includes('`')) {
      r.check(`check on rebuilt ${name}: drizzle-kit's CREATE TABLE __new_ fails with no such column`, () => {
        assert.throws(() => migrate(dbAt(f.prev, seed), f.theirs), /no such column/);
      });
    }
    r.check(`check on rebuilt ${name}: drizzle-lsp re-points the escaped name and keeps the rows`, () => {
      const db = dbAt(f.prev, seed);
      const before = schemaOf(db);
      migrate(db, f.plan.text);
      assert.match(f.plan.text, /-- drizzle-lsp: .*the check names the rebuilt table in its escaped form/);
      assert.deepEqual(rowsOf(db, name).map((x) => [x['i`d'] ?? x.id, x['has space'], x['emoji_🎉']]), [[1, 'a', 'x'], [2, 'b', null]]);
      assert.throws(() => db.prepare(`INSERT INTO \`${name.replace(/`/g, '``')}\` VALUES (3, 'c', NULL, 'z')`).run(), /CHECK constraint failed/);
      fkClean(db);
      rollsBack(db, f.plan, before);
    });
  }
}

// ---- Date defaults -------------------------------------------------------------
// drizzle-kit writes a Date default as its JSON text, '"2024-01-01T00:00:00.000Z"',
// whatever the column. drizzle-orm stores a Date in an integer timestamp
// column as unix seconds (mode "timestamp") or milliseconds ("timestamp_ms"),
// and reads the text back as an Invalid Date: existing rows that get the
// column through ADD COLUMN, and rows inserted by plain SQL, are broken.
// The migrations are applied by drizzle-orm's own migrate() here.
{
  const when = new Date('2024-01-01T00:00:00Z');
  const { drizzle } = await import('drizzle-orm/better-sqlite3');
  const { migrate: ormMigrate } = await import('drizzle-orm/better-sqlite3/migrator');
  let folderNo = 0;
  // A migrations folder of these .sql texts, applied by drizzle-orm's migrate().
  const applyOrm = (db, texts) => {
    const folder = path.join(dir, `orm${folderNo++}`);
    fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
    const entries = texts.map((text, idx) => {
      const tag = `000${idx}_step`;
      fs.writeFileSync(path.join(folder, `${tag}.sql`), text);
      return { idx, version: '6', when: 1700000000000 + idx, tag, breakpoints: true };
    });
    fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries }));
    ormMigrate(drizzle(db), { migrationsFolder: folder });
  };
  const cols = (extra) => ({ e: sqliteTable('events', { id: id(), name: text('name'), ...extra }) });
  const dated = {
    at: integer('at', { mode: 'timestamp' }).notNull().default(when),
    atMs: integer('at_ms', { mode: 'timestamp_ms' }).notNull().default(when),
    doc: text('doc', { mode: 'json' }).default(when),
  };
  const modes = ['--mode', 'events.at=timestamp', '--mode', 'events.at_ms=timestamp_ms', '--mode', 'events.doc=json'];
  const table = cols(dated).e;
  // The rows as drizzle-orm reads them: a seeded row that got the columns by
  // ADD COLUMN, and one inserted later by plain SQL.
  const readBack = (db) => {
    db.exec("INSERT INTO events(id, name) VALUES (3, 'raw')");
    return drizzle(db).select().from(table).orderBy(table.id).all();
  };
  const datesRight = (rows) => {
    for (const row of rows) {
      assert.equal(row.at.getTime(), when.getTime(), `row ${row.id}: at is ${row.at}`);
      assert.equal(row.atMs.getTime(), when.getTime(), `row ${row.id}: at_ms is ${row.atMs}`);
      assert.equal(row.doc, when.toISOString(), `row ${row.id}: doc`);
    }
  };
  const seed = "INSERT INTO events(id, name) VALUES (1, 'a'), (2, 'b')";
  const dbFor = (plan, text) => {
    const db = new Database(':memory:');
    applyOrm(db, [plan]);
    db.exec(seed);
    applyOrm(db, [plan, text]);
    return db;
  };
  const add = await scenario(cols({}), cols(dated), undefined, { extra: modes });
  const base = ours(dir, null, add.prev, 'sqlite').text;
  r.check('Date defaults added to a table with rows: drizzle-kit\'s SQL reads back as Invalid Date', () => {
    assert.match(add.theirs, /DEFAULT '"2024-01-01T00:00:00.000Z"' NOT NULL/);
    const rows = readBack(dbFor(base, add.theirs));
    assert.equal(rows.length, 3);
    assert.ok(rows.every((x) => Number.isNaN(x.at.getTime()) && Number.isNaN(x.atMs.getTime())), 'the fault did not reproduce');
    assert.throws(() => datesRight(rows));
  });
  r.check('Date defaults added to a table with rows: drizzle-lsp writes the seconds and milliseconds drizzle-orm stores', () => {
    assert.match(add.plan.text, /ADD `at` integer DEFAULT 1704067200 NOT NULL/);
    assert.match(add.plan.text, /ADD `at_ms` integer DEFAULT 1704067200000 NOT NULL/);
    assert.match(add.plan.text, /ADD `doc` text DEFAULT '"2024-01-01T00:00:00.000Z"';/, 'a JSON text column keeps drizzle-kit\'s default');
    assert.match(add.plan.text, /-- drizzle-lsp: the Date default of `at` is written as 1704067200/);
    const db = dbFor(base, add.plan.text);
    datesRight(readBack(db));
    // drizzle-orm's own insert stores the same integers.
    drizzle(db).insert(table).values({ id: 4, name: 'orm' }).run();
    assert.deepEqual(db.prepare('SELECT at, at_ms FROM events WHERE id IN (3, 4) ORDER BY id').all(),
      [{ at: 1704067200, at_ms: 1704067200000 }, { at: 1704067200, at_ms: 1704067200000 }]);
    const back = new Database(':memory:');
    migrate(back, base);
    const before = schemaOf(back);
    migrate(back, add.plan.text);
    rollsBack(back, add.plan, before);
  });

  // A rebuild (a new check) of a table that has them: the new table's CREATE.
  const withCheck = { e: sqliteTable('events', { id: id(), name: text('name'), ...dated }, (t) => [check('named', sql`${t.name} <> ''`)]) };
  const rb = await scenario(cols(dated), withCheck, undefined, { extra: modes });
  r.check('Date defaults in a rebuilt table: drizzle-kit\'s CREATE TABLE has the JSON text, plain inserts read back as Invalid Date', () => {
    const db = dbAt(rb.prev, "INSERT INTO events(id, name, at, at_ms) VALUES (1, 'a', 10, 20)");
    migrate(db, rb.theirs);
    db.exec("INSERT INTO events(id, name) VALUES (3, 'raw')");
    const row = drizzle(db).select().from(table).all().find((x) => x.id === 3);
    assert.ok(Number.isNaN(row.at.getTime()), 'the fault did not reproduce');
  });
  r.check('Date defaults in a rebuilt table: drizzle-lsp\'s rebuild keeps the rows and stores the integers; its rollback uses the column\'s mode', () => {
    const db = new Database(':memory:');
    migrate(db, ours(dir, null, rb.prev, 'sqlite', {}, modes).text);
    db.exec("INSERT INTO events(id, name, at, at_ms) VALUES (1, 'a', 10, 20)");
    const before = schemaOf(db);
    migrate(db, rb.plan.text);
    assert.match(rb.plan.text, /CREATE TABLE `__new_events`[^;]*`at_ms` integer DEFAULT 1704067200000 NOT NULL/);
    db.exec("INSERT INTO events(id, name) VALUES (3, 'raw')");
    assert.deepEqual(db.prepare('SELECT id, at, at_ms FROM events ORDER BY id').all(),
      [{ id: 1, at: 10, at_ms: 20 }, { id: 3, at: 1704067200, at_ms: 1704067200000 }]);
    // The rollback rebuilds the old table from the old snapshot: the modes come from the code's columns.
    assert.match(rb.plan.rollback_text, /`at_ms` integer DEFAULT 1704067200000 NOT NULL/);
    assert.doesNotMatch(rb.plan.rollback_text, /assumed/);
    rollsBack(db, rb.plan, before);
    db.exec("INSERT INTO events(id, name) VALUES (5, 'raw')");
    assert.deepEqual(db.prepare('SELECT at, at_ms FROM events WHERE id = 5').get(), { at: 1704067200, at_ms: 1704067200000 });
  });

  // A dropped Date column comes back in the rollback: its mode is gone with
  // it, so seconds are assumed, and the rollback says so.
  const drop = await scenario({ e: sqliteTable('events', { id: id(), at: dated.at }) }, cols({}));
  r.check('a dropped Date-default column: drizzle-lsp\'s rollback re-adds it with the seconds, saying the mode is assumed', () => {
    const db = dbAt(drop.prev, 'INSERT INTO events(id) VALUES (1)');
    const before = schemaOf(db);
    migrate(db, drop.plan.text);
    assert.match(drop.plan.rollback_text, /-- drizzle-lsp: the Date default of `at` .*assumed: the snapshot does not keep the column's mode/);
    rollsBack(db, drop.plan, before);
    db.exec('INSERT INTO events(id) VALUES (2)');
    assert.deepEqual(db.prepare('SELECT id, at FROM events ORDER BY id').all(), [{ id: 1, at: 1704067200 }, { id: 2, at: 1704067200 }]);
  });
}

// ---- Turso: libSQL's ALTER COLUMN next to a new index ------------------------
// drizzle-kit wraps a libSQL ALTER COLUMN in DROP INDEX / CREATE INDEX for
// every index of the schema, including one this migration only creates later.
const { createClient } = createRequire(import.meta.url)('@libsql/client');
let tursoNo = 0;
// A libSQL database (@libsql/client on a file) at snapshot snap, seeded.
async function tursoAt(snap, seed) {
  const c = createClient({ url: 'file:' + path.join(dir, `turso${tursoNo++}.db`) });
  await c.batch(ours(dir, null, snap, 'turso').forward.map((x) => x.sql), 'write');
  for (const q of seed) await c.execute(q);
  return c;
}
// drizzle-orm's libSQL migrator hands a migration's statements to the
// client's migrate(): foreign keys off, one transaction.
const split = (text) => text.split('--> statement-breakpoint').filter((x) => x.trim());
const shape = async (c) => (await c.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")).rows
  .map((x) => `${x.type} ${x.name} ${String(x.sql).replace(/[`"]/g, '').replace(/^CREATE TABLE \S+/, 'CREATE TABLE').replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1')}`);
{
  const users = (next) => ({ u: sqliteTable('users', { id: id(), name: next ? text('name').notNull() : text('name'),
    ...(next ? { email: text('email').unique() } : {}) }, (t) => [index('users_name').on(t.name)]) });
  const prev = await dk.snapshot(users(false));
  const next = await dk.snapshot(users(true), prev.id);
  const theirs = (await dk.migration(prev, next, 'turso')).statements;
  const plan = ours(dir, prev, next, 'turso');
  const libsqlAt = () => tursoAt(prev, ["INSERT INTO users VALUES (1, 'ann')"]);
  await r.checkAsync('Turso ALTER COLUMN next to a new unique column: drizzle-kit drops an index that does not exist', async () => {
    const c = await libsqlAt();
    await assert.rejects(c.batch(theirs, 'write'), /no such index/);
    c.close();
  });
  await r.checkAsync('Turso ALTER COLUMN next to a new unique column: drizzle-lsp\'s migration applies on libSQL and rolls back', async () => {
    const c = await libsqlAt();
    const before = await shape(c);
    await c.migrate(split(plan.text));
    assert.deepEqual((await c.execute('SELECT id, name, email FROM users')).rows.map((x) => [x.id, x.name, x.email]), [[1, 'ann', null]]);
    assert.ok((await c.execute("SELECT name FROM sqlite_master WHERE name = 'users_email_unique'")).rows.length === 1);
    await c.migrate(split(plan.rollback_text));
    assert.deepEqual(await shape(c), before);
    c.close();
  });
}

// ---- Turso: a column's default changed by libSQL's ALTER COLUMN --------------
// SQLite's ADD COLUMN writes nothing into existing rows: they read the column's
// default from the table's text. libSQL's ALTER COLUMN ... TO rewrites only
// that text, so drizzle-kit's ALTER COLUMN for a changed or dropped default
// silently changes those rows (to the new default, or NULL even in a NOT NULL
// column). drizzle-lsp stores the values first (UPDATE t SET c = c). drizzle-kit
// also leaves a default of 0 or false out of the ALTER COLUMN (the database
// loses it, with the same effect on old rows); drizzle-lsp keeps it.
{
  const q = (name) => '`' + name.replace(/`/g, '``') + '`';
  const stores = /-- drizzle-lsp: stores every row's value of the column before its default changes/;
  const keeps = /keeps the column's DEFAULT 0 \(drizzle-kit leaves a default of 0 or false out/;
  // [label, table, column, the column when added, the column after (p: a table it
  // may reference), drizzle-lsp's fix: 'stores' (adds the UPDATE), 'keeps' (keeps
  // the default in the ALTER COLUMN), null (drizzle-kit's SQL keeps the values)]
  const cases = [
    ['default changed', 't', 'c', (n) => integer(n).default(5), (n) => integer(n).default(7), 'stores'],
    ['default dropped', 't', 'c', (n) => text(n).default('x'), (n) => text(n), 'stores'],
    ['NOT NULL default dropped', 't', 'c', (n) => integer(n).notNull().default(5), (n) => integer(n).notNull(), 'stores'],
    ['default set where there was none', 't', 'c', (n) => integer(n), (n) => integer(n).default(7), 'stores'],
    ['default changed with NOT NULL', 't', 'c', (n) => integer(n).default(5), (n) => integer(n).notNull().default(7), 'stores'],
    ['default changed with the type', 't', 'c', (n) => integer(n).default(5), (n) => text(n).default('x'), 'stores'],
    ['default changed, hostile names', 'we"ird`t', 'c"o`l', (n) => text(n).default('a'), (n) => text(n).default('b'), 'stores'],
    ['NOT NULL set next to a default of 0', 't', 'c', (n) => integer(n).default(0), (n) => integer(n).notNull().default(0), 'keeps'],
    // A new reference is an ALTER COLUMN too.
    ['reference added next to a default of 0', 't', 'c', (n) => integer(n).default(0), (n, p) => integer(n).default(0).references(() => p.id), 'keeps'],
    // Same default written: the rows read what they read before.
    ['NOT NULL set, same default', 't', 'c', (n) => integer(n).default(5), (n) => integer(n).notNull().default(5), null],
    ['type changed, same default', 't', 'c', (n) => integer(n).default(5), (n) => real(n).default(5), null],
  ];
  for (const [label, tname, cname, before, after, fix] of cases) {
    const table = (col) => {
      const p = sqliteTable('p', { id: id() });
      return { p, t: sqliteTable(tname, { id: id(), ...(col ? { c: col(cname, p) } : {}) }) };
    };
    const s0 = await dk.snapshot(table(null));
    const s1 = await dk.snapshot(table(before), s0.id);
    const sc = await scenario(null, table(after), undefined, { dialect: 'turso', prevSnap: s1 });
    // Rows 1 and 2 predate the column; row 3 is inserted after it, with its
    // default. p's row 0 is there for a default of 0 that references it
    // (libSQL's client enforces foreign keys).
    const setup = async () => {
      const c = await tursoAt(s0, ['INSERT INTO p(id) VALUES (0)', `INSERT INTO ${q(tname)}(id) VALUES (1), (2)`]);
      await c.migrate(split(ours(dir, s0, s1, 'turso').text));
      await c.execute(`INSERT INTO ${q(tname)}(id) VALUES (3)`);
      return c;
    };
    const values = async (c) => (await c.execute(`SELECT id, ${q(cname)} AS v FROM ${q(tname)} ORDER BY id`)).rows.map((x) => [x.id, x.v]);
    // The value a row inserted without the column gets (an error's message if refused).
    const fresh = async (c) => {
      try {
        await c.execute(`INSERT INTO ${q(tname)}(id) VALUES (9)`);
      } catch (e) {
        return e.message;
      }
      const v = (await values(c)).find((x) => x[0] === 9)[1];
      await c.execute(`DELETE FROM ${q(tname)} WHERE id = 9`);
      return v;
    };
    const marked = sc.plan.forward.filter((x) => x.deviation);
    const hostile = /[`"]/.test(tname + cname);
    if (hostile) {
      await r.checkAsync(`Turso ${label}: drizzle-kit's ALTER COLUMN does not parse`, async () => {
        const c = await setup();
        await assert.rejects(c.migrate(sc.statements), /syntax error/);
        c.close();
      });
    } else if (fix) {
      await r.checkAsync(`Turso ${label}: drizzle-kit's ALTER COLUMN changes the rows that predate the column`, async () => {
        const c = await setup();
        const was = await values(c);
        await c.migrate(sc.statements);
        const now = await values(c);
        assert.notDeepEqual(now.slice(0, 2), was.slice(0, 2), 'the old rows kept their values');
        assert.deepEqual(now[2], was[2], 'the stored row changed');
        if (fix === 'keeps') assert.notEqual(await fresh(c), 0, 'the database kept DEFAULT 0');
        c.close();
      });
    }
    await r.checkAsync(`Turso ${label}: drizzle-lsp keeps every value on libSQL and rolls back`, async () => {
      const c = await setup();
      const was = await values(c), shapeBefore = await shape(c);
      await c.migrate(split(sc.plan.text));
      assert.deepEqual(await values(c), was);
      if (!hostile && fix !== 'keeps') {
        const kit = await setup();
        await kit.migrate(sc.statements);
        assert.deepEqual(await shape(c), await shape(kit), 'the schema differs from drizzle-kit\'s');
        kit.close();
        // Only the marked UPDATE is added to drizzle-kit's statements.
        const plain = sc.plan.forward.filter((x) => !x.deviation).map((x) => x.sql.trim());
        assert.deepEqual(plain, sc.statements.map((x) => x.trim()));
      }
      if (fix === 'stores') {
        const dq = '"' + cname.replace(/"/g, '""') + '"';
        assert.match(sc.plan.text, stores);
        assert.equal(sc.plan.forward.length, sc.statements.length + 1);
        assert.equal(marked[0].sql, `UPDATE ${q(tname)} SET ${dq} = ${dq};`);
      } else if (fix === 'keeps') {
        // drizzle-kit's one statement, with the default it left out.
        assert.equal(marked.length, 1);
        assert.match(marked[0].deviation, keeps);
        assert.deepEqual(sc.plan.forward.map((x) => x.sql.replace(' DEFAULT 0', '')), sc.statements);
        assert.equal(await fresh(c), 0);
      } else {
        assert.deepEqual(marked, []);
      }
      await c.migrate(split(sc.plan.rollback_text));
      assert.deepEqual(await shape(c), shapeBefore);
      assert.deepEqual(await values(c), was);
      // The old default is back for new rows too.
      assert.equal(await fresh(c), was[2][1]);
      c.close();
    });
  }
}

// The same with the table and the column renamed in that migration: the
// UPDATE runs after the renames, under the new names.
{
  const s0 = await dk.snapshot({ t: sqliteTable('t', { id: id() }) });
  const s1 = await dk.snapshot({ t: sqliteTable('t', { id: id(), c: integer('c').default(5) }) }, s0.id);
  const ren = { tables: [['t', 't2']], columns: [['t2', 'c', 'c2']] };
  const sc = await scenario(null, { t: sqliteTable('t2', { id: id(), c2: integer('c2').default(7) }) }, ren, { dialect: 'turso', prevSnap: s1 });
  await r.checkAsync('Turso default changed in a renamed table and column: drizzle-lsp keeps every value and rolls back', async () => {
    const c = await tursoAt(s0, ['INSERT INTO t(id) VALUES (1), (2)']);
    await c.migrate(split(ours(dir, s0, s1, 'turso').text));
    const before = await shape(c);
    await c.migrate(split(sc.plan.text));
    assert.match(sc.plan.text, /UPDATE `t2` SET "c2" = "c2";/);
    assert.deepEqual((await c.execute('SELECT id, c2 FROM t2 ORDER BY id')).rows.map((x) => [x.id, x.c2]), [[1, 5], [2, 5]]);
    await c.migrate(split(sc.plan.rollback_text));
    assert.deepEqual(await shape(c), before);
    assert.deepEqual((await c.execute('SELECT id, c FROM t ORDER BY id')).rows.map((x) => [x.id, x.c]), [[1, 5], [2, 5]]);
    c.close();
  });
}

r.done();
