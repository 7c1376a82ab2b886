import { defineConfig } from "drizzle-kit";

// Glob matches are sorted with localeCompare("en") (case-insensitive, punctuation first),
// not byte order; that order decides the order of tables in the snapshot.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/schema/*.ts",
  out: "./drizzle",
});
