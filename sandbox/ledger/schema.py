"""The ledger's SQLite tables. All statements are idempotent (`IF NOT EXISTS`).

Conventions every table follows (the Bank C/D packages add their own tables the same way,
through `Ledger.ensure_schema`):

- money columns end in `_minor` and hold integers of the currency's minor unit
  (Bank C fen columns end in `_fen`); never REAL;
- non-money decimals (units, NAVs, fee rates) are TEXT holding a plain Decimal string;
- timestamps are TEXT `YYYY-MM-DDTHH:MM:SS.ffffff+00:00` (UTC, fixed width, sorts as time);
  dates are TEXT ISO `YYYY-MM-DD`;
- JSON columns are TEXT written by orjson.

Core (money):
    customers, accounts, transfers, entries, idempotency_records, meta
Catalogue (written by `sandbox.seed`, read and extended by Banks C and D):
    loan_products, borrowers, loans           -- Bank C
    funds, fund_navs, investment_accounts, fund_holdings, risk_profiles   -- Bank D
"""

from __future__ import annotations

CORE = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('Personal', 'Business')),
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    customer_id TEXT REFERENCES customers(id),
    bank TEXT NOT NULL,
    currency TEXT NOT NULL,
    min_balance_minor INTEGER,          -- NULL: unbounded (system accounts only)
    balance_minor INTEGER NOT NULL DEFAULT 0,
    account_type TEXT,
    sub_type TEXT NOT NULL,
    nickname TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    iban TEXT UNIQUE,
    sort_code TEXT,
    account_number TEXT,
    card_number TEXT UNIQUE,
    CHECK (min_balance_minor IS NULL OR balance_minor >= min_balance_minor)
);
CREATE INDEX IF NOT EXISTS accounts_by_customer ON accounts(customer_id, bank);
CREATE TABLE IF NOT EXISTS transfers (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    debit_account_id TEXT NOT NULL REFERENCES accounts(id),
    credit_account_id TEXT NOT NULL REFERENCES accounts(id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    booked_at TEXT NOT NULL,
    value_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    reference TEXT NOT NULL,
    description TEXT NOT NULL,
    idempotency_key TEXT UNIQUE,
    fingerprint TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY,
    transfer_id TEXT NOT NULL REFERENCES transfers(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    amount_minor INTEGER NOT NULL,      -- signed: negative leaves the account
    balance_after_minor INTEGER NOT NULL,
    booked_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_by_account ON entries(account_id, booked_at);
CREATE TABLE IF NOT EXISTS idempotency_records (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    response BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);
"""

CATALOGUE = """
-- Bank C: loan products, borrowers (one per customer) and loans.
CREATE TABLE IF NOT EXISTS loan_products (
    product_code TEXT PRIMARY KEY,
    product_name TEXT NOT NULL,
    min_amount_fen INTEGER NOT NULL,
    max_amount_fen INTEGER NOT NULL,
    terms TEXT NOT NULL,                -- JSON int[] of months, e.g. [3,6,12,24]
    repay_methods TEXT NOT NULL,        -- JSON str[]: EQUAL_INSTALLMENT, EQUAL_PRINCIPAL
    annual_rate_min_bp INTEGER NOT NULL,
    annual_rate_max_bp INTEGER NOT NULL,
    penalty_rate_bp INTEGER NOT NULL,
    status TEXT NOT NULL                -- ON_SALE | OFF_SALE
);
CREATE TABLE IF NOT EXISTS borrowers (
    borrower_id TEXT PRIMARY KEY,
    customer_id TEXT UNIQUE REFERENCES customers(id),   -- the contract's out_user_id
    name TEXT NOT NULL,
    id_card_no TEXT NOT NULL,
    mobile TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS loans (
    loan_no TEXT PRIMARY KEY,
    apply_no TEXT NOT NULL,
    borrower_id TEXT NOT NULL REFERENCES borrowers(borrower_id),
    product_code TEXT NOT NULL REFERENCES loan_products(product_code),
    principal_fen INTEGER NOT NULL CHECK (principal_fen > 0),
    term_months INTEGER NOT NULL,
    repay_method TEXT NOT NULL,
    annual_rate_bp INTEGER NOT NULL,
    penalty_rate_bp INTEGER NOT NULL,
    value_date TEXT NOT NULL,           -- ISO date, Asia/Shanghai business date
    receive_account_id TEXT NOT NULL REFERENCES accounts(id),  -- Bank A CNY account
    receive_card_no TEXT NOT NULL,
    disbursement_transfer_id TEXT NOT NULL REFERENCES transfers(id),
    settled_at TEXT,                    -- NULL until fully repaid
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS loans_by_borrower ON loans(borrower_id);

-- Bank D: fund catalogue with NAV history, investment accounts, holdings, risk profiles.
CREATE TABLE IF NOT EXISTS funds (
    fund_code TEXT PRIMARY KEY,         -- 6 digits
    fund_name TEXT NOT NULL,
    security_id TEXT NOT NULL UNIQUE,   -- ISIN
    fund_type TEXT NOT NULL,            -- MONEY_MARKET | BOND | MIXED | EQUITY | INDEX | QDII
    risk_level TEXT NOT NULL CHECK (risk_level IN ('R1', 'R2', 'R3', 'R4', 'R5')),
    currency TEXT NOT NULL,
    cutoff_time TEXT NOT NULL,          -- "15:00:00"
    time_zone TEXT NOT NULL,            -- "Asia/Shanghai"
    min_subscription_amount TEXT NOT NULL,
    min_redemption_units TEXT NOT NULL,
    subscription_fee_rate TEXT NOT NULL,  -- fraction, e.g. "0.012"
    redemption_fee_rate TEXT NOT NULL,
    status TEXT NOT NULL  -- OPEN | SUBSCRIPTION_SUSPENDED | REDEMPTION_SUSPENDED | CLOSED
);
CREATE TABLE IF NOT EXISTS fund_navs (
    fund_code TEXT NOT NULL REFERENCES funds(fund_code),
    nav_date TEXT NOT NULL,             -- ISO date, Shanghai trading day
    nav_per_unit TEXT NOT NULL,         -- 4 decimals
    accumulated_nav TEXT NOT NULL,
    yield_per_10k_units TEXT,           -- money-market funds only
    seven_day_annualized_yield TEXT,    -- money-market funds only, fraction
    PRIMARY KEY (fund_code, nav_date)
);
CREATE TABLE IF NOT EXISTS investment_accounts (
    account_id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    account_type TEXT NOT NULL,         -- FDX accountType, e.g. INVESTMENTACCOUNT
    account_number TEXT NOT NULL,       -- unmasked; FDX shows accountNumberDisplay
    product_name TEXT NOT NULL,
    nickname TEXT NOT NULL,
    status TEXT NOT NULL,               -- OPEN | CLOSED | ...
    currency TEXT NOT NULL,
    opened_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS investment_accounts_by_customer ON investment_accounts(customer_id);
CREATE TABLE IF NOT EXISTS fund_holdings (
    holding_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES investment_accounts(account_id),
    fund_code TEXT NOT NULL REFERENCES funds(fund_code),
    units TEXT NOT NULL,                -- 2 decimals, total units held
    frozen_units TEXT NOT NULL,         -- locked by pending redemptions
    purchased_price TEXT NOT NULL,      -- average NAV paid, 4 decimals
    UNIQUE (account_id, fund_code)
);
CREATE TABLE IF NOT EXISTS risk_profiles (
    customer_id TEXT PRIMARY KEY REFERENCES customers(id),
    investor_type TEXT NOT NULL,        -- ORDINARY | PROFESSIONAL
    risk_tolerance TEXT NOT NULL CHECK (risk_tolerance IN ('C1', 'C2', 'C3', 'C4', 'C5')),
    lowest_category INTEGER NOT NULL,   -- 0/1
    assessed_on TEXT NOT NULL,
    expires_on TEXT NOT NULL
);
"""
