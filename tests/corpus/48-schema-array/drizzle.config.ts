import { defineConfig } from "drizzle-kit";

// An array: patterns in order, a file matched twice counts once (first position).
export default defineConfig({
  dialect: "sqlite",
  schema: ["./schema/people.ts", "./other/*.ts", "./schema/*.ts"],
  out: "./drizzle",
});
