export * from "./documents.schema.js";
export * from "./perl-versions.schema.js";
export * from "./releases.schema.js";
export * from "./reports.schema.js";
export * from "./statistics.schema.js";
export * from "./testers.schema.js";
export * from "./uploads.schema.js";
export * from "./operations.schema.js";
