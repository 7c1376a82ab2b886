import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: ["./src/db/schema/users.ts", "./src/db/schema/posts.ts"],
  out: "./drizzle",
});
