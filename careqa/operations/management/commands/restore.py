"""careqa restore FILE: put back a backup made by `careqa backup`.

Checks the manifest beside FILE first (its checksum, the kind of database, the
migrations); refuses a database that already holds records unless --force.
"""

from django.core.management.base import BaseCommand, CommandError

from careqa.operations.backup import BackupError, restore_database


class Command(BaseCommand):
    help = "Restore the database from a backup made by `careqa backup` (checked by its manifest)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file; its manifest must be beside it")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that already holds records",
        )

    def handle(self, *args, file, force, **options):
        try:
            manifest = restore_database(file, force=force)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Restored the {manifest['kind']} backup of {manifest['created_at']} from {file}: "
            f"{len(manifest['tables'])} tables, {rows:,} rows, each table's count checked."
        )
        self.stdout.write("Run `careqa migrate` if this CareQA is newer than the backup.")
