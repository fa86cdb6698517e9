"""The visits' pages, one module per part: the visit and its record, the report, the
programme and the officers' calendars."""
