// evolution_turso.test.mjs — the schema-evolution proof for the "turso" dialect:
// every step of tests/evolution/turso/ through drizzle-kit and drizzle-lsp
// generate, compared, applied to seeded databases, rolled back (see lib.mjs).
import { runDialect } from "./lib.mjs";

try {
  await runDialect("turso");
} catch (e) {
  // Anything the per-step checks did not catch still ends with the summary line.
  console.log(`FAIL turso: ${e && e.stack || e}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
