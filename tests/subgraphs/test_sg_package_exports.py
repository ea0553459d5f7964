"""Each subgraph package exports its app factory; each bank adapter its client and credentials."""

import importlib

import pytest

EXPORTS = {
    "subgraphs": [],
    "subgraphs.accounts": ["create_app"],
    "subgraphs.payments": ["create_app"],
    "subgraphs.loans": ["create_app"],
    "subgraphs.funds": ["create_app"],
    "subgraphs.accounts.bank_a": ["BankAClient", "BankACredentials"],
    "subgraphs.payments.bank_b": ["BankBClient", "BankBCredentials"],
    "subgraphs.loans.bank_c": ["BankCClient", "BankCCredentials"],
    "subgraphs.funds.bank_d": ["BankDClient", "BankDCredentials"],
}


@pytest.mark.parametrize("package", sorted(EXPORTS))
def test_exported_members(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__all__ == EXPORTS[package]
    for name in module.__all__:
        assert getattr(module, name) is not None
