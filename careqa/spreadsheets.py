"""Values written to a file that people open in a spreadsheet: text that looks like a
formula is made inert, so a name such as `=HYPERLINK(...)` never runs for whoever opens it.
"""

# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice
# and Google Sheets. OWASP's advice: prefix a single quote so the value stays text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value`, with a leading quote if it is text that a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
