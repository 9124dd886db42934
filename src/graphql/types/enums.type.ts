import { registerEnumType } from "type-graphql";

export enum Grade {
  PASS = "pass",
  FAIL = "fail",
  NA = "na",
  UNKNOWN = "unknown",
}
registerEnumType(Grade, {
  name: "Grade",
  description: "The outcome of a test report.",
  valuesConfig: {
    PASS: { description: "The tests passed." },
    FAIL: { description: "The tests failed." },
    NA: { description: "The release does not apply to the tester's system (OS, perl version, ...)." },
    UNKNOWN: { description: "The tests could not run (no tests, a build failure, ...)." },
  },
});

export enum Maturity {
  STABLE = "stable",
  DEV = "dev",
}
registerEnumType(Maturity, {
  name: "Maturity",
  description: "Stable or development: of a perl (odd minor version from 5.7 on, or an RC) or of a release.",
  valuesConfig: {
    STABLE: { description: "A stable perl, or a release for production." },
    DEV: { description: "A development perl, or a trial release (`_` in the version, or -TRIAL)." },
  },
});

/** Stored text → enum, for columns the ETL writes from the same fixed set. */
export const toMaturity = (value: string): Maturity => (value === "dev" ? Maturity.DEV : Maturity.STABLE);
export const toGrade = (value: string): Grade => value as Grade;
