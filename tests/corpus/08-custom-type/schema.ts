import { customType, integer, sqliteTable } from "drizzle-orm/sqlite-core";

// customType: the snapshot's type is whatever dataType() returns.
const ulid = customType<{ data: string; notNull: true; default: false }>({
  dataType() {
    return "text";
  },
});

export const bytes = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => "blob",
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => new Uint8Array(value),
});

const money = customType<{ data: number; driverData: string; config: { scale: number } }>({
  dataType(config) {
    return `decimal(10, ${config?.scale ?? 2})`;
  },
  fromDriver(value) {
    return Number(value);
  },
});

export const invoices = sqliteTable("invoices", {
  id: ulid("id").primaryKey(),
  total: money("total", { scale: 4 }).notNull(),
  tax: money("tax"),
  pdf: bytes("pdf"),
  lines: integer("lines").notNull(),
});
