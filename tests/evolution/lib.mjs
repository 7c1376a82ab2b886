// lib.mjs — the schema-evolution proof shared by evolution_sqlite.test.mjs and
// evolution_turso.test.mjs (a helper module, not a test). For each step of
// tests/evolution/<dialect>/ (a full schema.ts after one change, listed in
// steps.json with its rename flags), two scratch projects move in lock step:
// "kit", where the real `drizzle-kit generate` writes the migration, and
// "ours", where `drizzle-lsp generate` does. Per step it holds ours to
// drizzle-kit (snapshot, statements, journal entry; drizzle-kit check and a
// second drizzle-kit generate see nothing to do), then applies both folders
// with drizzle-orm's own migrator to databases seeded with rows in every
// table and checks that every row and kept value survives; ours is also rolled
// back with its <tag>.down.sql, which must restore the schema, and applied
// again. The step list is checked too: drizzle-kit's own migration must keep
// every row, as only steps where drizzle-kit is right belong here. A step's
// `adds` names statements drizzle-lsp writes on top of drizzle-kit's, as a
// precaution (by the text of their drizzle-lsp: comment): without them ours
// must still be drizzle-kit's, and so must the database schema after.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { DZ_BIN, DZ_SOURCE_DIR, DZ_BUILD_DIR } = process.env;
const KIT = path.join(DZ_SOURCE_DIR || ".", "node_modules", "drizzle-kit", "bin.cjs");
const BREAK = "--> statement-breakpoint";

// ---- the two engines behind one small async interface ---------------------

// better-sqlite3 with its defaults (foreign keys ON), drizzle-orm's migrator.
function openSqlite(file) {
  const Database = require("better-sqlite3");
  const { drizzle } = require("drizzle-orm/better-sqlite3");
  const { migrate } = require("drizzle-orm/better-sqlite3/migrator");
  const db = new Database(file);
  return {
    all: async (q, args = []) => db.prepare(q).all(...args),
    run: async (q, args = []) => { db.prepare(q).run(...args); },
    migrate: async (folder) => migrate(drizzle(db), { migrationsFolder: folder }),
    // A rollback file runs as the migrator runs a migration: one transaction.
    script: async (stmts) => {
      db.exec("BEGIN");
      try {
        for (const s of stmts) db.prepare(s).run();
        db.exec("COMMIT");
      } catch (e) {
        db.exec("ROLLBACK");
        throw e;
      }
    },
    close: async () => db.close(),
  };
}

// The real libSQL engine through @libsql/client on a local file.
async function openTurso(file) {
  const { createClient } = await import("@libsql/client");
  const { drizzle } = await import("drizzle-orm/libsql");
  const { migrate } = await import("drizzle-orm/libsql/migrator");
  const client = createClient({ url: `file:${file}` });
  const plain = (v) => (v instanceof ArrayBuffer ? Buffer.from(v) : v);
  return {
    all: async (q, args = []) => {
      const r = await client.execute({ sql: q, args });
      return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, plain(row[i])])));
    },
    run: async (q, args = []) => { await client.execute({ sql: q, args }); },
    migrate: async (folder) => migrate(drizzle(client), { migrationsFolder: folder }),
    script: async (stmts) => { await client.migrate(stmts); },
    close: async () => client.close(),
  };
}

const openDb = (dialect, file) => (dialect === "turso" ? openTurso(file) : openSqlite(file));

// ---- running the tools ---------------------------------------------------

// drizzle-kit asks about renames only on a terminal: run it under script(1)
// and answer each prompt (a table, column or view "created or renamed from
// another") with the option the step's flags name, else "create".
export function kitInteractive(dir, args, answers) {
  return new Promise((resolve) => {
    const cmd = [process.execPath, KIT, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const p = spawn("script", ["-qfec", cmd, "/dev/null"], { cwd: dir, env: { ...process.env, TERM: "xterm" } });
    let raw = "", timer = null;
    const answered = new Set();
    const text = () => raw.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, "").replace(/\r/g, "");
    const answer = () => {
      const t = text();
      const re = /Is (\S+) (column in (\S+) table|table|view) created or renamed from another/g;
      let m, last = null;
      while ((m = re.exec(t))) last = m;
      if (!last) return;
      const key = `${last[1]}|${last[2]}`;
      if (answered.has(key)) return;
      answered.add(key);
      const options = t.slice(last.index).split("\n").slice(1)
        .filter((l) => /^\S*\s*[+~] /.test(l.replace(/^❯/, " ")));
      const from = answers(last[3] || null, last[1], last[2].startsWith("column") ? "column" : last[2]);
      let idx = 0;
      if (from) idx = options.findIndex((l) => l.includes(`~ ${from} › ${last[1]} `));
      if (idx < 0) idx = 0;
      p.stdin.write("\x1b[B".repeat(idx) + "\r");
    };
    const onData = (d) => {
      raw += d.toString();
      clearTimeout(timer);
      timer = setTimeout(answer, 150);
    };
    p.stdout.on("data", onData);
    p.stderr.on("data", onData);
    const kill = setTimeout(() => p.kill(), 120000);
    p.on("error", (e) => {
      clearTimeout(kill);
      resolve({ code: -1, out: `cannot run script(1) (util-linux) to give drizzle-kit a terminal: ${e.message}`, prompts: 0 });
    });
    p.on("exit", (code) => {
      clearTimeout(kill);
      clearTimeout(timer);
      resolve({ code, out: text(), prompts: answered.size });
    });
  });
}

// The step's rename flags as drizzle-kit's answers: which old name a new
// table or column is renamed from (null: created, as for --no-rename).
export function answersFor(step) {
  return (table, name, kind) => {
    if (kind === "table") {
      for (const r of step.renameTable || []) {
        const [from, to] = r.split("=");
        if (to === name) return from;
      }
      return null;
    }
    for (const r of step.rename || []) {
      const m = /^(.*)\.([^.=]*)=(.*)$/.exec(r);
      if (m && m[1] === table && m[3] === name) return m[2];
    }
    return null;
  };
}

function ours(dir, args) {
  return spawnSync(DZ_BIN, args, { cwd: dir, encoding: "utf8", timeout: 120000 });
}

// ---- the migrations folder -----------------------------------------------

const readJson = (f) => JSON.parse(fs.readFileSync(f, "utf8"));

function lastEntry(out) {
  const j = path.join(out, "meta", "_journal.json");
  if (!fs.existsSync(j)) return null;
  const entries = readJson(j).entries;
  return entries[entries.length - 1] || null;
}

function snapshotFile(out, entry) {
  return path.join(out, "meta", `${entry.tag.split("_")[0]}_snapshot.json`);
}

function listFiles(dir) {
  const all = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else all.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return all.sort();
}

// Statements as drizzle-orm's migrator splits them, with comment lines and
// surrounding blanks removed (ours may explain itself in comments).
export function statements(text) {
  return text.split(BREAK)
    .map((c) => c.split("\n").filter((l) => !/^\s*--/.test(l)).join("\n").trim())
    .filter(Boolean);
}

const blankIds = (text) => text.replace(/"(id|prevId)": "[^"]*"/g, '"$1": "<id>"');

// The first few paths where two JSON values differ.
function jsonDiff(a, b, at = "", out = []) {
  if (out.length >= 4) return out;
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    for (const k of new Set([...ka, ...kb])) {
      if (!(k in a)) out.push(`${at}.${k} only in ours`);
      else if (!(k in b)) out.push(`${at}.${k} missing in ours`);
      else jsonDiff(a[k], b[k], `${at}.${k}`, out);
    }
    if (!out.length && ka.join() !== kb.join()) out.push(`${at || "."} key order: kit ${ka.join(",")} ours ${kb.join(",")}`);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(`${at}: kit ${JSON.stringify(a)} ours ${JSON.stringify(b)}`);
  }
  return out;
}

function firstTextDiff(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at byte ${i}: kit ${JSON.stringify(a.slice(i, i + 50))} ours ${JSON.stringify(b.slice(i, i + 50))}`;
}

// ---- seeding and reading the data ----------------------------------------

const q = (name) => `"${name.replace(/"/g, '""')}"`;

function affinity(type) {
  const t = (type || "").toLowerCase();
  if (t.includes("int")) return "integer";
  if (/char|clob|text/.test(t)) return "text";
  if (t.includes("blob") || !t) return "blob";
  if (/real|floa|doub/.test(t)) return "real";
  return "numeric";
}

// Parents before children (a reference to the table itself does not count).
function tableOrder(snap) {
  const names = Object.keys(snap.tables), done = new Set(), order = [];
  const visit = (n, seen = new Set()) => {
    if (done.has(n) || seen.has(n) || !snap.tables[n]) return;
    seen.add(n);
    for (const fk of Object.values(snap.tables[n].foreignKeys || {})) {
      const to = parseFk(fk).tableTo;
      if (to !== n) visit(to, seen);
    }
    done.add(n);
    order.push(n);
  };
  names.forEach((n) => visit(n));
  return order;
}

// Snapshot foreign keys are objects (or squashed strings in older files).
function parseFk(fk) {
  if (typeof fk !== "string") return fk;
  const [name, tableFrom, columnsFrom, tableTo, columnsTo] = fk.split(";");
  return { name, tableFrom, columnsFrom: columnsFrom.split(","), tableTo, columnsTo: columnsTo.split(",") };
}

let counter = 1;
// A few rows in every table of the snapshot that has none: every column that
// is not generated gets a value of its type (unique across the run, text
// that never reads as a number), referencing columns take their parents' values.
export async function seed(db, snap, rowsPerTable = 3) {
  for (const name of tableOrder(snap)) {
    const t = snap.tables[name];
    const [{ n }] = await db.all(`SELECT count(*) AS n FROM ${q(name)}`);
    if (Number(n) > 0) continue;
    const fkOf = {};
    for (const fk of Object.values(t.foreignKeys || {}).map(parseFk)) {
      fk.columnsFrom.forEach((c, i) => { fkOf[c] = { table: fk.tableTo, column: fk.columnsTo[i] }; });
    }
    const cols = Object.values(t.columns).filter((c) => !c.generated);
    for (let r = 0; r < rowsPerTable; r++) {
      const values = [];
      for (const c of cols) {
        const ref = fkOf[c.name];
        if (ref) {
          const parents = await db.all(`SELECT ${q(ref.column)} AS v FROM ${q(ref.table)} ORDER BY rowid`);
          values.push(parents.length ? parents[r % parents.length].v : null);
          continue;
        }
        const k = counter++;
        const a = affinity(c.type);
        values.push(a === "integer" || a === "numeric" ? k : a === "real" ? k + 0.5
          : a === "text" ? `${name}.${c.name}#${k}` : Buffer.from(`b${k}`));
      }
      await db.run(`INSERT INTO ${q(name)} (${cols.map((c) => q(c.name)).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`, values);
    }
  }
}

function keyOf(t) {
  const pk = Object.values(t.columns).filter((c) => c.primaryKey).map((c) => c.name);
  if (pk.length) return pk;
  const comp = Object.values(t.compositePrimaryKeys || {})[0];
  if (comp) return typeof comp === "string" ? comp.split(",") : comp.columns;
  return null;
}

// Every row of every table, keyed by the table's primary key (or rowid).
async function dataOf(db, snap) {
  const out = {};
  for (const [name, t] of Object.entries(snap.tables)) {
    const key = keyOf(t) || ["__rowid"];
    const rows = await db.all(`SELECT rowid AS __rowid, * FROM ${q(name)}`);
    out[name] = { key, rows };
  }
  return out;
}

const same = (a, b) => (Buffer.isBuffer(a) && Buffer.isBuffer(b) ? a.equals(b) : a === b);

// Rows before the step must all be there after it, with every column the new
// schema keeps (renames followed) holding the same value.
async function checkData(db, before, prev, next, step) {
  const tableTo = {}, colTo = {};
  for (const r of step.renameTable || []) { const [f, t] = r.split("="); tableTo[f] = t; }
  for (const r of step.rename || []) {
    const m = /^(.*)\.([^.=]*)=(.*)$/.exec(r);
    colTo[`${m[1]}.${m[2]}`] = m[3];
  }
  const problems = [];
  for (const [name, { key, rows }] of Object.entries(before)) {
    const newName = tableTo[name] || name;
    const nt = next.tables[newName];
    if (!nt) continue;
    const mapCol = (c) => colTo[`${newName}.${c}`] || colTo[`${name}.${c}`] || c;
    const after = await db.all(`SELECT rowid AS __rowid, * FROM ${q(newName)}`);
    const index = new Map(after.map((r) => [JSON.stringify(key.map((k) => r[k === "__rowid" ? k : mapCol(k)])), r]));
    for (const row of rows) {
      const k = JSON.stringify(key.map((c) => row[c]));
      const got = index.get(k);
      if (!got) { problems.push(`${name}: row ${k} lost`); break; }
      for (const col of Object.keys(prev.tables[name].columns)) {
        const nc = mapCol(col);
        if (!nt.columns[nc] || nt.columns[nc].generated || prev.tables[name].columns[col].generated) continue;
        if (!same(row[col], got[nc])) { problems.push(`${name}.${col} of row ${k}: ${JSON.stringify(row[col])} became ${JSON.stringify(got[nc])}`); break; }
      }
    }
    if (after.length !== rows.length) problems.push(`${name}: ${rows.length} rows became ${after.length}`);
  }
  return problems;
}

// ---- the schema of a database, for "the same schema" ---------------------

const norm = (s) => (s || "").replace(/[`"]/g, "").replace(/\s+/g, " ").replace(/\s*([(),=<>])\s*/g, "$1").trim().toLowerCase();

// A parenthesised clause's text after a keyword (CHECK, AS), balanced.
function clauses(sqlText, keyword) {
  const out = [];
  const re = new RegExp(`${keyword}\\s*\\(`, "gi");
  let m;
  while ((m = re.exec(sqlText))) {
    let depth = 0, i = m.index + m[0].length - 1;
    for (; i < sqlText.length; i++) {
      if (sqlText[i] === "(") depth++;
      else if (sqlText[i] === ")" && --depth === 0) break;
    }
    out.push(norm(sqlText.slice(m.index, i + 1)));
  }
  return out.sort();
}

// Tables (columns, keys, references, checks, generated expressions,
// autoincrement), indexes and views, independent of how the CREATE text
// was laid out by whichever migration wrote it last.
export async function schemaOf(db) {
  const out = {};
  const objs = await db.all("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY type, name");
  for (const o of objs) {
    if (o.type === "table") {
      const idx = await db.all(`SELECT name, "unique", origin, partial FROM pragma_index_list(${q(o.name).replace(/"/g, "'")})`);
      const indexes = [];
      for (const i of idx.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const cols = (await db.all(`SELECT name FROM pragma_index_info('${i.name.replace(/'/g, "''")}')`)).map((c) => c.name);
        indexes.push(`${i.origin === "c" ? i.name : i.origin}:${i.unique}:${i.partial}:${cols.join(",")}`);
      }
      out[`table ${o.name}`] = {
        columns: await db.all(`SELECT name, lower(type) AS type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo('${o.name.replace(/'/g, "''")}')`),
        fks: (await db.all(`SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list('${o.name.replace(/'/g, "''")}')`))
          .map((f) => JSON.stringify(f)).sort(),
        indexes,
        checks: clauses(o.sql, "check"),
        generated: clauses(o.sql, "as"),
        autoincrement: /autoincrement/i.test(o.sql),
      };
    } else if (o.type === "index") {
      out[`index ${o.name}`] = norm(o.sql).replace(/^create (unique )?index \S+/, "create $1index");
    } else {
      out[`${o.type} ${o.name}`] = norm(o.sql).replace(/^create view \S+/, "create view");
    }
  }
  return out;
}

export function schemaDiff(a, b) {
  const out = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = JSON.stringify(a[k]), y = JSON.stringify(b[k]);
    if (x !== y) out.push(`${k}: ${x === undefined ? "absent" : x.slice(0, 300)} vs ${y === undefined ? "absent" : y.slice(0, 300)}`);
  }
  return out;
}

// ---- one dialect, every step ---------------------------------------------

function project(dir, dialect) {
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(path.join(DZ_SOURCE_DIR, "node_modules"), path.join(dir, "node_modules"));
  const creds = dialect === "turso" ? `, dbCredentials: { url: "file:./dev.db" }` : "";
  fs.writeFileSync(path.join(dir, "drizzle.config.ts"),
    `import { defineConfig } from "drizzle-kit";\n` +
    `export default defineConfig({ dialect: "${dialect}", schema: "./schema.ts", out: "./drizzle"${creds} });\n`);
}

const tagName = (step) => step.step.replace(/^\d+-/, "").replace(/-/g, "_");

// drizzle-kit's half of a step: generate, the manifest's tables, and its
// migration applied to the seeded "kit" database without losing a value.
async function kitStep(ctx, step, problems) {
  const { kitDir, dialect } = ctx;
  const r = await kitInteractive(kitDir, ["generate", "--name", tagName(step)], answersFor(step));
  const entry = lastEntry(path.join(kitDir, "drizzle"));
  if (r.code !== 0 || !entry || !entry.tag.endsWith(tagName(step))) {
    problems.push(`drizzle-kit generate wrote no migration (exit ${r.code}): ${r.out.trim().split("\n").slice(-3).join(" | ")}`);
    return null;
  }
  const expectPrompts = ["rename", "renameTable", "noRename", "noRenameTable"].reduce((n, k) => n + (step[k] || []).length, 0);
  if (r.prompts < expectPrompts) problems.push(`drizzle-kit asked ${r.prompts} rename questions, the step answers ${expectPrompts}`);
  const snap = readJson(snapshotFile(path.join(kitDir, "drizzle"), entry));
  const tables = Object.keys(snap.tables).sort().join(",");
  if (tables !== [...step.tables].sort().join(",")) problems.push(`steps.json lists tables ${step.tables} but drizzle-kit's snapshot has ${tables}`);
  const db = await openDb(dialect, path.join(ctx.root, "kit.db"));
  try {
    if (ctx.kitPrev) await seed(db, ctx.kitPrev);
    const before = ctx.kitPrev ? await dataOf(db, ctx.kitPrev) : {};
    await db.migrate(path.join(kitDir, "drizzle"));
    for (const p of await checkData(db, before, ctx.kitPrev || { tables: {} }, snap, step)) problems.push(`drizzle-kit's migration: ${p}`);
    ctx.kitSchema = await schemaOf(db);
  } catch (e) {
    problems.push(`drizzle-kit's migration failed: ${e.message}`);
  } finally {
    await db.close();
  }
  ctx.kitPrev = snap;
  return { entry, snap };
}

// ours against drizzle-kit's files for the same step.
function compareFiles(ctx, step, kit, problems) {
  const kitOut = path.join(ctx.kitDir, "drizzle"), ourOut = path.join(ctx.ourDir, "drizzle");
  const entry = lastEntry(ourOut);
  if (!entry || entry.tag !== kit.entry.tag) {
    problems.push(`our journal's last entry is ${entry ? entry.tag : "missing"}, drizzle-kit's ${kit.entry.tag}`);
    return null;
  }
  const shape = (e) => Object.entries(e).map(([k, v]) => `${k}:${typeof v}`).join(",");
  if (shape(entry) !== shape(kit.entry)) problems.push(`journal entry shape ${shape(entry)}, drizzle-kit's ${shape(kit.entry)}`);
  for (const k of ["idx", "version", "tag", "breakpoints"]) {
    if (entry[k] !== kit.entry[k]) problems.push(`journal entry ${k}: kit ${JSON.stringify(kit.entry[k])} ours ${JSON.stringify(entry[k])}`);
  }
  const noWhen = (f) => fs.readFileSync(f, "utf8").replace(/"when": \d+/g, '"when": 0');
  const jk = noWhen(path.join(kitOut, "meta", "_journal.json")), jo = noWhen(path.join(ourOut, "meta", "_journal.json"));
  if (jk !== jo) problems.push(`_journal.json bytes differ (when aside) ${firstTextDiff(jk, jo)}`);

  const sk = fs.readFileSync(snapshotFile(kitOut, kit.entry), "utf8");
  const so = fs.existsSync(snapshotFile(ourOut, entry)) ? fs.readFileSync(snapshotFile(ourOut, entry), "utf8") : "";
  let ourSnap = null;
  try { ourSnap = JSON.parse(so); } catch { problems.push("our snapshot is missing or not JSON"); }
  if (ourSnap) {
    const d = jsonDiff({ ...kit.snap, id: 0, prevId: 0 }, { ...ourSnap, id: 0, prevId: 0 });
    if (d.length) problems.push(`snapshot fields differ: ${d.join("; ")}`);
    else if (blankIds(sk) !== blankIds(so)) problems.push(`snapshot formatting differs ${firstTextDiff(blankIds(sk), blankIds(so))}`);
  }

  const want = statements(fs.readFileSync(path.join(kitOut, `${kit.entry.tag}.sql`), "utf8"));
  const ourText = fs.readFileSync(path.join(ourOut, `${entry.tag}.sql`), "utf8");
  let got = statements(ourText);
  if (step.adds) {
    const { kept, added } = splitAdded(ourText, step.adds);
    if (!added.length) problems.push(`step adds statements ("${step.adds}") but none of ours carries that drizzle-lsp: comment`);
    got = kept;
  }
  if (step.deviates) {
    if (!ourText.includes("drizzle-lsp:")) problems.push(`step deviates (${step.deviates}) but our SQL has no "drizzle-lsp:" comment`);
  } else if (JSON.stringify(want) !== JSON.stringify(got)) {
    const i = want.findIndex((s, k) => s !== got[k]);
    const at = i < 0 ? want.length : i;
    problems.push(`statement ${at + 1} of ${want.length}: kit ${JSON.stringify(want[at] ?? null)} ours ${JSON.stringify(got[at] ?? null)}`);
  }
  if (!fs.existsSync(path.join(ourOut, `${entry.tag}.down.sql`))) problems.push(`no ${entry.tag}.down.sql`);
  return { entry, snap: ourSnap };
}

// Our statements split into those a step's `adds` names (their "-- drizzle-lsp:"
// comment contains it: statements drizzle-lsp writes on top of drizzle-kit's)
// and the rest, which must be drizzle-kit's.
function splitAdded(text, adds) {
  const kept = [], added = [];
  for (const chunk of text.split(BREAK)) {
    const sql = statements(chunk)[0];
    if (!sql) continue;
    const marked = chunk.split("\n").some((l) => /^\s*-- drizzle-lsp:/.test(l) && l.includes(adds));
    (marked ? added : kept).push(sql);
  }
  return { kept, added };
}

// drizzle-kit, run on our folder, must accept it and find nothing to do.
async function kitAcceptsOurs(ctx, step, problems) {
  const c = spawnSync(process.execPath, [KIT, "check"], { cwd: ctx.ourDir, encoding: "utf8", timeout: 120000 });
  if (c.status !== 0 || /error|collision/i.test(c.stdout + c.stderr)) {
    problems.push(`drizzle-kit check on ours: exit ${c.status} ${(c.stdout + c.stderr).trim().split("\n").slice(-2).join(" | ")}`);
  }
  const files = listFiles(ctx.ourDir);
  const r = await kitInteractive(ctx.ourDir, ["generate", "--name", "extra"], () => null);
  const added = listFiles(ctx.ourDir).filter((f) => !files.includes(f));
  if (r.code !== 0 || !/No schema changes/.test(r.out) || added.length) {
    problems.push(`drizzle-kit generate on ours did not report "No schema changes" (exit ${r.code}, wrote ${added.join(", ") || "nothing"})`);
    if (added.length) {
      // Leave ours as drizzle-lsp wrote it for the next steps.
      for (const f of added) fs.rmSync(path.join(ctx.ourDir, f));
      const j = path.join(ctx.ourDir, "drizzle", "meta", "_journal.json");
      const journal = readJson(j);
      journal.entries = journal.entries.filter((e) => !e.tag.endsWith("_extra"));
      fs.writeFileSync(j, JSON.stringify(journal, null, 2));
    }
  }
}

// Our folder applied with drizzle-orm's migrator to the seeded "ours"
// database; rows kept; on a copy, the rollback restores the schema and the
// migration applies again.
async function ourData(ctx, step, mine, problems) {
  const dbFile = path.join(ctx.root, "ours.db");
  const folder = path.join(ctx.ourDir, "drizzle");
  let before, schemaBefore, schemaAfter;
  let db = await openDb(ctx.dialect, dbFile);
  try {
    if (ctx.ourPrev) await seed(db, ctx.ourPrev);
    before = ctx.ourPrev ? await dataOf(db, ctx.ourPrev) : {};
    schemaBefore = await schemaOf(db);
    await db.migrate(folder);
    for (const p of await checkData(db, before, ctx.ourPrev || { tables: {} }, mine.snap, step)) problems.push(`our migration: ${p}`);
    schemaAfter = await schemaOf(db);
    if (!step.deviates && ctx.kitSchema) {
      const d = schemaDiff(ctx.kitSchema, schemaAfter);
      if (d.length) problems.push(`database after our migration differs from drizzle-kit's: ${d.slice(0, 2).join("; ")}`);
    }
  } catch (e) {
    problems.push(`our migration failed: ${e.message}`);
    return;
  } finally {
    await db.close();
  }
  const copy = path.join(ctx.root, "rollback.db");
  fs.copyFileSync(dbFile, copy);
  db = await openDb(ctx.dialect, copy);
  try {
    const down = fs.readFileSync(path.join(folder, `${mine.entry.tag}.down.sql`), "utf8");
    await db.script(statements(down));
    const d = schemaDiff(schemaBefore, await schemaOf(db));
    if (d.length) problems.push(`after ${mine.entry.tag}.down.sql the schema is not as before: ${d.slice(0, 2).join("; ")}`);
    await db.run("DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)");
    await db.migrate(folder);
    const d2 = schemaDiff(schemaAfter, await schemaOf(db));
    if (d2.length) problems.push(`the migration applied again after its rollback gives another schema: ${d2.slice(0, 2).join("; ")}`);
  } catch (e) {
    problems.push(`rollback or re-apply failed: ${e.message}`);
  } finally {
    await db.close();
  }
}

export async function runDialect(dialect) {
  if (!DZ_BIN || !DZ_SOURCE_DIR || !DZ_BUILD_DIR) {
    console.error("DZ_BIN, DZ_SOURCE_DIR and DZ_BUILD_DIR must be set (run through ctest)");
    process.exit(2);
  }
  // Development aid: DZ_EVOLUTION_KIT_ONLY=1 runs drizzle-kit's half alone.
  const kitOnly = process.env.DZ_EVOLUTION_KIT_ONLY === "1";
  const stepsDir = path.join(DZ_SOURCE_DIR, "tests", "evolution", dialect);
  const manifest = readJson(path.join(stepsDir, "steps.json"));
  const root = path.join(DZ_BUILD_DIR, "tmp", `evolution-${dialect}`);
  fs.rmSync(root, { recursive: true, force: true });
  const ctx = { dialect, root, kitDir: path.join(root, "kit"), ourDir: path.join(root, "ours"), kitPrev: null, ourPrev: null };
  project(ctx.kitDir, dialect);
  project(ctx.ourDir, dialect);
  let passed = 0, failed = 0;
  const report = (name, problems) => {
    if (problems.length) { failed++; console.log(`FAIL ${name}: ${problems.join("; ")}`); }
    else { passed++; console.log(`ok ${name}`); }
  };
  for (const step of manifest.steps) {
    const problems = [];
    const schema = path.join(stepsDir, step.step, "schema.ts");
    fs.copyFileSync(schema, path.join(ctx.kitDir, "schema.ts"));
    fs.copyFileSync(schema, path.join(ctx.ourDir, "schema.ts"));
    const kit = await kitStep(ctx, step, problems);
    if (kit && !kitOnly) {
      const args = ["generate", "--name", tagName(step)];
      for (const r of step.rename || []) args.push("--rename", r);
      for (const r of step.renameTable || []) args.push("--rename-table", r);
      for (const r of step.noRename || []) args.push("--no-rename", r);
      for (const r of step.noRenameTable || []) args.push("--no-rename-table", r);
      const g = ours(ctx.ourDir, args);
      if (g.status !== 0) {
        problems.push(`drizzle-lsp generate exit ${g.status}: ${(g.stderr || g.error?.message || "").trim().split("\n").slice(0, 3).join(" | ")}`);
      } else {
        const mine = compareFiles(ctx, step, kit, problems);
        await kitAcceptsOurs(ctx, step, problems);
        if (mine && mine.snap) {
          await ourData(ctx, step, mine, problems);
          ctx.ourPrev = mine.snap;
        }
      }
    }
    report(`${dialect}/${step.step}`, problems);
    if (!kit) break;
  }
  if (!kitOnly) {
    // verify proves the whole folder, so it needs every step's migration.
    const j = path.join(ctx.ourDir, "drizzle", "meta", "_journal.json");
    const have = fs.existsSync(j) ? readJson(j).entries.length : 0;
    const v = ours(ctx.ourDir, ["verify"]);
    const problems = have === manifest.steps.length ? [] : [`the folder has ${have} of ${manifest.steps.length} migrations`];
    if (v.status !== 0) problems.push(`exit ${v.status}: ${(v.stdout + v.stderr).trim().split("\n").slice(-3).join(" | ")}`);
    report(`${dialect}/verify: drizzle-lsp verify on the final folder`, problems);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
