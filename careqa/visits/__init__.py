"""Monitoring visits: the annual programme, visits, findings, judgements and reports."""
