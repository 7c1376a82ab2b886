// check_rebuild.test.mjs — which changes rebuild a table, held against the
// real drizzle-kit: for each change, `drizzle-kit generate` writes the
// migration, and `drizzle-lsp check` must report a rebuild of the table
// (table-rebuild or table-rebuild-referenced) exactly when drizzle-kit's SQL
// creates `__new_<table>`, and exactly when the SQL `drizzle-lsp generate`
// writes does (the report comes from that SQL's own plan). Where drizzle-kit's
// SQL is wrong (a STORED generated column: it writes nothing), ours rebuilds
// and the report says so. Both SQLite and Turso (libSQL alters columns in
// place where it can).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { check, finish, kitConfig, kitProject, scratch } from '../lib/script_test.mjs';

const bin = process.env.DZ_BIN;
const root = scratch('cli_check_rebuild');

const head = 'import { sqliteTable, integer, text, real, index, check, primaryKey } from "drizzle-orm/sqlite-core";\n' +
  'import { sql } from "drizzle-orm";\n';
// `items` is the table that changes; `owners` is what it may reference.
const schema = ({ cols = '', extra = '' } = {}) => head + `export const owners = sqliteTable("owners", {
  id: integer("id").primaryKey(),
});
export const items = sqliteTable("items", {
  id: integer("id").primaryKey(),
  ownerId: integer("owner_id"),
  qty: integer("qty").default(1),
  label: text("label").notNull(),${cols}
}${extra ? `, (t) => [${extra}]` : ''});
`;
const qty = (def) => schema({}).replace('integer("qty").default(1)', def);

const cases = [
  ['nullable column added', schema({ cols: '\n  note: text("note"),' })],
  ['NOT NULL column with default added', schema({ cols: '\n  n: integer("n").notNull().default(0),' })],
  ['type changed', qty('real("qty").default(1)')],
  ['default changed', qty('integer("qty").default(2)')],
  ['default dropped', qty('integer("qty")')],
  ['NOT NULL added', qty('integer("qty").default(1).notNull()')],
  ['NOT NULL dropped', schema({}).replace('text("label").notNull()', 'text("label")')],
  ['foreign key on an existing column', schema({}).replace('integer("owner_id")', 'integer("owner_id").references(() => owners.id)')],
  ['foreign key on a new column', schema({ cols: '\n  maker: integer("maker").references(() => owners.id),' })],
  ['index added', schema({ extra: 'index("items_qty_idx").on(t.qty)' })],
  ['unique added', schema({}).replace('text("label").notNull()', 'text("label").notNull().unique()')],
  ['check added', schema({ extra: 'check("qty_ck", sql`${t.qty} > 0`)' })],
  ['composite primary key', schema({ extra: 'primaryKey({ columns: [t.id, t.label] })' })
    .replace('id: integer("id").primaryKey(),\n  ownerId', 'id: integer("id"),\n  ownerId')],
  ['STORED generated column added', schema({ cols: '\n  twice: integer("twice").generatedAlwaysAs(sql`qty * 2`, { mode: "stored" }),' }), 'ours only'],
];

const run = (cmd, args, cwd) => spawnSync(cmd, args, { cwd, encoding: 'utf8' });

const project = (dir, dialect) =>
  kitProject(dir, kitConfig(dialect === 'turso' ? ', dbCredentials: { url: "libsql://example.invalid" }' : '', dialect));

for (const dialect of ['sqlite', 'turso']) {
  const base = path.join(root, `${dialect}-base`);
  project(base, dialect);
  fs.writeFileSync(path.join(base, 'schema.ts'), schema());
  let r = run(path.join(base, 'node_modules', '.bin', 'drizzle-kit'), ['generate'], base);
  check(`${dialect}: drizzle-kit writes the baseline`, r.status === 0, r.stdout + r.stderr);
  for (const [i, [name, text, divergence]] of cases.entries()) {
    const dir = path.join(root, `${dialect}-${i}`);
    project(dir, dialect);
    fs.cpSync(path.join(base, 'drizzle'), path.join(dir, 'drizzle'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'schema.ts'), text);
    r = run(bin, ['check', '--format', 'json', '--fail-on', 'never'], dir);
    let report = null;
    try { report = JSON.parse(r.stdout); } catch { /* reported below */ }
    const ours = (report?.findings || []).some((f) => f.table === 'items' && f.rule.startsWith('table-rebuild'));
    const g = run(path.join(dir, 'node_modules', '.bin', 'drizzle-kit'), ['generate'], dir);
    const sqlFile = fs.readdirSync(path.join(dir, 'drizzle')).filter((f) => f.startsWith('0001_'))[0];
    const kitSql = sqlFile ? fs.readFileSync(path.join(dir, 'drizzle', sqlFile), 'utf8') : '';
    const theirs = kitSql.includes('__new_items');
    const mineDir = `${dir}-ours`;
    project(mineDir, dialect);
    fs.cpSync(path.join(base, 'drizzle'), path.join(mineDir, 'drizzle'), { recursive: true });
    fs.writeFileSync(path.join(mineDir, 'schema.ts'), text);
    const gen = run(bin, ['generate', '--name', 'step'], mineDir);
    const ourSql = gen.status === 0 ? fs.readFileSync(path.join(mineDir, 'drizzle', '0001_step.sql'), 'utf8') : '';
    const mine = ourSql.includes('__new_items');
    check(`${dialect}: ${name}: rebuild ${mine ? 'reported' : 'not reported'} as drizzle-lsp's own SQL does`,
      report && gen.status === 0 && ours === mine, `reported=${ours} sql=${mine}\n${ourSql}\n${gen.stderr}`);
    if (divergence) {
      check(`${dialect}: ${name}: drizzle-lsp rebuilds where drizzle-kit writes no rebuild`,
        g.status === 0 && !theirs && mine, `theirs=${theirs} mine=${mine}\n${kitSql}`);
      continue;
    }
    check(`${dialect}: ${name}: rebuild ${theirs ? 'reported' : 'not reported'} as drizzle-kit does`,
      report && g.status === 0 && sqlFile && ours === theirs,
      `ours=${ours} theirs=${theirs}\n${kitSql}\n${r.stderr}${g.stderr}`);
  }
}

finish();
