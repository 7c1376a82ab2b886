// script_test.mjs — the scaffold the .test.mjs script tests share (a helper
// module): the environment ctest gives them, a fresh scratch folder under
// $DZ_BUILD_DIR/tmp/<name>, a drizzle-kit project in a folder (its
// drizzle.config.ts, node_modules linked to the shared install), and the check
// counter whose "N passed, N failed" line is the test's last.
import fs from 'node:fs';
import path from 'node:path';

// A test that cannot run without these variables (ctest sets them) says so
// and fails, with its last line as ever.
export function needEnv(...names) {
  const missing = names.filter((n) => !process.env[n]);
  if (!missing.length) return;
  console.error(`${missing.join(', ')} must be set (run through ctest)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

export const BIN = process.env.DZ_BIN;
export const SOURCE = process.env.DZ_SOURCE_DIR || process.cwd();
export const NODE_MODULES = path.join(SOURCE, 'node_modules');

// $DZ_BUILD_DIR/tmp/<name>, wiped and made again empty.
export function scratch(name) {
  const dir = path.join(process.env.DZ_BUILD_DIR || '/tmp', 'tmp', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// The shared node_modules, linked into dir so drizzle-kit and drizzle-orm
// resolve there.
export function linkNodeModules(dir) {
  fs.symlinkSync(NODE_MODULES, path.join(dir, 'node_modules'), 'dir');
}

// A drizzle.config.ts for ./schema.ts into ./drizzle; `extra` adds fields
// (', dbCredentials: { ... }').
export const kitConfig = (extra = '', dialect = 'sqlite') => 'import { defineConfig } from "drizzle-kit";\n' +
  `export default defineConfig({ dialect: "${dialect}", schema: "./schema.ts", out: "./drizzle"${extra} });\n`;

// dir (made if missing) as a drizzle-kit project: node_modules linked and
// drizzle.config.ts holding config.
export function kitProject(dir, config = kitConfig()) {
  fs.mkdirSync(dir, { recursive: true });
  linkNodeModules(dir);
  fs.writeFileSync(path.join(dir, 'drizzle.config.ts'), config);
  return dir;
}

let passed = 0, failed = 0;

// One check: counted, and printed "ok   name" or "FAIL name" with detail
// (what to look at) under it.
export function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? `\n${detail}` : ''}`); }
}

// The last line, "N passed, N failed", and the exit status (1 on a failure).
export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
