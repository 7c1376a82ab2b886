import { defineConfig } from "drizzle-kit";

// A directory: drizzle-kit loads every top-level file in it (not sub-folders), in
// directory-listing order, whatever the barrel index re-exports.
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema",
  out: "./drizzle",
});
