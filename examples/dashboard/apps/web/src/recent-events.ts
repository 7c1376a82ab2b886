import { db, events } from "@dashboard/db";
import { desc, eq } from "drizzle-orm";

// The kind of query the app runs against the schema in packages/db.
export function recentEvents(teamId: string, limit = 50) {
  return db.select().from(events).where(eq(events.teamId, teamId)).orderBy(desc(events.occurredAt)).limit(limit);
}
