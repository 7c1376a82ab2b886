// drizzle_kit_order.test.mjs — the order in which drizzle-lsp loads schema
// files, held against the real drizzle-kit: a scratch project whose every
// schema file defines one table named after the file, several `schema`
// options (globs with * and **, braces, directories, repeats); for each,
// drizzle-kit generate writes a snapshot whose table order is its file
// order, and dz_print_schema_files must list the same files in that order.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { check, finish, linkNodeModules, needEnv, scratch } from "../lib/script_test.mjs";

needEnv("DZ_SOURCE_DIR", "DZ_BUILD_DIR");
const { DZ_SOURCE_DIR, DZ_BUILD_DIR } = process.env;
const root = scratch("drizzle_kit_order");
const tool = path.join(DZ_BUILD_DIR, "tests", "dz_print_schema_files");
const kit = path.join(DZ_SOURCE_DIR, "node_modules", "drizzle-kit", "bin.cjs");

// Names chosen to exercise the collation: case, punctuation, digits, a
// non-ASCII letter, a quote, a space, dot files and directories, and every
// module extension drizzle-kit loads.
const files = [
  "a.ts", "A.ts", "B.ts", "b.ts", "a-b.ts", "a_b.ts", "a.b.ts", "a10.ts", "a2.ts", "a b.ts",
  "_x.ts", "~t.ts", "(p).ts", "\u00e9.ts", "e.ts", "it's.ts", "sub.ts", "f.mts", "g.js",
  ".hidden.ts", "sub/c.ts", "sub/Z.ts", "sub/deeper/d.ts", "Sub2/s.ts", "Sub2/t.mts",
  ".dot/h.ts",
];

// Files under src/linked, a symlink to ../other: `**` enters a symlinked
// directory but goes no deeper inside it, unless the pattern names it.
const linked = ["linked/o.ts", "linked/in/i.ts", "linked/in/deep/d2.ts"];
const all = [...files, ...linked];

const cases = [
  { schema: "'./src/**/*.ts'" },
  { schema: "'src/**'" },
  { schema: "['./src/sub', './src/*.ts', 'src/a.ts', './src/Sub2/s.ts']" },
  { schema: "'./src/{Sub2,sub}/**/*.{ts,mts}'" },
  { schema: "'./src'" },
  { schema: "['src/sub/deeper/d.ts', 'src/*/', './src/?.ts']" },
  { schema: "['./src/[a-c]*.ts', './src/**/[!a]*.*ts']" },
  { schema: "'./src/**/*.ts'", link: true },
  { schema: "['./src/linked/**/*.ts', 'src/*/o.ts']", link: true },
];

linkNodeModules(root);
// A real tree per project: a symlinked src would be a file to drizzle-kit's lstat.
function writeTable(p, i) {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, `import { sqliteTable, integer } from "drizzle-orm/sqlite-core";\n` +
                      `export const t${i} = sqliteTable("t${i}", { id: integer() });\n`);
}
function writeTree(dir, link) {
  files.forEach((f, i) => writeTable(path.join(dir, "src", f), i));
  if (!link) return;
  linked.forEach((f, i) => writeTable(path.join(dir, "other", f.slice("linked/".length)),
                                      files.length + i));
  fs.symlinkSync("../other", path.join(dir, "src", "linked"));
}
const fileOfTable = (t) => all[Number(t.slice(1))];

// drizzle-kit's order: the tables of its snapshot, mapped back to files.
function kitOrder(dir) {
  execFileSync(process.execPath, [kit, "generate"], { cwd: dir, stdio: "pipe" });
  const meta = path.join(dir, "out", "meta");
  const snap = fs.readdirSync(meta).find((f) => f.endsWith("_snapshot.json"));
  return Object.keys(JSON.parse(fs.readFileSync(path.join(meta, snap), "utf8")).tables)
    .map(fileOfTable);
}

function ourOrder(config) {
  const out = execFileSync(tool, [config], { encoding: "utf8" });
  const src = path.join(path.dirname(config), "src") + path.sep;
  return out.split("\n").filter(Boolean).map((p) => p.startsWith(src) ? p.slice(src.length) : p);
}

cases.forEach(({ schema, link }, i) => {
  const dir = path.join(root, `case${i}`);
  writeTree(dir, link);
  const config = path.join(dir, "drizzle.config.ts");
  fs.writeFileSync(config, `import { defineConfig } from "drizzle-kit";\n` +
    `export default defineConfig({ dialect: "sqlite", schema: ${schema}, out: "./out" });\n`);
  let want, got;
  try {
    want = kitOrder(dir);
    got = ourOrder(config);
  } catch (e) {
    check(`schema ${schema}`, false, `  ${e.message}\n  ${e.stderr ?? ""}`);
    return;
  }
  check(`schema ${schema}${link ? " (with a symlinked directory)" : ""} loads ${want.length} files in drizzle-kit's order`,
        want.length > 0 && JSON.stringify(want) === JSON.stringify(got),
        `  drizzle-kit: ${JSON.stringify(want)}\n  drizzle-lsp: ${JSON.stringify(got)}`);
});

finish();
