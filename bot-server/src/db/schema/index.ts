// drizzle needs every table in one object for its relational queries and for drizzle-kit.
export * from "./accounts";
export * from "./certificates";
export * from "./households";
export * from "./indicators";
export * from "./learners";
export * from "./oa";
export * from "./places";
export * from "./progress";
export * from "./teams";
export * from "./webhooks";
