// harness.mjs — shared plumbing of the migrate tests (a helper module): a
// scratch folder, drizzle-lsp's migration for two snapshots (through the
// dz_sqlgen test tool), applying statements the way drizzle-orm's SQLite
// migrator does, and a structural picture of a database's schema.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { check, finish } from '../lib/script_test.mjs';

const require = createRequire(import.meta.url);
export const Database = require('better-sqlite3');

export { scratch } from '../lib/script_test.mjs';

let fileNo = 0;
// drizzle-lsp's plan for prev -> next snapshots (prev null: empty schema).
export function ours(dir, prev, next, dialect, renames = {}, extra = []) {
  const p = prev ? path.join(dir, `s${fileNo++}.json`) : '-';
  const n = path.join(dir, `s${fileNo++}.json`);
  if (prev) fs.writeFileSync(p, JSON.stringify(prev, null, 2));
  fs.writeFileSync(n, JSON.stringify(next, null, 2));
  const args = [p, n, '--dialect', dialect, ...extra];
  for (const [from, to] of renames.tables || []) args.push('--rename-table', `${from}=${to}`);
  for (const [t, from, to] of renames.columns || []) args.push('--rename', `${t}.${from}=${to}`);
  const tool = path.join(process.env.DZ_BUILD_DIR || 'build', 'tests', 'dz_sqlgen');
  return JSON.parse(execFileSync(tool, args, { encoding: 'utf8' }));
}

// Split a .sql file's text as drizzle-orm's migrator does and run it in one
// transaction (BEGIN ... COMMIT), foreign keys as the connection has them.
export function migrate(db, text) {
  const chunks = text.split('--> statement-breakpoint');
  db.exec('BEGIN');
  try {
    for (const chunk of chunks) if (chunk.trim()) db.prepare(chunk).run();
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}

// Every table's columns, indexes, references and constraints text, every
// view's definition: what "the same schema" means after a rollback.
export function schemaOf(db) {
  const out = {};
  const norm = (s) => (s || '').replace(/[`"]/g, '').replace(/^CREATE (TABLE|VIEW|INDEX|UNIQUE INDEX) \S+/, 'CREATE $1').replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1').trim();
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY type, name").all();
  for (const r of rows) {
    const e = { type: r.type, sql: norm(r.sql) };
    if (r.type === 'table') {
      e.columns = db.prepare(`SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)`).all(r.name);
      e.fks = db.prepare('SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?)').all(r.name);
    }
    out[`${r.type}:${r.name}`] = e;
  }
  return out;
}

export function rowsOf(db, table) {
  return db.prepare(`SELECT * FROM \`${table.replace(/`/g, '``')}\` ORDER BY rowid`).all();
}

// A reporter whose checks are functions that throw: each one counts (in the
// shared counter of ../lib/script_test.mjs); done() prints the last line.
const thrown = (e) => `  ${String(e && e.stack || e).split('\n').slice(0, 12).join('\n  ')}`;
export function reporter() {
  return {
    check(name, fn) {
      try {
        fn();
      } catch (e) {
        return check(name, false, thrown(e));
      }
      check(name, true);
    },
    async checkAsync(name, fn) {
      try {
        await fn();
      } catch (e) {
        return check(name, false, thrown(e));
      }
      check(name, true);
    },
    done: finish,
  };
}
