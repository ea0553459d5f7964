"""Regenerate (or check) the audit supergraphs with the reference composer.

``cd tests && python -m audit.compose [--check] [NAME ...]`` runs ``node tools/node/compose.mjs``
per suite and writes ``audit/supergraphs/<name>.graphql``; ``--check`` reports stale files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence

import orjson
from fixtures.federation.compose import COMPOSE_SCRIPT, ComposeError

from .suite import AuditSuite
from .suites import SUITE_NAMES, load_suite

__all__ = ["compose_suite", "main"]


# tools/node/compose.mjs with the composer's satisfiability rule disabled, for the suites its
# version wrongly rejects (see ``AuditSuite.skip_satisfiability``); same stdin and stdout.
_LENIENT_COMPOSE = """
import { composeServices } from "@theguild/federation-composition";
import { parse } from "graphql";
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const subgraphs = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const result = composeServices(
  subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  { disableValidationRules: ["SatisfiabilityRule"] },
);
if (result.errors && result.errors.length > 0) {
  for (const error of result.errors) process.stderr.write(`${error.message}\\n`);
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);
"""


def compose_suite(suite: AuditSuite) -> str:
    """The supergraph SDL the reference composer builds from the suite's subgraphs."""
    command = ["node", str(COMPOSE_SCRIPT)]
    if suite.skip_satisfiability:
        command = ["node", "--input-type=module", "--eval", _LENIENT_COMPOSE]
    result = subprocess.run(
        command,
        input=orjson.dumps(suite.compose_input()),
        capture_output=True,
        cwd=COMPOSE_SCRIPT.parent,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        raise ComposeError(f"{suite.name}: {result.stderr.decode('utf-8', 'replace')}")
    sdl = result.stdout.decode("utf-8")
    for old, new in suite.supergraph_patches:
        if sdl.count(old) != 1:
            raise ComposeError(f"{suite.name}: patch target not found exactly once: {old!r}")
        sdl = sdl.replace(old, new)
    return sdl


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("names", nargs="*", default=list(SUITE_NAMES))
    args = parser.parse_args(argv)
    stale = []
    for name in args.names:
        suite = load_suite(name)
        sdl = compose_suite(suite)
        if args.check:
            path = suite.supergraph_path
            if not path.exists() or path.read_text(encoding="utf-8") != sdl:
                stale.append(name)
        else:
            suite.supergraph_path.write_text(sdl, encoding="utf-8")
    for name in stale:
        print(f"stale supergraph: {name}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
