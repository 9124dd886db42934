import type { LoadJob } from "./load.types.js";

/**
 * The Lua script wrk runs for a job: it cycles through the job's requests (a fresh uuid wherever a
 * body carries the unique token) and, when done, prints one JSON line of figures. Bodies are
 * embedded as Lua long strings, so no escaping can go wrong.
 */
export function wrkScript(job: LoadJob): string {
  const requests = job.requests.map((request) => {
    const headers = Object.entries(request.headers ?? {})
      .map(([name, value]) => `[ ${longString(name)} ] = ${longString(value)}`)
      .join(", ");
    const parts =
      request.body === undefined ? [] : request.uniqueToken ? request.body.split(request.uniqueToken) : [request.body];
    return `{ method = "${request.method}", path = ${longString(request.path)}, headers = { ${headers} }, parts = { ${parts.map(longString).join(", ")} } }`;
  });
  return `
local requests = { ${requests.join(",\n")} }
local next_request = 0
local graphql_errors = 0
local check_graphql = ${job.graphqlErrors ? "true" : "false"}
local threads = {}

local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%04x%08x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), 0x8000 + math.random(0, 0x3fff), math.random(0, 0xffff), math.random(0, 0x7fffffff))
end

function setup(thread)
  table.insert(threads, thread)
end

function init()
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local spec = requests[next_request % #requests + 1]
  next_request = next_request + 1
  local body = nil
  if #spec.parts > 0 then body = table.concat(spec.parts, uuid()) end
  return wrk.format(spec.method, spec.path, spec.headers, body)
end

if check_graphql then
  function response(status, headers, body)
    if string.sub(body, 1, 10) == '{"errors"' or string.find(body, ',"errors":', 1, true) then
      graphql_errors = graphql_errors + 1
    end
  end
end

function done(summary, latency, requests)
  local counted = 0
  for _, thread in ipairs(threads) do counted = counted + (thread:get("graphql_errors") or 0) end
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout + counted))
end
`;
}

function longString(text: string): string {
  let level = 1;
  while (text.includes(`]${"=".repeat(level)}]`)) level += 1;
  const eq = "=".repeat(level);
  // Lua drops a newline that directly follows the opening bracket; a leading one needs doubling.
  return `[${eq}[${text.startsWith("\n") ? "\n" : ""}${text}]${eq}]`;
}
