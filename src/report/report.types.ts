/** The four grades of a report (PROTOCOLS.md section 4), lowercased as stored. */
export type Grade = "pass" | "fail" | "na" | "unknown";
