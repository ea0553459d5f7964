import sandbox
import sandbox.bank_d.oauth


def test_oauth_exported_members() -> None:
    assert sandbox.bank_d.oauth.__all__ == ["Grant", "OAuthServer", "TokenStore"]
    for name in sandbox.bank_d.oauth.__all__:
        assert getattr(sandbox.bank_d.oauth, name) is not None


def test_sandbox_root_exports_nothing() -> None:
    assert sandbox.__all__ == []
