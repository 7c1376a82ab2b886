import { defineConfig } from "drizzle-kit";

// An ESM package (NodeNext): imports between schema files name the emitted .js file.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
});
