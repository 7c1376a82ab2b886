import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "@/db/schema/users";
import { POST_STATUS } from "@db/enums";
import { INDEX_PREFIX } from "@/shared/ids.js";
import { timestamps } from "@/lib/columns";
import { idColumn } from "~/helpers";

export const posts = sqliteTable(
  "posts",
  {
    id: idColumn(),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status").notNull().default(POST_STATUS.draft),
    ...timestamps,
  },
  (t) => [index(`${INDEX_PREFIX}_posts_author`).on(t.authorId)],
);
