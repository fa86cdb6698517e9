"""careqa import-ofsted FILE: Ofsted's provider-level children's social care file, any year."""

from careqa.regulators.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Import Ofsted's provider-level children's social care file (2015 onwards)."
    regulator = "ofsted"
