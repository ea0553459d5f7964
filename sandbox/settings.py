"""Settings of the whole sandbox world (`python -m sandbox`), built from a mapping.

Every key is optional; `SandboxSettings.from_mapping(os.environ)` in production, a dict in
tests. Keys (defaults from docs/sandbox-world.md):

    BANKGRAPH_SANDBOX_HOST          127.0.0.1
    BANKGRAPH_SANDBOX_IDP_PORT      9000
    BANKGRAPH_SANDBOX_BANK_A_PORT   9001   (… _BANK_B_PORT 9002, _BANK_C_PORT 9003,
                                            _BANK_D_PORT 9004)
    BANKGRAPH_SANDBOX_STATE_DIR     var/sandbox   (credentials/, server/, ledger.db)
    BANKGRAPH_SANDBOX_LEDGER_PATH   <state dir>/ledger.db   (":memory:" for a throwaway world)
    BANKGRAPH_SANDBOX_SEED          42     (seed of the deterministic demo data)

Each bank reads its own keys (`BANKGRAPH_SANDBOX_BANK_X_...`, e.g. fault settings
`BANKGRAPH_SANDBOX_BANK_A_FAULT_LATENCY_MS`) from the same mapping in its own Settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Component = Literal["idp", "bank_a", "bank_b", "bank_c", "bank_d"]
COMPONENTS: tuple[Component, ...] = ("idp", "bank_a", "bank_b", "bank_c", "bank_d")
DEFAULT_PORTS: dict[Component, int] = {
    "idp": 9000,
    "bank_a": 9001,
    "bank_b": 9002,
    "bank_c": 9003,
    "bank_d": 9004,
}
PREFIX = "BANKGRAPH_SANDBOX_"


@dataclass(frozen=True, slots=True)
class SandboxSettings:
    """Where the world listens and keeps its state.

    host: interface every server binds (loopback by default).
    ports: port per component (0 = any free port).
    state_dir: directory of credentials and the default ledger file.
    ledger_path: SQLite file of the ledger, or ":memory:".
    seed: seed of the deterministic demo data written into an empty ledger.
    """

    host: str
    ports: dict[Component, int]
    state_dir: Path
    ledger_path: str
    seed: int

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, str]) -> SandboxSettings:
        """Read the keys in the module docstring; raises `ValueError` on a bad value."""
        state_dir = Path(mapping.get(PREFIX + "STATE_DIR") or "var/sandbox")
        ports = {
            name: int_setting(mapping, f"{PREFIX}{name.upper()}_PORT", DEFAULT_PORTS[name])
            for name in COMPONENTS
        }
        for name, port in ports.items():
            if not 0 <= port <= 65535:
                raise ValueError(f"{name} port {port} is out of range")
        return cls(
            host=mapping.get(PREFIX + "HOST") or "127.0.0.1",
            ports=ports,
            state_dir=state_dir,
            ledger_path=mapping.get(PREFIX + "LEDGER_PATH") or str(state_dir / "ledger.db"),
            seed=int_setting(mapping, PREFIX + "SEED", 42),
        )


def int_setting(
    mapping: Mapping[str, str], key: str, default: int, *, minimum: Literal[0, 1] | None = None
) -> int:
    """The integer at `key`, `default` when missing or empty.

    Raises ``ValueError`` naming `key` when the value is not an integer or is below `minimum`
    ("must not be negative" for 0, "must be positive" for 1).
    """
    raw = mapping.get(key)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{key} must be an integer, got {raw!r}") from None
    if minimum == 0 and value < 0:
        raise ValueError(f"{key} must not be negative")
    if minimum == 1 and value < 1:
        raise ValueError(f"{key} must be positive")
    return value
