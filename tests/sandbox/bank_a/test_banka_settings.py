"""Bank A settings: page sizes from the mapping (bulk 1000 and per-account 25 by default)."""

from __future__ import annotations

import pytest
from banka_client import URL

from sandbox.bank_a import Settings
from sandbox.credentials import Credentials

PREFIX = "BANKGRAPH_SANDBOX_BANK_A_"


def test_page_sizes_default_to_25_per_account_and_1000_bulk(credentials: Credentials) -> None:
    default = Settings.from_mapping({}, credentials=credentials, public_url=URL + "/")
    assert (default.page_size, default.bulk_page_size, default.public_url) == (25, 1000, URL)
    custom = Settings.from_mapping(
        {PREFIX + "PAGE_SIZE": "10", PREFIX + "BULK_PAGE_SIZE": "30"},
        credentials=credentials,
        public_url=URL,
    )
    assert (custom.page_size, custom.bulk_page_size) == (10, 30)


@pytest.mark.parametrize("key", ["PAGE_SIZE", "BULK_PAGE_SIZE"])
def test_a_page_size_below_one_is_refused(credentials: Credentials, key: str) -> None:
    with pytest.raises(ValueError, match="page sizes must be positive"):
        Settings.from_mapping({PREFIX + key: "0"}, credentials=credentials, public_url=URL)
