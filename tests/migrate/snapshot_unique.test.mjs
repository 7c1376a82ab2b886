// snapshot_unique.test.mjs — a unique constraint recorded in a snapshot's
// "uniqueConstraints" (older drizzle-kit versions wrote SQLite unique() there;
// 0.31 records it as a unique index and leaves uniqueConstraints empty).
//
// What drizzle-kit 0.31.11 does, and so what drizzle-lsp must do: its SQLite
// and libSQL differs compute added and deleted unique constraints but never
// put them in the statement list (only the always-empty "altered" list goes
// in), so such a change writes no SQL and rebuilds nothing, even though the
// SQLite combiner names create/delete_unique_constraint as rebuild causes.
// Moving a constraint to a unique index writes only CREATE UNIQUE INDEX; the
// database keeps the old constraint too. A rebuild for another reason writes
// the table without it (drizzle-kit's recreate leaves unique constraints out).
//
// Checked here against the real drizzle-kit on sqlite and turso: our
// statements equal its statements, and applying ours to a seeded database
// (better-sqlite3 and libSQL, drizzle-orm migrator style) keeps every row.
import assert from 'node:assert/strict';
import { sqliteTable, integer, text, unique, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as dk from './drizzle_kit.mjs';
import { scratch, ours, migrate, schemaOf, rowsOf, reporter, Database } from './harness.mjs';

const dir = scratch('snapshot_unique');
const r = reporter();

const NAME = 't_a_b_unique';
const table = (withCheck) => ({
  t: sqliteTable('t', { id: integer('id').primaryKey(), a: text('a'), b: text('b') }, (t) => [
    unique(NAME).on(t.a, t.b),
    ...(withCheck ? [check('t_a_set', sql`${t.a} IS NOT NULL`)] : []),
  ]),
});

// drizzle-kit's snapshot of the table, and the same snapshot as an older
// drizzle-kit recorded it: the unique index as a unique constraint.
async function snapshots(withCheck) {
  const cur = await dk.snapshot(table(withCheck));
  const old = structuredClone(cur);
  old.id = '6f0cf3a4-0000-4000-8000-000000000001';
  old.tables.t.indexes = {};
  old.tables.t.uniqueConstraints = { [NAME]: { name: NAME, columns: ['a', 'b'] } };
  cur.prevId = old.id;
  return { old, cur };
}

const split = (text) => text.split('--> statement-breakpoint').filter((x) => x.trim());
const SEED = "INSERT INTO t VALUES (1, 'x', 'y'), (2, 'x', NULL), (3, 'z', 'y')";

function seeded(snap) {
  const db = new Database(':memory:');
  migrate(db, ours(dir, null, snap, 'sqlite').text);
  db.exec(SEED);
  return db;
}

const hasConstraint = (db) => /CONSTRAINT\s+\S*t_a_b_unique\S*\s+UNIQUE/i.test(schemaOf(db)['table:t'].sql);
const hasIndex = (db) => /^CREATE UNIQUE INDEX ON t\(a,b\)$/.test(schemaOf(db)[`index:${NAME}`]?.sql || '');

const { old, cur } = await snapshots(false);
for (const dialect of ['sqlite', 'turso']) {
  for (const [what, prev, next] of [['dropped (it becomes a unique index)', old, cur],
    ['created (the unique index becomes one)', cur, old]]) {
    await r.checkAsync(`${dialect}: a snapshot unique constraint ${what}: our statements are drizzle-kit's`, async () => {
      const theirs = (await dk.migration(prev, next, dialect)).statements;
      const plan = ours(dir, prev, next, dialect);
      assert.equal(plan.error, undefined, plan.message);
      assert.deepEqual(plan.forward.map((s) => s.sql), theirs);
      assert.ok(!theirs.some((s) => /CREATE TABLE|INSERT INTO/.test(s)), 'drizzle-kit rebuilt the table');
    });
  }
}

r.check('sqlite: constraint -> unique index applied to a seeded database keeps every row, adds the index', () => {
  const db = seeded(old);
  assert.ok(hasConstraint(db), 'the old snapshot\'s CREATE TABLE has no constraint');
  const rows = rowsOf(db, 't');
  migrate(db, ours(dir, old, cur, 'sqlite').text);
  assert.deepEqual(rowsOf(db, 't'), rows);
  assert.ok(hasIndex(db), 'no unique index');
  // Neither drizzle-kit's migration nor ours removes the constraint.
  assert.ok(hasConstraint(db), 'the constraint is gone');
  assert.throws(() => db.exec("INSERT INTO t VALUES (4, 'x', 'y')"), /UNIQUE/);
});

// A rebuild for another reason (a new check) in the same migration: drizzle-kit
// writes the table without the constraint, then the unique index.
const withCheck = await snapshots(true);
for (const dialect of ['sqlite', 'turso']) {
  await r.checkAsync(`${dialect}: a rebuild that also moves a constraint to an index: our statements are drizzle-kit's`, async () => {
    const theirs = (await dk.migration(old, withCheck.cur, dialect)).statements;
    const plan = ours(dir, old, withCheck.cur, dialect);
    assert.equal(plan.error, undefined, plan.message);
    assert.deepEqual(plan.forward.map((s) => s.sql), theirs);
    assert.ok(theirs.some((s) => s.startsWith('CREATE TABLE `__new_t`')), 'drizzle-kit did not rebuild');
    assert.ok(!theirs.some((s) => /CONSTRAINT\s+\S*t_a_b_unique/.test(s)), 'the rebuilt table keeps the constraint');
  });
}

r.check('sqlite: that rebuild applied to a seeded database keeps every row and yields the new schema', () => {
  const db = seeded(old);
  const rows = rowsOf(db, 't');
  migrate(db, ours(dir, old, withCheck.cur, 'sqlite').text);
  assert.deepEqual(rowsOf(db, 't'), rows);
  assert.ok(hasIndex(db), 'no unique index');
  assert.ok(!hasConstraint(db), 'the constraint survived the rebuild');
  const fresh = new Database(':memory:');
  migrate(fresh, ours(dir, null, withCheck.cur, 'sqlite').text);
  assert.deepEqual(schemaOf(db), schemaOf(fresh));
});

// The same on libSQL (@libsql/client on a file), each migration through the
// client's migrate() as drizzle-orm's libSQL migrator does.
const { createClient } = createRequire(import.meta.url)('@libsql/client');
await r.checkAsync('turso: that rebuild applied on libSQL keeps every row and drops the constraint', async () => {
  const c = createClient({ url: 'file:' + path.join(dir, 'turso.db') });
  try {
    await c.migrate(split(ours(dir, null, old, 'turso').text));
    await c.execute(SEED);
    const rows = async () => (await c.execute('SELECT id, a, b FROM t ORDER BY id')).rows.map((x) => [x.id, x.a, x.b]);
    const before = await rows();
    await c.migrate(split(ours(dir, old, withCheck.cur, 'turso').text));
    assert.deepEqual(await rows(), before);
    const t = (await c.execute("SELECT sql FROM sqlite_master WHERE name = 't'")).rows[0].sql;
    assert.ok(!/t_a_b_unique/.test(t), t);
    assert.equal((await c.execute(`SELECT count(*) AS n FROM sqlite_master WHERE name = '${NAME}'`)).rows[0].n, 1);
  } finally {
    c.close();
  }
});

r.done();
