"""The visits' rules: pure functions, no database, the date passed in (ADR 0003)."""
