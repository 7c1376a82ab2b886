export default { dialect: "sqlite", schema: "./schema.ts", out: "./drizzle", casing: "snake_case" };
