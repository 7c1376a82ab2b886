// kit_equal.test.mjs — extraction held against the real drizzle-kit: for each
// fixture project (tests/extract/fixtures/<dir>) and schema list, with and
// without casing, `drizzle-kit generate` writes a snapshot, and
// dz_dump_schema must print the same snapshot (ids aside), key order
// included: tables, columns, defaults and their JSON types, indexes,
// foreign keys, primary keys, checks, views, internal.indexes.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { check, finish, linkNodeModules, needEnv, scratch } from "../lib/script_test.mjs";

needEnv("DZ_SOURCE_DIR", "DZ_BUILD_DIR");
const { DZ_SOURCE_DIR, DZ_BUILD_DIR } = process.env;
const root = scratch("kit_equal");
const tool = path.join(DZ_BUILD_DIR, "tests", "dz_dump_schema");
const kit = path.join(DZ_SOURCE_DIR, "node_modules", "drizzle-kit", "bin.cjs");
const fixtures = path.join(DZ_SOURCE_DIR, "tests", "extract", "fixtures");

const cases = [
  { dir: "columns", schema: ["schema.ts", "defaults.ts", "enums.ts"] },
  { dir: "columns", schema: ["defaults.ts", "schema.ts"], casing: "snake_case" },
  { dir: "columns", schema: ["custom.ts", "helpers.ts", "conversions.ts"], casing: "camelCase" },
  { dir: "crossfile", schema: ["users.ts", "posts.ts"] },
  { dir: "crossfile", schema: ["posts.ts", "users.ts"], casing: "snake_case" },
  { dir: "crossfile", schema: ["posts.ts", "users.ts"], casing: "camelCase" },
  { dir: "extra", schema: ["schema.ts"] },
  { dir: "extra", schema: ["schema.ts", "functional.ts"], casing: "snake_case" },
  { dir: "exports", schema: ["uses.ts", "base.ts"] },
  { dir: "workspace", schema: ["app/schema.ts"] },
  { dir: "exports", schema: ["re.ts", "base.ts", "order.ts"] },
  { dir: "exports", schema: ["dup1.ts", "dup2.ts"] },
];

function withoutIds(text) {
  const j = JSON.parse(text);
  delete j.id;
  delete j.prevId;
  return JSON.stringify(j, null, 2);
}

// The first line where a and b differ, with a little context.
function firstDifference(a, b) {
  const la = a.split("\n"), lb = b.split("\n");
  for (let i = 0; i < Math.max(la.length, lb.length); i++)
    if (la[i] !== lb[i])
      return `line ${i + 1}:\n  drizzle-kit: ${la.slice(Math.max(0, i - 2), i + 3).join("\n               ")}\n` +
             `  drizzle-lsp: ${lb.slice(Math.max(0, i - 2), i + 3).join("\n               ")}`;
  return "";
}

cases.forEach((c, i) => {
  const name = `${c.dir}: ${c.schema.join(", ")}${c.casing ? ` (${c.casing})` : ""}`;
  const dir = path.join(root, `case${i}`);
  fs.cpSync(path.join(fixtures, c.dir), dir, { recursive: true });
  linkNodeModules(dir);
  const casing = c.casing ? `, casing: "${c.casing}"` : "";
  fs.writeFileSync(path.join(dir, "drizzle.config.ts"),
    `export default { dialect: "sqlite", out: "./out", schema: ${JSON.stringify(c.schema.map((f) => "./" + f))}${casing} };\n`);
  try {
    execFileSync(process.execPath, [kit, "generate", "--name", "x"], { cwd: dir, stdio: "pipe" });
  } catch (e) {
    check(name, false, `drizzle-kit generate failed: ${e.stderr}${e.stdout}`);
    return;
  }
  const expected = withoutIds(fs.readFileSync(path.join(dir, "out", "meta", "0000_snapshot.json"), "utf8"));
  const args = [...(c.casing ? ["--casing", c.casing] : []), ...c.schema.map((f) => path.join(dir, f))];
  let actual, stderr = "";
  try {
    actual = execFileSync(tool, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    check(name, false, `dz_dump_schema failed: ${e.stderr}`);
    return;
  }
  actual = withoutIds(actual);
  check(name, actual === expected, firstDifference(expected, actual) + stderr);
});
finish();
