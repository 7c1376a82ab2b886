// evolution_turso.test.mjs — the schema-evolution proof for the "turso" dialect:
// every step of tests/evolution/turso/ through drizzle-kit and drizzle-lsp
// generate, compared, applied to seeded databases, rolled back (see lib.mjs).
import { runDialect } from "./lib.mjs";

await runDialect("turso");
