"""The public surface of ``sandbox.bank_d`` (the bank convention of ``sandbox/__init__.py``)."""

import sandbox.bank_d


def test_exported_members() -> None:
    assert sandbox.bank_d.__all__ == ["SCHEMA", "RegisteredClient", "Settings", "create_app"]
    for name in sandbox.bank_d.__all__:
        assert hasattr(sandbox.bank_d, name)
