"""The sandbox world: four bank APIs over one ledger, and an identity provider.

Layout (one job per module):

    ledger/        the one ledger (customers, accounts, balanced transfers, catalogue tables)
    seed/          deterministic demo data written into an empty ledger
    credentials.py every key and client secret, generated on first start
    iban.py        IBAN validation/construction, Luhn card numbers
    forms.py       urlencoded form bodies for token endpoints
    faults.py      per-bank fault injection middleware (+ admin endpoint)
    settings.py    the world's settings (host, ports, state dir, ledger path, seed)
    idp/           OIDC identity provider for demo customers
    bank_a/ .. bank_d/   one bank per package
    world.py       builds every app over one ledger;  __main__.py  the CLI

Convention every bank package follows (so `world.py` can mount it):

    sandbox.bank_x.Settings.from_mapping(mapping, *, credentials, public_url) -> Settings
        frozen dataclass; bank keys are `BANKGRAPH_SANDBOX_BANK_X_*` in `mapping`;
        `credentials` is `sandbox.credentials.Credentials`; `public_url` is the bank's own
        base URL (for absolute links and token audiences), no trailing slash.
        Fault settings: `FaultSettings.from_mapping(mapping, "BANKGRAPH_SANDBOX_BANK_X_FAULT_")`.
    sandbox.bank_x.create_app(settings, ledger) -> starlette.applications.Starlette
        builds everything it needs (no module-level state); adds its own tables with
        `ledger.ensure_schema(...)`; reads the time only through `ledger.now()` so tests
        can move the clock; wraps its routes in `faults.FaultInjection` with the dialect's
        `FaultHooks`; exposes the `FaultInjection` instance as `app.state.faults`.
"""

__all__: list[str] = []  # the banks, the IdP and the ledger are packages (see above)
