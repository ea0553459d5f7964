"""Typed, frozen settings of one subgraph, built from a mapping (the environment or a test dict).

Variables (all optional): BANKGRAPH_<NAME>_HOST / _PORT (where this subgraph listens),
BANKGRAPH_BANK_<X>_URL (its bank), BANKGRAPH_IDP_URL, BANKGRAPH_IDP_ISSUER (default: the IdP URL),
BANKGRAPH_CREDENTIALS_DIR, BANKGRAPH_BANK_TIMEOUT / BANKGRAPH_BANK_CONNECT_TIMEOUT (seconds).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SUBGRAPHS", "Secret", "SubgraphSettings"]


@dataclass(frozen=True, slots=True)
class _Defaults:
    bank: str
    port: int
    bank_port: int


SUBGRAPHS: Mapping[str, _Defaults] = {
    "accounts": _Defaults("A", 4001, 9001),
    "payments": _Defaults("B", 4002, 9002),
    "loans": _Defaults("C", 4003, 9003),
    "funds": _Defaults("D", 4004, 9004),
}


class Secret:
    """A secret value that never shows in repr or str; read it with `reveal()`."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class SubgraphSettings:
    """Everything one subgraph process needs to start.

    name: subgraph name (accounts | payments | loans | funds); bank: its bank letter;
    host/port: where it listens; bank_url: base URL of its bank; idp_url: the identity provider
    (JWKS at `<idp_url>/jwks.json`); idp_issuer: the `iss` tokens must carry; audience: the `aud`
    they must carry; credentials_dir: where the sandbox wrote client credentials;
    bank_timeout/bank_connect_timeout: per-request limits towards the bank, seconds.
    """

    name: str
    bank: str
    host: str
    port: int
    bank_url: str
    idp_url: str
    idp_issuer: str
    audience: str
    credentials_dir: Path
    bank_timeout: float
    bank_connect_timeout: float

    @property
    def jwks_url(self) -> str:
        return f"{self.idp_url.rstrip('/')}/jwks.json"

    @classmethod
    def from_mapping(cls, name: str, env: Mapping[str, str]) -> SubgraphSettings:
        """Settings of subgraph `name` from `env`; ValueError on unknown names or bad numbers."""
        if name not in SUBGRAPHS:
            raise ValueError(f"unknown subgraph {name!r}")
        defaults = SUBGRAPHS[name]
        prefix = f"BANKGRAPH_{name.upper()}_"
        idp_url = env.get("BANKGRAPH_IDP_URL", "http://127.0.0.1:9000").rstrip("/")
        try:
            port = int(env.get(f"{prefix}PORT", defaults.port))
            timeout = float(env.get("BANKGRAPH_BANK_TIMEOUT", "10"))
            connect_timeout = float(env.get("BANKGRAPH_BANK_CONNECT_TIMEOUT", "3"))
        except ValueError as error:
            raise ValueError(f"invalid number in {name} settings: {error}") from error
        if not 0 < port < 65536 or timeout <= 0 or connect_timeout <= 0:
            raise ValueError(f"{name}: port must be 1..65535 and timeouts positive")
        return cls(
            name=name,
            bank=defaults.bank,
            host=env.get(f"{prefix}HOST", "127.0.0.1"),
            port=port,
            bank_url=env.get(
                f"BANKGRAPH_BANK_{defaults.bank}_URL", f"http://127.0.0.1:{defaults.bank_port}"
            ).rstrip("/"),
            idp_url=idp_url,
            idp_issuer=env.get("BANKGRAPH_IDP_ISSUER", idp_url),
            audience=env.get("BANKGRAPH_AUDIENCE", "bankgraph"),
            credentials_dir=Path(env.get("BANKGRAPH_CREDENTIALS_DIR", "var/sandbox/credentials")),
            bank_timeout=timeout,
            bank_connect_timeout=connect_timeout,
        )
