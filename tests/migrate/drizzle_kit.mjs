// drizzle_kit.mjs — drives the installed drizzle-kit's own differ, in process,
// for the migrate tests (a helper module, not a test).
//
// drizzle-kit's public api.js exports generateSQLiteMigration(prev, cur), but
// its rename resolvers prompt on a terminal and it has no turso variant. So
// we load the very same bundle with a few of its internal bindings exported
// (the bundle is evaluated unchanged; only an export line is appended) and
// call applySqliteSnapshotsDiff / applyLibSQLSnapshotsDiff with resolvers that
// answer renames from a list, the way `drizzle-kit generate` would after the
// user picked them.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import Module from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const apiPath = path.join(root, 'node_modules/drizzle-kit/api.js');

function loadInternals() {
  const src = fs.readFileSync(apiPath, 'utf8') +
    '\nmodule.exports.__dz = () => { init_snapshotsDiffer(); init_sqliteSchema(); return {' +
    ' applySqliteSnapshotsDiff, applyLibSQLSnapshotsDiff, squashSqliteScheme, sqliteSchema }; };\n';
  const m = new Module(apiPath, null);
  m.filename = apiPath;
  m.paths = Module._nodeModulePaths(path.dirname(apiPath));
  m._compile(src, apiPath);
  return m.exports;
}

const api = loadInternals();
const internals = api.__dz();

export const BREAKPOINT = '--> statement-breakpoint\n';

// The snapshot drizzle-kit writes for the exported tables and views in `exports`.
export async function snapshot(exports, prevId, casing) {
  return api.generateSQLiteDrizzleJson(exports, prevId, casing);
}

// renames: { tables: [[from, to]], columns: [[table, from, to]] } (table is the new name).
function resolvers(renames = {}) {
  const tableRen = renames.tables || [];
  const colRen = renames.columns || [];
  const pick = (created, deleted, pairs, nameOf = (x) => x.name) => {
    const res = { created: [...created], deleted: [...deleted], renamed: [], moved: [] };
    for (const [from, to] of pairs) {
      const f = res.deleted.find((x) => nameOf(x) === from);
      const t = res.created.find((x) => nameOf(x) === to);
      if (!f || !t) continue;
      res.deleted = res.deleted.filter((x) => x !== f);
      res.created = res.created.filter((x) => x !== t);
      res.renamed.push({ from: f, to: t });
    }
    return res;
  };
  return {
    tables: async (input) => pick(input.created, input.deleted, tableRen),
    columns: async (input) => {
      const pairs = colRen.filter(([t]) => t === input.tableName).map(([, f, to]) => [f, to]);
      const r = pick(input.created, input.deleted, pairs);
      return { tableName: input.tableName, schema: input.schema, ...r };
    },
    views: async (input) => pick(input.created, input.deleted, []),
  };
}

// drizzle-kit's statements for prev -> cur snapshots, dialect 'sqlite' or 'turso'.
export async function migration(prev, cur, dialect = 'sqlite', renames) {
  const vPrev = internals.sqliteSchema.parse(prev);
  const vCur = internals.sqliteSchema.parse(cur);
  const sPrev = internals.squashSqliteScheme(vPrev);
  const sCur = internals.squashSqliteScheme(vCur);
  const r = resolvers(renames);
  const fn = dialect === 'turso' ? internals.applyLibSQLSnapshotsDiff : internals.applySqliteSnapshotsDiff;
  const out = await fn(sPrev, sCur, r.tables, r.columns, r.views, vPrev, vCur);
  return { statements: out.sqlStatements, meta: out._meta };
}

// The .sql file text drizzle-kit writes for those statements.
export function fileText(statements, breakpoints = true) {
  return statements.join(breakpoints ? BREAKPOINT : '\n');
}
