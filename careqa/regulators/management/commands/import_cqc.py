"""careqa import-cqc FILE: a CQC care directory, HSCA active locations or Latest ratings file."""

from careqa.regulators.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Import a CQC file (care directory CSV, HSCA active locations, Latest ratings)."
    regulator = "cqc"
