// Not a table: a constant the schema and the app's validation share.
export const monitorPeriodicity = ["30s", "1m", "5m", "10m", "30m", "1h"] as const;
