// .inlineParams() on sql`` and on operators (values inlined, also in a default
// and a generated column), sql.param with and without a column, sql.empty,
// sql.fromList, and .if(condition).
import { and, eq, inArray, sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

const KINDS = ["a", "b"];
const strict = true;

export const things = sqliteTable(
  "things",
  {
    id: integer("id").primaryKey(),
    kind: text("kind").notNull(),
    n: integer("n").notNull().default(sql`${5}`.inlineParams()),
    on: integer("on", { mode: "boolean" }),
    label: text("label").generatedAlwaysAs(sql`'x' || ${sql.param(1)}`.inlineParams()),
  },
  (t) => [
    check("things_kind", sql`${t.kind} in ${KINDS}`.inlineParams()),
    check("things_on", eq(t.on, true).inlineParams()),
    check("things_n", sql`${t.n} > ${sql.param(0, t.n)}${sql.empty()}`),
    check("things_fl", sql.fromList([sql`${t.n}`, sql.raw(" < 100")])),
    index("things_if_idx").on(t.kind).where(and(eq(t.kind, "a").inlineParams(), sql`${t.n} > 1`.if(strict), sql`0`.if(!strict))),
    index("things_in_idx").on(t.kind).where(inArray(t.kind, KINDS).inlineParams()),
  ],
);
