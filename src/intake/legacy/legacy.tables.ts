import type { Db } from "../../db/client.js";
import type { NewDocument } from "../../db/queries/document.queries.js";
import {
  type ImportedTester,
  type ImportReject,
  importPerlVersions,
  importTesters,
  storeImportedDocuments,
} from "../../db/queries/legacy-import.queries.js";
import { findTesters } from "../../db/queries/tester.queries.js";
import { recordUploads } from "../../db/queries/upload-record.queries.js";
import type { PerlVersionRow, UploadRow } from "../../db/schema/index.js";
import {
  cleanName,
  factCreator,
  isUuid,
  metabaseCacheFact,
  parseMetabaseReport,
  parsePerlVersion,
  prepareDocument,
  prepareV3Report,
  type JsonLimits,
  type PreparedReport,
} from "../../report/index.js";
import type { NewUpload } from "../../report/upload-list.js";
import { asBuffer, cell, mysqlTime, rawText, readJson, reject, toUpload } from "./legacy.rows.js";
import type { SourceRow, SourceTable } from "./mysql.source.js";

/** The tables `import:legacy` reads, in the order it reads them: testers before their reports. */
export const LEGACY_TABLES = ["metabase_user", "perl_version", "uploads", "test_report", "metabase"] as const;
export type LegacyTable = (typeof LEGACY_TABLES)[number];

export interface TableContext {
  db: Db;
  limits: JsonLimits;
}

/** A page made ready outside the transaction: what to write, and what was refused. */
export interface PreparedPage {
  rejects: ImportReject[];
  /** Writes the page in the caller's transaction; returns how many rows were new. */
  write(tx: Db): Promise<{ imported: number; uploads?: UploadRow[] }>;
  /** Rows that can be written (read minus refused). */
  accepted: number;
}

export interface TableImport {
  source: SourceTable;
  prepare(rows: SourceRow[], context: TableContext): Promise<PreparedPage>;
}

export function tableImports(databases: { main: string; metabase: string }): Record<LegacyTable, TableImport> {
  const main = databases.main;
  return {
    metabase_user: {
      source: table(main, "metabase_user", "id", true, ["id", "resource", "fullname", "email"]),
      prepare: async (rows) => {
        const rejects: ImportReject[] = [];
        const testers: ImportedTester[] = [];
        for (const row of rows) {
          const resource = cell(row.resource).trim();
          const id = resource.replace(/^metabase:user:/i, "").toLowerCase();
          if (!isUuid(id)) {
            rejects.push(
              reject(
                "metabase_user",
                row.id,
                [{ path: "/resource", message: `must be "metabase:user:<uuid>", got ${JSON.stringify(resource)}` }],
                resource,
              ),
            );
            continue;
          }
          testers.push({ id, fullName: cleanName(cell(row.fullname)), email: cell(row.email).trim() });
        }
        return {
          rejects,
          accepted: testers.length,
          write: async (tx) => ({ imported: await importTesters(tx, testers) }),
        };
      },
    },
    perl_version: {
      source: table(main, "perl_version", "version", false, ["version", "perl", "patch", "devel"]),
      prepare: async (rows) => {
        const rejects: ImportReject[] = [];
        const versions: PerlVersionRow[] = [];
        for (const row of rows) {
          const text = cell(row.version);
          const perl = parsePerlVersion(text);
          if (!perl) {
            rejects.push(
              reject(
                "perl_version",
                text,
                [{ path: "/version", message: `must be a Perl 5 version like "5.10.1", got ${JSON.stringify(text)}` }],
                text,
              ),
            );
            continue;
          }
          versions.push({
            version: perl.perl,
            major: perl.major,
            minor: perl.minor,
            patch: perl.patch,
            maturity: perl.maturity,
            patched: perl.patched,
          });
        }
        return {
          rejects,
          accepted: versions.length,
          write: async (tx) => ({ imported: await importPerlVersions(tx, versions) }),
        };
      },
    },
    uploads: {
      source: table(main, "uploads", "uploadid", true, [
        "uploadid",
        "type",
        "author",
        "dist",
        "version",
        "filename",
        "released",
      ]),
      prepare: async (rows) => {
        const rejects: ImportReject[] = [];
        const uploads: NewUpload[] = [];
        for (const row of rows) {
          const upload = toUpload(row);
          if ("errors" in upload) rejects.push(reject("uploads", row.uploadid, upload.errors, JSON.stringify(row)));
          else uploads.push(upload);
        }
        return {
          rejects,
          accepted: uploads.length,
          write: async (tx) => {
            const recorded = await recordUploads(tx, uploads);
            return { imported: recorded.length, uploads: recorded.map((r) => r.row) };
          },
        };
      },
    },
    test_report: {
      source: { ...table(main, "test_report", "id", false, ["id", "created", "report"]), timeColumn: "created" },
      prepare: async (rows, { limits }) => {
        const rejects: ImportReject[] = [];
        const documents: NewDocument[] = [];
        for (const row of rows) {
          const id = cell(row.id).trim().toLowerCase();
          const body = readJson(row.report);
          const prepared: PreparedReport = !body.ok
            ? body
            : !isUuid(id)
              ? { ok: false, errors: [{ path: "/id", message: `must be a uuid, got ${JSON.stringify(row.id)}` }] }
              : prepareV3Report(
                  // The row's key is the report's GUID, whatever the JSON says.
                  typeof body.value === "object" && body.value !== null ? { ...body.value, id } : body.value,
                  () => ({ id, created: mysqlTime(row.created) }),
                  limits,
                );
          if (!prepared.ok) {
            rejects.push(reject("test_report", id, prepared.errors, rawText(row.report)));
            continue;
          }
          documents.push({ id, source: "legacy", testerId: null, ...prepared.serialized });
        }
        return documentsPage(documents, rejects);
      },
    },
    metabase: {
      source: table(
        databases.metabase,
        "metabase",
        "guid",
        false,
        ["guid", "id", "updated", "report", "fact"],
        "metabase.metabase",
      ),
      prepare: async (rows, { db, limits }) => {
        const rejects: ImportReject[] = [];
        const converted = rows.map((row) => {
          const guid = cell(row.guid).trim().toLowerCase();
          return {
            guid,
            row,
            fact: metabaseCacheFact({ guid, report: asBuffer(row.report), fact: asBuffer(row.fact) }),
          };
        });
        // convert_metabase_report names the reporter from the profile of the report's creator.
        const creators = converted.flatMap(({ fact }) =>
          fact.ok ? [factCreator(fact.fact)?.replace(/^metabase:user:/, "") ?? ""] : [],
        );
        const known = new Map((await findTesters(db, creators.filter(isUuid))).map((t) => [t.id, t]));
        const documents: NewDocument[] = [];
        for (const { guid, row, fact } of converted) {
          const raw = asBuffer(row.report) ?? asBuffer(row.fact);
          if (!fact.ok) {
            rejects.push(reject("metabase.metabase", guid, fact.errors, raw));
            continue;
          }
          const testerId = factCreator(fact.fact)?.replace(/^metabase:user:/, "") ?? "";
          const tester = known.get(testerId);
          const parsed = parseMetabaseReport(
            fact.fact,
            tester ? { name: tester.fullName, email: tester.email } : { name: "Unknown", email: "" },
          );
          const prepared = parsed.ok ? prepareDocument(parsed.report, limits) : parsed;
          if (!prepared.ok) {
            rejects.push(reject("metabase.metabase", guid, prepared.errors, raw));
            continue;
          }
          documents.push({
            id: guid,
            source: "legacy-metabase",
            testerId: tester ? tester.id : null,
            ...prepared.serialized,
          });
        }
        return documentsPage(documents, rejects);
      },
    },
  };
}

function documentsPage(documents: NewDocument[], rejects: ImportReject[]): PreparedPage {
  return {
    rejects,
    accepted: documents.length,
    write: async (tx) => ({ imported: (await storeImportedDocuments(tx, documents)).length }),
  };
}

function table(
  database: string,
  name: string,
  key: string,
  numericKey: boolean,
  columns: string[],
  shown = name,
): SourceTable {
  return { name: shown, database, table: name, key, numericKey, columns };
}
