import { describe, expect, it } from "vitest";
import { dueForRefresh } from "./response-cache.js";

describe("dueForRefresh", () => {
  it("is due in the last fifth of an entry's life, and at least in its last second", () => {
    expect([0, 3, 4, 5].map((age) => dueForRefresh(age, 5))).toEqual([false, false, true, true]);
    expect([47, 48].map((age) => dueForRefresh(age, 60))).toEqual([false, true]);
    expect([69_119, 69_120].map((age) => dueForRefresh(age, 86_400))).toEqual([false, true]);
  });
});
