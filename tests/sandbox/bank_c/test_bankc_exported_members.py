"""The public surface of ``sandbox.bank_c`` (the bank convention of ``sandbox/__init__.py``)."""

import sandbox.bank_c


def test_exported_members() -> None:
    assert sandbox.bank_c.__all__ == [
        "SCHEMA", "KeyRing", "PartnerCredentials", "Settings", "create_app", "generate_keys",
    ]  # fmt: skip
    for name in sandbox.bank_c.__all__:
        assert hasattr(sandbox.bank_c, name)
