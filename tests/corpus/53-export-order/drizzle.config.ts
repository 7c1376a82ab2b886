import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: ["./b-second.ts", "./a-first.ts"],
  out: "./drizzle",
});
