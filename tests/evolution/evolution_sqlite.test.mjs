// evolution_sqlite.test.mjs — the schema-evolution proof for the "sqlite" dialect:
// every step of tests/evolution/sqlite/ through drizzle-kit and drizzle-lsp
// generate, compared, applied to seeded databases, rolled back (see lib.mjs).
import { runDialect } from "./lib.mjs";

await runDialect("sqlite");
