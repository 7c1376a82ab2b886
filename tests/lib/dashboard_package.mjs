// dashboard_package.mjs — for script tests that work on the dashboard example's db
// package: a fresh scratch copy of it (no local databases, node_modules linked to the
// shared install) and the real drizzle-kit run in such a copy.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { linkNodeModules, NODE_MODULES, SOURCE } from "./script_test.mjs";

export const EXAMPLE = path.join(SOURCE, "examples", "dashboard", "packages", "db");
export { NODE_MODULES };
const KIT = path.join(NODE_MODULES, "drizzle-kit", "bin.cjs");

// A copy of the db package at scratch/name.
export function copyPackage(scratch, name) {
  const dir = path.join(scratch, name);
  fs.cpSync(EXAMPLE, dir, {
    recursive: true,
    filter: (src) => !/\.db(-journal|-wal|-shm)?$/.test(src) && path.basename(src) !== "node_modules",
  });
  linkNodeModules(dir);
  return dir;
}

// drizzle-kit with args in dir: { code, out } (stdout and stderr together).
export function kit(dir, ...args) {
  const r = spawnSync(process.execPath, [KIT, ...args], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"], // a rename prompt would fail, not hang
    timeout: 180_000,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", DATABASE_URL: "" },
  });
  return { code: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}
