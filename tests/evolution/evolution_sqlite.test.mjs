// evolution_sqlite.test.mjs — the schema-evolution proof for the "sqlite" dialect:
// every step of tests/evolution/sqlite/ through drizzle-kit and drizzle-lsp
// generate, compared, applied to seeded databases, rolled back (see lib.mjs).
import { runDialect } from "./lib.mjs";

try {
  await runDialect("sqlite");
} catch (e) {
  // Anything the per-step checks did not catch still ends with the summary line.
  console.log(`FAIL sqlite: ${e && e.stack || e}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
