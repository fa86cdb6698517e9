"""The nightly CQC API sync (careqa.jobs.schedule): the register kept current from CQC."""

from careqa.jobs.schedule import register


def sync_cqc():
    """Run the sync; without a subscription key, say so rather than fail every night."""
    from careqa.regulators.cqc_api.syncing import SyncNotConfigured, sync

    try:
        runs = sync()
    except SyncNotConfigured as error:
        return f"Skipped: {error}"
    return f"CQC API sync: {len(runs)} run(s) finished"


register(
    "sync-cqc",
    "02:00",
    description="Locations and providers CQC changed since the last sync, through the register",
    call=sync_cqc,
)
