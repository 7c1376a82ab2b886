export const ACTIVE = "active";
export const LIMITS = { min: 1, max: 100 } as const;
export const STATUSES = ["active", "paused", "closed"] as const;
export enum Tier {
  Free = "free",
  Pro = "pro",
}
