export const ROLES = ["admin", "member", "guest"] as const;
export const POST_STATUS = { draft: "draft", published: "published" } as const;
