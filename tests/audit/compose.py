"""Regenerate (or check) the audit supergraphs with the reference composer.

``cd tests && python -m audit.compose [--check] [NAME ...]`` composes each suite with the
reference composer of ``tools/node`` (what ``tools/node/compose.mjs`` runs, all suites in one
node process) and writes ``audit/supergraphs/<name>.graphql``; ``--check`` reports stale files.
``--apollo DIR`` composes with ``@apollo/composition`` (what the audit uses; not a project
dependency, install it under DIR) into ``audit/supergraphs/apollo/``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import orjson
from fixtures.federation.compose import COMPOSE_SCRIPT, ComposeError

from .suite import AuditSuite
from .suites import SUITE_NAMES, load_suite

__all__ = ["compose_suites", "main"]


# tools/node/compose.mjs over many suites in one node process (startup dominates otherwise).
# stdin: [{"name", "lenient", "subgraphs": [{name, url, sdl}]}]; stdout: {name: {"sdl"} or
# {"errors"}}. "lenient" disables the composer's satisfiability rule (see
# ``AuditSuite.skip_satisfiability``).
_BATCH_COMPOSE = """
import { composeServices } from "%s";
import { parse } from "graphql";
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const out = {};
for (const suite of JSON.parse(Buffer.concat(chunks).toString("utf8"))) {
  const options = suite.lenient ? { disableValidationRules: ["SatisfiabilityRule"] } : {};
  const result = composeServices(
    suite.subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
    options,
  );
  out[suite.name] = result.errors && result.errors.length > 0
    ? { errors: result.errors.map((error) => error.message) }
    : { sdl: result.supergraphSdl };
}
process.stdout.write(JSON.stringify(out));
"""


def compose_suites(
    suites: Sequence[AuditSuite], *, apollo_dir: Path | None = None
) -> dict[str, str]:
    """Each suite's supergraph as the reference composer builds it (``supergraph_patches``
    applied); raises ``ComposeError`` naming every suite that does not compose.

    With ``apollo_dir`` (a directory whose ``node_modules`` holds ``@apollo/composition``,
    e.g. after ``npm install --prefix DIR @apollo/composition@2.14.4 graphql@16``), the
    suites are composed by ``@apollo/composition`` instead, as the audit does: no patches,
    no rule disabled.
    """
    apollo = apollo_dir is not None
    request = [
        {
            "name": s.name,
            "lenient": s.skip_satisfiability and not apollo,
            "subgraphs": s.compose_input(),
        }
        for s in suites
    ]
    module = "@apollo/composition" if apollo else "@theguild/federation-composition"
    result = subprocess.run(
        ["node", "--input-type=module", "--eval", _BATCH_COMPOSE % module],
        input=orjson.dumps(request),
        capture_output=True,
        cwd=apollo_dir if apollo_dir is not None else COMPOSE_SCRIPT.parent,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise ComposeError(result.stderr.decode("utf-8", "replace"))
    composed = orjson.loads(result.stdout)
    failures = {name: out["errors"] for name, out in composed.items() if "errors" in out}
    if failures:
        raise ComposeError("\n".join(f"{name}: {errors}" for name, errors in failures.items()))
    if apollo:
        return {suite.name: composed[suite.name]["sdl"] for suite in suites}
    return {suite.name: _patched(suite, composed[suite.name]["sdl"]) for suite in suites}


def _patched(suite: AuditSuite, sdl: str) -> str:
    for old, new in suite.supergraph_patches:
        if sdl.count(old) != 1:
            raise ComposeError(f"{suite.name}: patch target not found exactly once: {old!r}")
        sdl = sdl.replace(old, new)
    return sdl


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    parser.add_argument(
        "--apollo",
        metavar="DIR",
        type=Path,
        help="compose with the @apollo/composition installed under DIR (supergraphs/apollo/)",
    )
    parser.add_argument("names", nargs="*", default=list(SUITE_NAMES))
    args = parser.parse_args(argv)
    suites = [load_suite(name) for name in args.names]
    stale = []
    composed = compose_suites(suites, apollo_dir=args.apollo)
    for suite, sdl in zip(suites, composed.values(), strict=True):
        path = suite.apollo_supergraph_path if args.apollo else suite.supergraph_path
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != sdl:
                stale.append(suite.name)
        else:
            path.write_text(sdl, encoding="utf-8")
    for name in stale:
        print(f"stale supergraph: {name}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
