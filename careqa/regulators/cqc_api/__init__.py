"""CQC's public API: the nightly sync of changed locations (`careqa sync-cqc`).

`sync()` (careqa.regulators.cqc_api.syncing) is the whole job, for the command line and
the schedule alike. The names are loaded on first use, so that the benchmark and replay
modules can run before Django is set up.
"""

import importlib

__all__ = ["sync", "SyncError", "SyncNotConfigured"]


def __getattr__(name):
    if name in __all__:
        return getattr(importlib.import_module("careqa.regulators.cqc_api.syncing"), name)
    raise AttributeError(name)
