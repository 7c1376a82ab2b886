// Folder imports resolve to the folder's index.ts.
export * from "./workspace";
export * from "./monitors";
// A namespace re-export is one object, not tables: its tables do not count.
export * as billing from "./billing";
