// dashboard.test.mjs — keeps examples/dashboard honest against the real drizzle-kit:
// its committed migrations folder is one drizzle-kit accepts (`check`) and drizzle-orm
// applies, and the pending schema change the README describes is real (`generate` writes
// a migration with exactly those parts). Works on copies under
// $DZ_BUILD_DIR/tmp/examples/dashboard/, never in the source tree.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { compareSnapshots } from "../lib/snapshot_compare.mjs";
import { copyPackage as copyPackageTo, kit } from "../lib/dashboard_package.mjs";
import { needEnv, scratch } from "../lib/script_test.mjs";

const SOURCE = process.env.DZ_SOURCE_DIR;
const BUILD = process.env.DZ_BUILD_DIR;
const BIN = process.env.DZ_BIN;
needEnv("DZ_BIN", "DZ_SOURCE_DIR", "DZ_BUILD_DIR");

const SCRATCH = scratch(path.join("examples", "dashboard"));
const require = createRequire(path.join(SOURCE, "package.json"));

let passed = 0;
let failed = 0;
function report(name, problem) {
  if (problem) {
    failed++;
    console.log(`FAIL ${name}`);
    for (const l of String(problem).trim().split("\n").slice(-12)) console.log(`    ${l}`);
  } else {
    passed++;
    console.log(`ok ${name}`);
  }
}

const copyPackage = (name) => copyPackageTo(SCRATCH, name);

const readJournal = (dir) => JSON.parse(fs.readFileSync(path.join(dir, "drizzle", "meta", "_journal.json"), "utf8"));

// The committed folder: every journal entry has its SQL and snapshot, and drizzle-kit
// finds nothing wrong with it.
function checkCommittedFolder() {
  const dir = copyPackage("check");
  const journal = readJournal(dir);
  const missing = journal.entries.flatMap((e) => {
    const prefix = e.tag.split("_")[0];
    return [`drizzle/${e.tag}.sql`, `drizzle/meta/${prefix}_snapshot.json`].filter(
      (f) => !fs.existsSync(path.join(dir, f)),
    );
  });
  report(
    "committed journal lists 2 migrations, each with its SQL and snapshot",
    journal.entries.length !== 2
      ? `journal has ${journal.entries.length} entries`
      : missing.length
        ? `missing: ${missing.join(", ")}`
        : null,
  );
  const r = kit(dir, "check");
  report(
    "drizzle-kit check passes on the committed folder",
    r.code === 0 && r.out.includes("Everything's fine") ? null : `exit ${r.code}:\n${r.out}`,
  );
}

// The committed migrations apply with drizzle-orm's own migrator, and seed.sql loads.
// Returns the seeded database (open) for the pending-change check, or null.
function applyCommitted() {
  const dir = copyPackage("migrate");
  let db = null;
  try {
    const Database = require("better-sqlite3");
    const { drizzle } = require("drizzle-orm/better-sqlite3");
    const { migrate } = require("drizzle-orm/better-sqlite3/migrator");
    db = new Database(path.join(dir, "dev.db"));
    migrate(drizzle(db), { migrationsFolder: path.join(dir, "drizzle") });
    db.exec(fs.readFileSync(path.join(dir, "seed.sql"), "utf8"));
    const counts = ["users", "teams", "dashboards", "events"].map(
      (t) => db.prepare(`SELECT count(*) AS n FROM "${t}"`).get().n,
    );
    const applied = db.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get().n;
    const problem =
      applied !== 2 ? `${applied} migrations recorded` : counts.some((n) => n === 0) ? `empty table: ${counts}` : null;
    report("drizzle-orm migrate() applies the committed migrations and seed.sql loads", problem);
    return problem ? null : db;
  } catch (e) {
    report("drizzle-orm migrate() applies the committed migrations and seed.sql loads", e.stack || e);
    db?.close();
    return null;
  }
}

// The pending change is real: drizzle-kit generate writes migration 0002 with the four
// parts the README names. Before it, `drizzle-lsp snapshot` prints the same snapshot
// drizzle-kit then writes, chained to 0001 (only the new id differs). Returns 0002's SQL
// statements.
function generatePending() {
  const dir = copyPackage("generate");
  const ours = spawnSync(BIN, ["snapshot"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  const r = kit(dir, "generate");
  const journal = readJournal(dir);
  const entry = journal.entries[2];
  const sqlPath = entry && path.join(dir, "drizzle", `${entry.tag}.sql`);
  if (journal.entries.length !== 3 || !fs.existsSync(sqlPath)) {
    report("drizzle-kit generate writes a new migration for the pending change", `exit ${r.code}:\n${r.out}`);
    return null;
  }
  const expected0002 = fs.readFileSync(path.join(dir, "drizzle", "meta", `${entry.tag.split("_")[0]}_snapshot.json`), "utf8");
  report(
    "drizzle-lsp snapshot equals drizzle-kit's snapshot for the pending change",
    ours.status !== 0
      ? `drizzle-lsp snapshot exited ${ours.status ?? ours.signal}:\n${ours.stderr}`
      : compareSnapshots(expected0002, ours.stdout, ["id"]).join("\n") || null,
  );
  const sql = fs.readFileSync(sqlPath, "utf8");
  report(
    "drizzle-kit generate writes a new migration for the pending change",
    sql.trim() === "" ? "the new migration is empty" : null,
  );
  const expected = {
    "safe: new nullable column users.last_seen_at": /ALTER TABLE `users` ADD `last_seen_at` integer;/,
    "careful: new index events_occurred_idx": /CREATE INDEX `events_occurred_idx` ON `events`/,
    "high risk: teams.billing_email NOT NULL without default": /ALTER TABLE `teams` ADD `billing_email` text NOT NULL;/,
    "high risk: dropped column dashboards.legacy_layout": /ALTER TABLE `dashboards` DROP COLUMN `legacy_layout`;/,
  };
  for (const [what, re] of Object.entries(expected)) {
    report(`pending change has ${what}`, re.test(sql) ? null : `not in ${entry.tag}.sql:\n${sql}`);
  }
  const statements = sql.split("--> statement-breakpoint").map((s) => s.trim()).filter(Boolean);
  report(
    "pending change has nothing else",
    statements.length === Object.keys(expected).length ? null : `${statements.length} statements:\n${sql}`,
  );
  return statements;
}

// On a database with teams, drizzle-kit's SQL for the NOT NULL column fails: the
// README's "high risk" is what happens, not a guess.
function pendingFailsOnData(db, statements) {
  const name = "drizzle-kit's pending SQL fails on the seeded database (NOT NULL without default)";
  try {
    db.exec("BEGIN");
    for (const s of statements) db.exec(s);
    report(name, "every statement ran");
  } catch (e) {
    report(name, /NOT NULL/i.test(e.message) ? null : `failed otherwise: ${e.message}`);
  } finally {
    if (db.inTransaction) db.exec("ROLLBACK");
  }
}

checkCommittedFolder();
const db = applyCommitted();
const statements = generatePending();
if (db && statements) pendingFailsOnData(db, statements);
else report("drizzle-kit's pending SQL fails on the seeded database (NOT NULL without default)", "not run: an earlier step failed");
db?.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
