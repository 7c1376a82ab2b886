// gen_schema.mjs — writes a large, deterministic Drizzle SQLite project for
// the benchmarks: TABLES tables spread over FILES schema files plus a shared
// file (column spreads, enum constants), each table with mixed column types,
// defaults, references to earlier tables, indexes, a unique and a check.
// Usage: node bench/gen_schema.mjs <dir> [tables=200] [files=8]
// The project has no migrations folder: the benchmark makes its baseline
// with drizzle-kit itself, so the comparison starts from drizzle-kit's state.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, tablesArg = "200", filesArg = "8"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node bench/gen_schema.mjs <dir> [tables] [files]");
  process.exit(2);
}
const TABLES = Number(tablesArg), FILES = Number(filesArg);
const perFile = Math.ceil(TABLES / FILES);

const shared = `import { sql } from "drizzle-orm";
import { integer, text } from "drizzle-orm/sqlite-core";

export const timestamps = {
  createdAt: integer({ mode: "timestamp" }).notNull().default(sql\`(unixepoch())\`),
  updatedAt: integer({ mode: "timestamp" }).notNull().default(sql\`(unixepoch())\`).$onUpdate(() => new Date()),
};

export const STATUS = ["draft", "active", "archived", "deleted"] as const;
`;

const name = (i) => `table${String(i).padStart(3, "0")}`;
const fileOf = (i) => Math.floor(i / perFile);

function table(i) {
  const t = name(i);
  const ref = i > 0 ? name(Math.floor(i / 2)) : null; // an earlier table, often in another file
  const cols = [
    `    id: integer().primaryKey({ autoIncrement: true }),`,
    `    slug: text().notNull(),`,
    `    title: text("title_text", { length: 200 }).notNull().default("untitled"),`,
    `    status: text({ enum: STATUS }).notNull().default("draft"),`,
    `    score: real().default(0.5),`,
    `    count: integer().notNull().default(${i}),`,
    `    enabled: integer({ mode: "boolean" }).notNull().default(false),`,
    `    meta: text({ mode: "json" }).$type<{ tags: string[] }>().default({ tags: [] }),`,
    `    payload: blob({ mode: "buffer" }),`,
  ];
  if (ref) cols.push(`    parentId: integer().references(() => ${ref}.id, { onDelete: "cascade" }),`);
  cols.push(`    ...timestamps,`);
  const extra = [
    `    uniqueIndex("${t}_slug_idx").on(t.slug),`,
    `    index("${t}_status_idx").on(t.status, t.count),`,
    `    check("${t}_count_check", sql\`\${t.count} >= 0\`),`,
  ];
  if (ref) extra.push(`    index("${t}_parent_idx").on(t.parentId),`);
  return `export const ${t} = sqliteTable(
  "${t}",
  {
${cols.join("\n")}
  },
  (t) => [
${extra.join("\n")}
  ],
);
`;
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, "src/schema"), { recursive: true });
writeFileSync(join(dir, "src/schema/_shared.ts"), shared);
for (let f = 0; f < FILES; f++) {
  const mine = [];
  for (let i = f * perFile; i < Math.min(TABLES, (f + 1) * perFile); i++) mine.push(i);
  if (!mine.length) continue;
  const imports = new Set();
  for (const i of mine) if (i > 0 && fileOf(Math.floor(i / 2)) !== f) imports.add(Math.floor(i / 2));
  const byFile = new Map();
  for (const r of imports) {
    const k = fileOf(r);
    if (!byFile.has(k)) byFile.set(k, []);
    byFile.get(k).push(name(r));
  }
  const head = [
    `import { sql } from "drizzle-orm";`,
    `import { blob, check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";`,
    `import { STATUS, timestamps } from "./_shared";`,
    ...[...byFile].map(([k, names]) => `import { ${names.join(", ")} } from "./part${k}";`),
  ];
  writeFileSync(join(dir, `src/schema/part${f}.ts`), head.join("\n") + "\n\n" + mine.map(table).join("\n"));
}
writeFileSync(join(dir, "drizzle.config.ts"), `import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/schema/*.ts",
  out: "./drizzle",
});
`);
