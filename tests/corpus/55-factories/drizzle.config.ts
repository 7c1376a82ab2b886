import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: ["./columns.ts", "./schema.ts"],
  out: "./drizzle",
  casing: "snake_case",
});
