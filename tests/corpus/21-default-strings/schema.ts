import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const greetings = sqliteTable("greetings", {
  id: integer("id").primaryKey(),
  plain: text("plain").default("hello"),
  empty: text("empty").notNull().default(""),
  single: text("single").default("it's"),
  doubled: text("doubled").default('say "hi"'),
  both: text("both").default(`'"'`),
  backslash: text("backslash").default("C:\\temp\\new"),
  newline: text("newline").default("line1\nline2"),
  tab: text("tab").default("a\tb"),
  unicode: text("unicode").default("héllo wörld — 日本語 🎉"),
  escaped: text("escaped").default("\u00e9\u{1F600}"),
  backtick: text("backtick").default("`tick`"),
  template: text("template").default(`plain template`),
  sqlish: text("sqlish").default("'); DROP TABLE greetings; --"),
  numeric: text("numeric").default("42"),
  percent: text("percent").default("100%"),
  dollar: text("dollar").default("${notInterpolated}"),
});
