"""The `careqa` command: Django's management commands, with CareQA's spelled with hyphens.

careqa import-cqc FILE      careqa import-ofsted FILE      careqa demo-data --out DIR
careqa sync-cqc (CQC_API_KEY set)
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careqa.production")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(["careqa", *argv[1:]])


if __name__ == "__main__":
    main()
