// drizzle_kit_fields.test.mjs — the config fields drizzle-lsp reads
// statically, held against what the real drizzle-kit does when it runs the
// same file: every form of config (defineConfig, satisfies, as, a typed
// const, module.exports, .mjs, .json) and every field that changes what
// `drizzle-kit generate` writes — where (out and its default), how
// (breakpoints, migrations.prefix) and the column names (casing).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { check, finish, linkNodeModules, needEnv, scratch } from "../lib/script_test.mjs";

needEnv("DZ_SOURCE_DIR", "DZ_BUILD_DIR");
const { DZ_SOURCE_DIR, DZ_BUILD_DIR } = process.env;
const root = scratch("drizzle_kit_fields");
const tool = path.join(DZ_BUILD_DIR, "tests", "dz_print_config");
const kit = path.join(DZ_SOURCE_DIR, "node_modules", "drizzle-kit", "bin.cjs");

const schema = `import { sqliteTable, integer } from "drizzle-orm/sqlite-core";
export const one = sqliteTable("one", { fooBar: integer(), baz_qux: integer() });
export const two = sqliteTable("two", { id: integer() });
`;

// [file name, text]; every one points its schema at ./src/schema.ts
const cases = [
  ["drizzle.config.ts", `import { defineConfig } from "drizzle-kit";
export default defineConfig({ dialect: "sqlite", schema: "./src/schema.ts" });`],
  ["drizzle.config.ts", `import type { Config } from "drizzle-kit";
export default { dialect: "turso", schema: ["./src/schema.ts"], out: "./mig", breakpoints: false,
  casing: "snake_case", migrations: { prefix: "timestamp", table: "t" },
  dbCredentials: { url: process.env.NO_SUCH_VAR ?? "file:dev.db" } } satisfies Config;`],
  ["drizzle.config.ts", `import { defineConfig as dc } from "drizzle-kit";
const config = dc({ dialect: "sqlite", schema: "src/schema.ts", out: "m u", casing: "camelCase",
  migrations: { prefix: "unix" } });
export default config;`],
  ["kit.config.ts", `import type { Config } from "drizzle-kit";
const c: Config = { dialect: "sqlite", schema: "./src/schema.ts", out: \`./it's\`,
  migrations: { prefix: "none" }, tablesFilter: ["*"], verbose: true, strict: true };
export default c;`],
  ["kit.config.ts", `export default ({ dialect: "sqlite", schema: "./src/schema.ts", out: "",
  migrations: { prefix: "supabase" } }) as any;`],
  ["drizzle.config.js", `const { defineConfig } = require("drizzle-kit");
module.exports = defineConfig({ dialect: "sqlite", schema: "./src/schema.ts", out: "./js-out" });`],
  ["drizzle.config.mjs", `export default { dialect: "sqlite", schema: "./src/schema.ts", out: "mjs" };`],
  ["drizzle.config.json", `{ "dialect": "sqlite", "schema": "./src/schema.ts", "out": "json",
  "breakpoints": false }`],
];

const prefixPattern = {
  index: /^0000_[a-z_]+\.sql$/, timestamp: /^\d{14}_[a-z_]+\.sql$/,
  supabase: /^\d{14}_[a-z_]+\.sql$/, unix: /^\d{10}_[a-z_]+\.sql$/, none: /^_[a-z_]+\.sql$/,
};
const columnsFor = { none: ["fooBar", "baz_qux"], snake_case: ["foo_bar", "baz_qux"],
                     camelCase: ["fooBar", "bazQux"] };

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

linkNodeModules(root);

cases.forEach(([name, text], i) => {
  const dir = path.join(root, `case${i}`);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "schema.ts"), schema);
  const config = path.join(dir, name);
  fs.writeFileSync(config, text);
  const label = `${name} #${i}`;
  let ours;
  try {
    ours = JSON.parse(execFileSync(tool, [config], { encoding: "utf8" }));
    // drizzle-kit resolves paths from its working directory: run it in the config's
    execFileSync(process.execPath, [kit, "generate", "--config", name], { cwd: dir, stdio: "pipe" });
  } catch (e) {
    check(label, false, `${e.message} ${e.stderr ?? ""}`);
    return;
  }
  const outDir = ours.out_dir;
  const sql = fs.existsSync(outDir) ? fs.readdirSync(outDir).filter((f) => f.endsWith(".sql")) : [];
  check(`${label}: drizzle-kit wrote its migration into our out dir ${path.relative(dir, outDir)}`,
        sql.length === 1, `found ${JSON.stringify(sql)} in ${outDir}`);
  if (sql.length !== 1) return;
  check(`${label}: migrations.prefix '${ours.migrations_prefix}' names the file as drizzle-kit did`,
        prefixPattern[ours.migrations_prefix].test(sql[0]), `file ${sql[0]}`);
  const text2 = fs.readFileSync(path.join(outDir, sql[0]), "utf8");
  check(`${label}: breakpoints ${ours.breakpoints} as drizzle-kit wrote them`,
        text2.includes("--> statement-breakpoint") === ours.breakpoints, text2);
  const meta = path.join(outDir, "meta");
  const snap = JSON.parse(fs.readFileSync(path.join(meta, fs.readdirSync(meta)
    .find((f) => f.endsWith("_snapshot.json"))), "utf8"));
  check(`${label}: casing '${ours.casing}' gives drizzle-kit's column names`,
        same(Object.keys(snap.tables.one.columns), columnsFor[ours.casing]),
        `drizzle-kit: ${Object.keys(snap.tables.one.columns)}`);
});

// values that generate does not show, checked as read
const c1 = JSON.parse(execFileSync(tool, [path.join(root, "case1", "drizzle.config.ts")], { encoding: "utf8" }));
check("dialect, dbCredentials.url fallback and migrations.table are read",
      c1.dialect === "turso" && c1.db_url === "file:dev.db" && c1.migrations_table === "t",
      JSON.stringify(c1));

finish();
