import { defineConfig } from "drizzle-kit";

// The schema is one barrel file; the tables live in the files it re-exports.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
});
