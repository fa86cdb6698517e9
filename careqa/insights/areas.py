"""The areas figures cover: England, a region, a list of councils, a comparator group, our area.

An Area is a plain value: it says which services it takes (by council or region as they
stood on the date) and how to narrow the database query before that. Names are looked up
the way the importers fold them ("Bristol, City of" finds Bristol); unknown names raise
UnknownName with the closest known names.
"""

import difflib
from dataclasses import dataclass

from django.db.models import Q

from careqa.areas.models import Council, CouncilProfile, Region
from careqa.areas.names import canonical_region, council_key, region_key


class UnknownName(LookupError):
    """A council, region, group or service type that CareQA does not know."""

    def __init__(self, kind, value, suggestions=()):
        self.kind, self.value, self.suggestions = kind, value, tuple(suggestions)
        message = f"No {kind} called '{value}'."
        if self.suggestions:
            message += " Did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(message)


@dataclass(frozen=True)
class Area:
    key: str  # stable, for links: "england", "region:3", "councils:4,9", "group:2"
    label: str
    council_ids: tuple[int, ...] | None = None  # in display order; None: any council
    region_id: int | None = None

    def condition(self) -> Q:
        """Narrows the query by current council or region (services that moved are added)."""
        if self.council_ids is not None:
            return Q(council_id__in=self.council_ids)
        if self.region_id is not None:
            return Q(region_id=self.region_id)
        return Q()

    def admits(self, service) -> bool:
        if self.council_ids is not None:
            return service.council_id in self.council_ids
        if self.region_id is not None:
            return service.region_id == self.region_id
        return True


def england() -> Area:
    return Area(key="england", label="England")


def region_named(name) -> Area:
    key = region_key(name or "")
    region = Region.objects.filter(key=key).first()
    if region is None:
        names = list(Region.objects.values_list("name", flat=True))
        raise UnknownName("region", name, _close(canonical_region(name or ""), names))
    return area_of_region(region)


def area_of_region(region) -> Area:
    return Area(key=f"region:{region.pk}", label=region.name, region_id=region.pk)


def councils_named(names, label=None) -> Area:
    """The councils named, in the order given; 'A, B' text or a list of names."""
    if isinstance(names, str):
        names = names.split(",")
    wanted = [" ".join(n.split()) for n in names if n and n.strip()]
    if not wanted:
        raise UnknownName("council", "", ())
    by_key = {c.key: c for c in Council.objects.filter(key__in={council_key(n) for n in wanted})}
    councils = []
    for name in wanted:
        council = by_key.get(council_key(name))
        if council is None:
            known = list(Council.objects.values_list("name", flat=True))
            raise UnknownName("council", name, _close(name, known))
        councils.append(council)
    return councils_area(councils, label=label)


def councils_area(councils, label=None, key=None) -> Area:
    ids = []
    for council in councils:
        if council.pk not in ids:
            ids.append(council.pk)
    if label is None:
        names = [c.name for c in councils]
        label = ", ".join(names) if len(names) <= 3 else f"{len(names)} councils"
    return Area(
        key=key or "councils:" + ",".join(str(pk) for pk in ids),
        label=label,
        council_ids=tuple(ids),
    )


def area_of_group(group) -> Area:
    return councils_area(group.ordered_councils(), label=group.name, key=f"group:{group.pk}")


def comparator_group_named(name) -> Area:
    from careqa.insights.models import ComparatorGroup

    text = " ".join((name or "").split())
    group = ComparatorGroup.objects.filter(name__iexact=text, active=True).first()
    if group is None:
        known = list(ComparatorGroup.objects.filter(active=True).values_list("name", flat=True))
        raise UnknownName("comparator group", name, _close(text, known))
    return area_of_group(group)


def our_area() -> Area | None:
    """This installation's council area, or None until an administrator has set it."""
    profile = CouncilProfile.objects.order_by("pk").first()
    if profile is None:
        return None
    councils = list(profile.our_area.order_by("name"))
    if not councils:
        return None
    label = profile.name or None
    if label and len(councils) > 1:
        # Beside its councils' own columns, the whole must not read as one of them.
        label = f"{label} area ({len(councils)} councils)"
    return councils_area(councils, label=label, key="our_area")


def our_councils():
    """The councils of this installation's area, in name order ([] until it is set)."""
    profile = CouncilProfile.objects.order_by("pk").first()
    return list(profile.our_area.order_by("name")) if profile is not None else []


def our_comparator_group():
    """The comparator group to open with: an active one holding our council, else none."""
    from careqa.insights.models import ComparatorGroup

    councils = our_councils()
    if not councils:
        return None
    return (
        ComparatorGroup.objects.filter(active=True, members__council__in=councils)
        .order_by("name")
        .distinct()
        .first()
    )


def area_from_key(key) -> Area:
    """The area a stable key names (`Area.key`), as pages carry it in their links."""
    from careqa.insights.models import ComparatorGroup

    kind, _, rest = (key or "").partition(":")
    try:
        if key == "england":
            return england()
        if key == "our_area":
            area = our_area()
            if area is not None:
                return area
        elif kind == "region":
            return area_of_region(Region.objects.get(pk=int(rest)))
        elif kind == "group":
            return area_of_group(ComparatorGroup.objects.get(pk=int(rest)))
        elif kind == "councils":
            ids = [int(pk) for pk in rest.split(",") if pk]
            found = Council.objects.in_bulk(ids)
            if ids and len(found) == len(set(ids)):
                return councils_area([found[pk] for pk in ids])
    except (ValueError, Region.DoesNotExist, ComparatorGroup.DoesNotExist):
        pass
    raise UnknownName("area", key)


def _close(text, names, limit=3):
    """Known names like `text`: by spelling, then any that contain it."""
    folded = {council_key(n): n for n in names}
    target = council_key(text)
    found = [folded[k] for k in difflib.get_close_matches(target, list(folded), n=limit)]
    if target:
        for key, name in sorted(folded.items()):
            if len(found) >= limit:
                break
            if target in key and name not in found:
                found.append(name)
    return found
