import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ROLES } from "@db/enums";
import { timestamps } from "@/lib/columns";
import { idColumn } from "~/helpers";

export const users = sqliteTable("users", {
  id: idColumn(),
  email: text("email").notNull().unique(),
  role: text("role", { enum: ROLES }).notNull().default("member"),
  ...timestamps,
});
