import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: ["./db/users.ts", "./db/posts.ts"],
  out: "./drizzle",
});
