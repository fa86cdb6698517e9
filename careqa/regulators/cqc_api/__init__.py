"""CQC's public API: the nightly sync of changed locations (`careqa sync-cqc`).

`sync()` is the whole job, for the command line and the schedule alike.
"""

from careqa.regulators.cqc_api.sync import SyncError, SyncNotConfigured, sync

__all__ = ["sync", "SyncError", "SyncNotConfigured"]
