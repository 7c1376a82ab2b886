export * from "./users";
export * from "./billing";
export { auditTrail as audit } from "./audit";
export { default as settings } from "./settings";
