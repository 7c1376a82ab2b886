// Names, sizes and defaults kept in one place and imported by the schema.
export const TABLES = {
  users: "app_users",
  settings: "app_settings",
} as const;

export const PREFIX = "app";

export const LIMITS = { name: 80, bio: 2_000 };

export const DEFAULT_SETTINGS = { theme: "system", density: "comfortable", beta: false };

export const DEFAULT_TAGS = ["new"] as const;

export const DEFAULT_ROLE = "member";

export const ZERO = 0;
export const NEGATIVE_ONE = -1;

export enum Status {
  Active = "active",
  Suspended = "suspended",
}
