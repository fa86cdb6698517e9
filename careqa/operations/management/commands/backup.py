"""careqa backup DIR: a consistent backup of the whole database, taken while CareQA runs.

Writes DIR/careqa-KIND-YYYYMMDDTHHMMSSZ.EXT and its manifest (FILE.manifest.json).
"""

from django.core.management.base import BaseCommand, CommandError

from careqa.operations.backup import BackupError, backup_database


class Command(BaseCommand):
    help = "Back up the database (SQLite's online backup, or pg_dump) into DIR, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where to write the backup and its manifest")

    def handle(self, *args, directory, **options):
        try:
            backup = backup_database(directory)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        manifest = backup.manifest
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backed up the {manifest['kind']} database to {backup.path} "
            f"({manifest['size']:,} bytes; {len(manifest['tables'])} tables, {rows:,} rows)."
        )
        self.stdout.write(f"Manifest: {backup.manifest_path} (SHA-256 {manifest['sha256']})")
