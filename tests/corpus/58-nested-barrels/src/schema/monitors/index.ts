export * from "./monitor";
export * from "./status";
export * from "./validation";
