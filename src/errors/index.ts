export * from "./app-error.js";
export * from "./statement-timeout.js";
