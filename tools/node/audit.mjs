// Runs the graphql-http server audit (GraphQL over HTTP conformance) against a URL.
// Usage: node audit.mjs http://127.0.0.1:4000/graphql
// Prints JSON: [{"id", "name", "status": "ok"|"notice"|"warn"|"error", "reason"?}], one entry
// per audit, in the audit's order. Exit code 0 even when audits fail: the caller judges.
import { serverAudits } from "graphql-http";

const url = process.argv[2];
if (!url) {
  process.stderr.write("usage: node audit.mjs URL\n");
  process.exit(2);
}
const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  const entry = { id: result.id, name: result.name, status: result.status };
  if (result.status !== "ok") entry.reason = result.reason;
  results.push(entry);
}
process.stdout.write(JSON.stringify(results, null, 2) + "\n");
