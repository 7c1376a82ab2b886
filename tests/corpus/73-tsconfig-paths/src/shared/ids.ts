export const INDEX_PREFIX = "ix";
