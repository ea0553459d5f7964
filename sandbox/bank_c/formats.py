"""Bank C wire formats: Shanghai timestamps and dates, and the identifiers it issues."""

from __future__ import annotations

import datetime as dt
import secrets
import string
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
_ALNUM = string.ascii_letters + string.digits


def business_date(moment: dt.datetime) -> dt.date:
    """The Asia/Shanghai calendar date of an aware ``moment``."""
    return moment.astimezone(SHANGHAI).date()


def timestamp(moment: dt.datetime | None) -> str | None:
    """``yyyy-MM-dd HH:mm:ss`` in Asia/Shanghai, no offset."""
    if moment is None:
        return None
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def date(value: dt.date | None) -> str | None:
    """``yyyyMMdd``."""
    return None if value is None else value.strftime("%Y%m%d")


def bank_no(prefix: str, moment: dt.datetime) -> str:
    """A 32-character Bank C number: 2-letter prefix, Shanghai ``yyyyMMddHHmmss``, 16 digits."""
    stamp = moment.astimezone(SHANGHAI).strftime("%Y%m%d%H%M%S")
    return prefix + stamp + "".join(secrets.choice(string.digits) for _ in range(16))


def borrower_id() -> str:
    return "BRW" + "".join(secrets.choice(string.digits) for _ in range(12))


def request_id(moment: dt.datetime) -> str:
    return f"c1-{moment.astimezone(SHANGHAI):%Y%m%d}-{secrets.token_hex(6)}"


def nonce(length: int = 32) -> str:
    return "".join(secrets.choice(_ALNUM) for _ in range(length))


def mask_id_card(id_card_no: str) -> str:
    return id_card_no[:4] + "*" * (len(id_card_no) - 8) + id_card_no[-4:]


def mask_card(card_no: str) -> str:
    """Keep the first six and last four digits (bank card masking convention)."""
    if len(card_no) < 10:
        return "*" * len(card_no)
    return card_no[:6] + "*" * (len(card_no) - 10) + card_no[-4:]


def mask_mobile(mobile: str) -> str:
    return mobile[:3] + "****" + mobile[-4:]
