export const VISIBILITY = ["private", "team", "public"] as const;

export const DEFAULT_VISIBILITY = "private";

export const MAX_NAME = 120;
