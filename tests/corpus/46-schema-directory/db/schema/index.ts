// A barrel that re-exports the other files: their tables are counted once, at their
// first position in load order (index.ts sorts after billing.ts).
export * from "./users";
export * from "./billing";
export * from "./nested/extra";
