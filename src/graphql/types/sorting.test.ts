import { describe, expect, it } from "vitest";
import { byName, byNumbersDescending, sortByKeys } from "./sorting.js";

describe("sortByKeys", () => {
  it("sorts cells by two keys in their orders and returns each key's distinct values in that order", () => {
    const cells = [
      { series: "5.8", os: "linux" },
      { series: "5.40", os: "MSWin32" },
      { series: "5.10", os: "darwin" },
      { series: "5.40", os: "darwin" },
      { series: "5.8", os: "MSWin32" },
    ];
    const [series, osnames] = sortByKeys(cells, [(c) => c.series, byNumbersDescending], [(c) => c.os, byName]);
    expect(series).toEqual(["5.40", "5.10", "5.8"]);
    expect(osnames).toEqual(["darwin", "linux", "MSWin32"]);
    expect(cells.map((c) => `${c.series} ${c.os}`)).toEqual([
      "5.40 darwin",
      "5.40 MSWin32",
      "5.10 darwin",
      "5.8 linux",
      "5.8 MSWin32",
    ]);
  });

  it("returns no headings for no cells", () => {
    expect(sortByKeys([], [(c: string) => c, byName], [(c: string) => c, byName])).toEqual([[], []]);
  });
});
