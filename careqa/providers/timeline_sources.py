"""The register's own entries on a service's timeline: the ratings the regulator published,
the changes its files showed, and our contracts (see timeline.py for the registry)."""

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission
from careqa.audit.presenters import present_events
from careqa.providers import queries
from careqa.providers.presenters import day, rating_label
from careqa.providers.timeline import Entry, Source, register
from careqa.providers.vocab import RATING_RANK, Rating, ServiceType

# Import changes about ratings are left off the timeline: the rating history says the same
# with the regulator's own dates.
RATING_CHANGE_KINDS = {"first_rating", "rating_up", "rating_down", "rating_same"}


@register
class RatingEntries(Source):
    key = "ratings"

    def entries(self, service, *, user, today):
        return list(rating_entries(queries.rating_history(service)))


@register
class RegisterChangeEntries(Source):
    key = "register-changes"

    def entries(self, service, *, user, today):
        return list(change_entries(queries.change_events(service)))


@register
class ContractEntries(Source):
    key = "contracts"
    permission = Permission.VIEW_CONTRACTS

    def entries(self, service, *, user, today):
        contracts = list(queries.contracts_for(service))
        if not contracts:
            return []
        events = queries.contract_events([c.pk for c in contracts])
        show_actor = has_permission(user, Permission.VIEW_AUDIT, obj=service)
        return [
            *contract_entries(contracts, today),
            *contract_change_entries(present_events(events, user=user), show_actor),
        ]


def rating_entries(ratings):
    ratings = sorted(ratings, key=lambda r: (r.rated_on, r.pk or 0))
    previous = None
    for rating in ratings:
        label = rating_label(rating.overall)
        lines = []
        old_rank = RATING_RANK.get(previous.overall) if previous else None
        new_rank = RATING_RANK.get(rating.overall)
        if previous is None:
            title = f"First rated {label}"
        elif old_rank and new_rank and new_rank > old_rank:
            title = f"Rating went up to {label}"
            lines.append(f"Was {rating_label(previous.overall)}")
        elif old_rank and new_rank and new_rank < old_rank:
            title = f"Rating went down to {label}"
            lines.append(f"Was {rating_label(previous.overall)}")
        else:
            title = f"Rated {label} again"
        dates = []
        if rating.inspected:
            dates.append(f"inspected {day(rating.inspected)}")
        if rating.published:
            dates.append(f"published {day(rating.published)}")
        if dates:
            lines.append(f"Report {' and '.join(dates)}")
        if rating.inherited:
            lines.append("Inherited from the service's previous registration")
        yield Entry(date=rating.rated_on, title=title, kind="rating", lines=lines, order=1)
        previous = rating


def _value(text) -> str:
    """An import's old or new value in words (ratings and service types have codes)."""
    if text in Rating.values:
        return Rating(text).label
    if text in ServiceType.values:
        return ServiceType(text).label
    return text


def change_entries(changes):
    for change in changes:
        if change.kind in RATING_CHANGE_KINDS:
            continue
        lines = []
        if change.old_value and change.new_value:
            lines.append(f"{_value(change.old_value)} to {_value(change.new_value)}")
        elif change.new_value:
            lines.append(_value(change.new_value))
        yield Entry(
            date=change.occurred_on,
            title=change.get_kind_display(),
            kind="register",
            lines=lines,
            order=2,
        )


def contract_entries(contracts, today):
    for contract in contracts:
        name = contract.framework + (f" ({contract.reference})" if contract.reference else "")
        yield Entry(
            date=contract.start_date, title="Contract started", kind="contract", lines=[name]
        )
        if contract.end_date and contract.end_date <= today:
            yield Entry(
                date=contract.end_date, title="Contract ended", kind="contract", lines=[name]
            )


def contract_change_entries(events, show_actor):
    """Recorded and changed contracts, from their presented audit events."""
    for event in events:
        title = "Contract recorded" if event.action == "created" else "Contract updated"
        lines = [event.record_label]
        if event.action != "created":
            lines += [f"{label}: {old} to {new}" for label, old, new in event.changes]
        yield Entry(
            date=event.when.date(),
            title=title,
            kind="contract",
            lines=lines,
            by=event.who if show_actor else "",
            order=3,
        )
