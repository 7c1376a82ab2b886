import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as users from "./schema/users";
import * as teams from "./schema/teams";
import * as projects from "./schema/projects";
import * as events from "./schema/events";

export const schema = { ...users, ...teams, ...projects, ...events };

export const db = drizzle(createClient({ url: process.env.DATABASE_URL ?? "file:./dev.db" }), { schema });

export * from "./schema/users";
export * from "./schema/teams";
export * from "./schema/projects";
export * from "./schema/events";
