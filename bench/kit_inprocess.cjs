// kit_inprocess.cjs — drizzle-kit's own schema loading and snapshot
// serializer, called in-process (no Node start-up, no config reading, no
// migrations folder): prepareFromSqliteImports (require() of every schema
// file through drizzle-kit's bundled tsx loader, exactly as `generate` does)
// then generateSQLiteDrizzleJson. api.js keeps prepareFromSqliteImports
// internal, so it is compiled here with one accessor appended (its code is
// used, not copied).
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");

function loadApi(root) {
  const apiPath = path.join(root, "node_modules/drizzle-kit/api.js");
  const src = fs.readFileSync(apiPath, "utf8") +
    "\nmodule.exports.__bench = () => { init_sqliteImports(); return prepareFromSqliteImports; };\n";
  const m = new Module(apiPath, null);
  m.filename = apiPath;
  m.paths = Module._nodeModulePaths(path.dirname(apiPath));
  m._compile(src, apiPath);
  return m.exports;
}

// A function that computes the snapshot of files (absolute paths, in
// drizzle-kit's order) afresh on every call: the files' modules are dropped
// from require's cache first (the loader's transform cache stays warm, as on
// any later run of the CLI).
function snapshotter(root, projectDir) {
  const api = loadApi(root);
  const prepare = api.__bench();
  return async (files) => {
    for (const k of Object.keys(require.cache)) if (k.startsWith(projectDir + path.sep)) delete require.cache[k];
    const { tables, views } = await prepare(files);
    const exports = Object.fromEntries([...tables, ...views].map((t, i) => [`e${i}`, t]));
    return api.generateSQLiteDrizzleJson(exports);
  };
}

module.exports = { snapshotter };
