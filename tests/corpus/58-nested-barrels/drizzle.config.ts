import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "turso",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
  dbCredentials: { url: "libsql://example.turso.io", authToken: "not-used-by-generate" },
});
