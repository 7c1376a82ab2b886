// random_steps.test.mjs — a differential test: random schemas and random
// edits of them (seeded, so a failure reproduces), drizzle-kit's statements
// against drizzle-lsp's for both dialects. With no marked correction the two
// lists must be identical; with corrections, every unmarked statement must
// be drizzle-kit's, in drizzle-kit's order. Each SQLite migration is then
// applied to a seeded database at the old schema (in the migrator's
// transaction, foreign keys on): every kept column keeps its values and
// foreign_key_check stays clean; the rollback brings the old schema back. DZ_RANDOM_SEED and
// DZ_RANDOM_N override the seed and the number of cases.
import assert from 'node:assert/strict';
import { sqliteTable, integer, text, real, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as dk from './drizzle_kit.mjs';
import { scratch, ours, reporter, migrate, schemaOf, rowsOf, Database } from './harness.mjs';

const dir = scratch('random_steps');
const r = reporter();
let seed = Number(process.env.DZ_RANDOM_SEED || 20260501);
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;

const TYPES = ['integer', 'text', 'real'];
const DEFAULTS = { integer: [undefined, 0, 7], text: [undefined, 'x', "it's"], real: [undefined, 1.5] };

function randomColumn(name) {
  const type = pick(TYPES);
  return { name, type, notNull: chance(0.3), def: pick(DEFAULTS[type]) };
}

function randomSchema() {
  const tables = [];
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const cols = [];
    for (let j = 0; j < 1 + Math.floor(rand() * 4); j++) cols.push(randomColumn(`c${j}`));
    tables.push({ name: `t${i}`, cols, indexes: [], fks: [], checks: [] });
  }
  for (const t of tables) mutateExtras(t, tables, 0.4);
  return tables;
}

function mutateExtras(t, tables, p) {
  if (t.cols.length && chance(p)) {
    const c = pick(t.cols).name;
    if (!t.indexes.some((x) => x.name === `${t.name}_${c}_idx`)) t.indexes.push({ name: `${t.name}_${c}_idx`, cols: [c], unique: chance(0.3) });
  }
  const intCols = t.cols.filter((c) => c.type === 'integer');
  if (intCols.length && chance(p)) {
    const c = pick(intCols).name;
    if (!t.fks.some((f) => f.col === c)) t.fks.push({ col: c, to: pick(tables).name, onDelete: pick(['cascade', 'set null', 'no action']) });
  }
  if (intCols.length && chance(p / 3) && !t.checks.length) t.checks.push({ name: `${t.name}_chk`, col: intCols[0].name });
}

function mutate(schema) {
  const s = structuredClone(schema);
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const t = pick(s);
    const what = pick(['addCol', 'dropCol', 'notNull', 'type', 'default', 'index', 'dropIndex', 'fk', 'onDelete', 'dropFk', 'table', 'dropTable', 'check']);
    const col = t.cols.length ? pick(t.cols) : null;
    const used = (c) => t.indexes.some((i) => i.cols.includes(c)) || t.fks.some((f) => f.col === c) || t.checks.some((k) => k.col === c);
    if (what === 'addCol') t.cols.push(randomColumn(`n${Math.floor(rand() * 1000)}`));
    if (what === 'dropCol' && col && !used(col.name)) t.cols = t.cols.filter((c) => c !== col);
    if (what === 'notNull' && col) col.notNull = !col.notNull;
    if (what === 'type' && col && !used(col.name)) { col.type = pick(TYPES); col.def = pick(DEFAULTS[col.type]); }
    if (what === 'default' && col) col.def = pick(DEFAULTS[col.type]);
    if (what === 'index' || what === 'fk' || what === 'check') mutateExtras(t, s, 1);
    if (what === 'dropIndex') t.indexes.pop();
    if (what === 'onDelete' && t.fks.length) pick(t.fks).onDelete = pick(['cascade', 'set null', 'restrict']);
    if (what === 'dropFk') t.fks.pop();
    if (what === 'table') s.push({ name: `t${s.length + Math.floor(rand() * 50)}`, cols: [randomColumn('c0')], indexes: [], fks: [], checks: [] });
    if (what === 'dropTable' && s.length > 1 && !s.some((o) => o.fks.some((f) => f.to === t.name))) s.splice(s.indexOf(t), 1);
  }
  for (const t of s) t.fks = t.fks.filter((f) => s.some((o) => o.name === f.to) && t.cols.some((c) => c.name === f.col));
  return s;
}

function build(schema) {
  const out = {};
  const made = {};
  for (const t of schema) {
    const cols = { id: integer('id').primaryKey() };
    for (const c of t.cols) {
      let b = c.type === 'integer' ? integer(c.name) : c.type === 'real' ? real(c.name) : text(c.name);
      if (c.notNull) b = b.notNull();
      if (c.def !== undefined) b = b.default(c.def);
      const fk = t.fks.find((f) => f.col === c.name);
      if (fk) b = b.references(() => made[fk.to].id, { onDelete: fk.onDelete });
      cols[c.name] = b;
    }
    made[t.name] = sqliteTable(t.name, cols, (x) => [
      ...t.indexes.filter((i) => i.cols.every((c) => x[c])).map((i) => (i.unique ? uniqueIndex(i.name) : index(i.name)).on(...i.cols.map((c) => x[c]))),
      ...t.checks.filter((k) => x[k.col]).map((k) => check(k.name, sql`${x[k.col]} >= 0`)),
    ]);
    out[t.name] = made[t.name];
  }
  return out;
}

// Three rows a table, every value non-negative and distinct within its
// column (so checks and unique indexes hold) and every reference pointing
// at an id that exists.
function seedRows(db, schema) {
  db.exec('PRAGMA foreign_keys=OFF');
  for (const t of schema)
    for (let id = 1; id <= 3; id++) {
      const vals = t.cols.map((c) => (c.type === 'text' ? `'v${id}'` : c.type === 'real' ? id + 0.5 : id));
      db.exec(`INSERT INTO ${t.name} (id${t.cols.map((c) => `, ${c.name}`).join('')}) VALUES (${[id, ...vals].join(', ')})`);
    }
  db.exec('PRAGMA foreign_keys=ON');
}

// [table, columns] whose values must come through: tables in both schemas,
// columns in both with the same type.
function survivors(a, b) {
  const out = [];
  for (const t of a) {
    const n = b.find((x) => x.name === t.name);
    if (!n) continue;
    const cols = ['id', ...t.cols.filter((c) => n.cols.some((d) => d.name === c.name && d.type === c.type)).map((c) => c.name)];
    out.push([t.name, cols]);
  }
  return out;
}

// The errors a correct migration of the seeded rows may still raise: a new
// NOT NULL column without default (SQLite refuses ADD COLUMN, drizzle-lsp's
// rebuild refuses to invent values), a new reference from filled rows to a
// new, empty table, a new unique index over a new column's one default.
function legitimateFailures(a, b) {
  const out = [];
  for (const n of b) {
    const o = a.find((t) => t.name === n.name);
    if (!o) continue;
    const isNew = (name) => !o.cols.some((c) => c.name === name && c.type === n.cols.find((d) => d.name === name)?.type);
    if (n.cols.some((c) => isNew(c.name) && c.notNull && c.def === undefined))
      out.push(/NOT NULL constraint failed|Cannot add a NOT NULL column with default value NULL/);
    if (n.fks.some((f) => !a.some((t) => t.name === f.to) && o.cols.some((c) => c.name === f.col)))
      out.push(/FOREIGN KEY constraint failed/);
    if (n.indexes.some((i) => i.unique && i.cols.some(isNew))) out.push(/UNIQUE constraint failed/);
  }
  return out;
}

const { createClient } = createRequire(import.meta.url)('@libsql/client');
const split = (text) => text.split('--> statement-breakpoint').filter((x) => x.trim());

// The same on libSQL, through the client's migrate() as drizzle-orm's libSQL
// migrator uses it (foreign keys off, one transaction).
async function tursoKeepsData(i, a, b, prev, next) {
  const url = 'file:' + path.join(dir, `turso${i}.db`);
  let c = createClient({ url });
  try {
    await c.migrate(split(ours(dir, null, prev, 'turso').text));
    const rows = [];
    for (const t of a)
      for (let id = 1; id <= 3; id++)
        rows.push(`INSERT INTO ${t.name} (id${t.cols.map((x) => `, ${x.name}`).join('')}) VALUES (${[id, ...t.cols.map((x) => (x.type === 'text' ? `'v${id}'` : x.type === 'real' ? id + 0.5 : id))].join(', ')})`);
    await c.migrate(rows); /* foreign keys off while seeding, as seedRows does */
    const kept = survivors(a, b);
    const read = async () => Promise.all(kept.map(async ([t, cols]) => (await c.execute(`SELECT * FROM ${t} ORDER BY rowid`)).rows.map((row) => cols.map((x) => row[x]))));
    // A connection keeps SELECT * column names from before an ALTER TABLE:
    // read the result through a new one.
    const reopen = () => { c.close(); c = createClient({ url }); };
    const want = await read();
    const plan = ours(dir, prev, next, 'turso');
    try {
      await c.migrate(split(plan.text));
    } catch (e) {
      assert.ok(legitimateFailures(a, b).some((re) => re.test(e.message)), e.message);
      return;
    }
    reopen();
    assert.deepEqual(await read(), want);
    // With foreign keys off, a new reference to a new, empty table leaves
    // orphans instead of failing; anything else must check clean.
    if (!legitimateFailures(a, b).some((re) => re.test('FOREIGN KEY constraint failed')))
      assert.deepEqual((await c.execute('PRAGMA foreign_key_check')).rows.length, 0);
  } finally {
    c.close();
  }
}

const N = Number(process.env.DZ_RANDOM_N || 80);
for (let i = 0; i < N; i++) {
  const caseSeed = seed;
  const a = randomSchema();
  const b = mutate(a);
  const prev = await dk.snapshot(build(a));
  const next = await dk.snapshot(build(b), prev.id);
  for (const dialect of ['sqlite', 'turso']) {
    const theirs = (await dk.migration(prev, next, dialect)).statements;
    r.check(`case ${i} (seed ${caseSeed}) ${dialect}: drizzle-kit's statements, or marked corrections`, () => {
      const plan = ours(dir, prev, next, dialect);
      assert.equal(plan.error, undefined, plan.message);
      const marked = plan.forward.filter((s) => s.deviation);
      if (!marked.length) {
        assert.deepEqual(plan.forward.map((s) => s.sql), theirs);
        return;
      }
      let j = 0;
      for (const s of plan.forward.filter((x) => !x.deviation)) {
        while (j < theirs.length && theirs[j] !== s.sql) j++;
        assert.ok(j < theirs.length, `not drizzle-kit's (or out of order): ${s.sql}\n--- drizzle-kit:\n${theirs.join('\n')}\n--- ours:\n${plan.text}`);
        j++;
      }
    });
  }
  r.check(`case ${i} (seed ${caseSeed}) sqlite: keeps the data, applies and rolls back to the same schema`, () => {
    const db = new Database(':memory:');
    migrate(db, ours(dir, null, prev, 'sqlite').text);
    const before = schemaOf(db);
    seedRows(db, a);
    const kept = survivors(a, b);
    const want = kept.map(([t, cols]) => rowsOf(db, t).map((row) => cols.map((c) => row[c])));
    const plan = ours(dir, prev, next, 'sqlite');
    try {
      migrate(db, plan.text);
    } catch (e) {
      // Only failures the data makes unavoidable (see legitimateFailures).
      assert.ok(legitimateFailures(a, b).some((re) => re.test(e.message)), e.message);
      return;
    }
    assert.deepEqual(kept.map(([t, cols]) => rowsOf(db, t).map((row) => cols.map((c) => row[c]))), want);
    assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
    db.exec('PRAGMA foreign_keys=OFF');
    for (const t of b) db.exec(`DELETE FROM ${t.name}`);
    db.exec('PRAGMA foreign_keys=ON');
    migrate(db, plan.rollback_text);
    assert.deepEqual(schemaOf(db), before);
  });
  await r.checkAsync(`case ${i} (seed ${caseSeed}) turso: keeps the data on libSQL`, () => tursoKeepsData(i, a, b, prev, next));
}
r.done();
