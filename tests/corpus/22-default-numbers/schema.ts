import { integer, numeric, real, sqliteTable } from "drizzle-orm/sqlite-core";

export const numbers = sqliteTable("numbers", {
  id: integer("id").primaryKey(),
  zero: integer("zero").notNull().default(0),
  negative: integer("negative").default(-1),
  big: integer("big").default(2147483648),
  maxSafe: integer("max_safe").default(9007199254740991),
  decimal: real("decimal").default(3.14159),
  negDecimal: real("neg_decimal").default(-0.5),
  tiny: real("tiny").default(0.1),
  sci: real("sci").default(1e-7),
  huge: real("huge").default(1.5e300),
  hex: integer("hex").default(0xff),
  underscore: integer("underscore").default(1_000_000),
  wholeReal: real("whole_real").default(2.0),
  num: numeric("num").default("12.50"),
  negZero: real("neg_zero").default(-0),
});
