"""Accounts' pages: signing in and out, the administrator's user pages, your own password."""
