import { AppError, ErrorCode } from "../errors/index.js";
import type { Grade } from "../report/grade.js";
import { parsePerlSeries, perlSeriesName } from "../report/perl.js";
import type {
  RegressionDetectedPayload,
  ReleaseUpdatedPayload,
  ReportProcessedPayload,
  UploadAddedPayload,
} from "./topics.js";

/*
 * What subscribers may ask for, as predicates over event payloads. They run in the publishing
 * fan-out (see SubscribeOptions.filter), once per event and subscriber, so they compare
 * precomputed values and allocate nothing. Absent and null criteria match everything.
 */

export interface ReportFilter {
  dist?: string | null;
  author?: string | null;
  grade?: Grade | null;
  osname?: string | null;
  /** "5.36" */
  perlSeries?: string | null;
}

export interface ReleaseFilter {
  dist: string;
  version?: string | null;
}

export interface UploadFilter {
  author?: string | null;
  dist?: string | null;
}

/** The predicate for a reportProcessed filter; undefined when it asks for every report. */
export function reportFilter(
  filter: ReportFilter | null | undefined,
): ((event: ReportProcessedPayload) => boolean) | undefined {
  const dist = given("dist", filter?.dist);
  // PAUSE ids are upper case, OS names are compared as people type them ("mswin32").
  const author = given("author", filter?.author)?.toUpperCase();
  const grade = filter?.grade ?? undefined;
  const osname = given("osname", filter?.osname)?.toLowerCase();
  const perlSeries = seriesCriterion(filter?.perlSeries);
  if ([dist, author, grade, osname, perlSeries].every((criterion) => criterion === undefined)) return undefined;
  return (event) =>
    (dist === undefined || event.dist === dist) &&
    (author === undefined || event.author?.toUpperCase() === author) &&
    (grade === undefined || event.grade === grade) &&
    (osname === undefined || event.osname.toLowerCase() === osname) &&
    (perlSeries === undefined || event.perlSeries === perlSeries);
}

/** The predicate for a releaseUpdated subscription: one distribution, optionally one version. */
export function releaseFilter(filter: ReleaseFilter): (event: ReleaseUpdatedPayload) => boolean {
  const dist = given("dist", filter.dist);
  const version = given("version", filter.version);
  return (event) => event.dist === dist && (version === undefined || event.version === version);
}

/** The predicate for an uploadAdded subscription; undefined when it asks for every upload. */
export function uploadFilter(filter: UploadFilter): ((event: UploadAddedPayload) => boolean) | undefined {
  const author = given("author", filter.author)?.toUpperCase();
  const dist = given("dist", filter.dist);
  if (author === undefined && dist === undefined) return undefined;
  return (event) =>
    (author === undefined || event.author.toUpperCase() === author) && (dist === undefined || event.dist === dist);
}

/** The predicate for a regressionDetected subscription; undefined when it asks for every regression. */
export function regressionFilter(filter: UploadFilter): ((event: RegressionDetectedPayload) => boolean) | undefined {
  const author = given("author", filter.author)?.toUpperCase();
  const dist = given("dist", filter.dist);
  if (author === undefined && dist === undefined) return undefined;
  return (event) =>
    (author === undefined || event.author?.toUpperCase() === author) && (dist === undefined || event.dist === dist);
}

/** The series as events name it ("5.036" asks for "5.36"); undefined when absent. */
function seriesCriterion(value: string | null | undefined): string | undefined {
  const text = given("perlSeries", value);
  if (text === undefined) return undefined;
  const series = parsePerlSeries(text);
  if (!series)
    throw badFilter("perlSeries", `perlSeries must be a perl series like "5.36", got ${JSON.stringify(text)}`);
  return perlSeriesName(series);
}

/** A criterion's value, undefined when absent; an empty one would silently match nothing. */
function given(name: string, value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.trim() === "") throw badFilter(name, `${name} must not be empty; leave it out to match every value`);
  return value;
}

const badFilter = (argument: string, message: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, [], { argument });
