"""Comparator groups: named sets of councils that a council's figures are set beside."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from careqa.areas.models import Council


class ComparatorGroup(models.Model):
    """E.g. the seven West Midlands metropolitan councils the 2018 report calls 'the region'.

    Never deleted: a group a published report used is retired (`active` False) instead.
    """

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    councils = models.ManyToManyField(
        Council, through="ComparatorGroupMember", related_name="comparator_groups"
    )
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # A name finds one group; a retired group's name may be used again.
            models.UniqueConstraint(
                Lower("name"),
                condition=models.Q(active=True),
                name="comparator_group_unique_active_name",
            )
        ]

    def __str__(self):
        return self.name

    def ordered_councils(self):
        """The group's councils in the order its tables show them."""
        return [member.council for member in self.members.select_related("council")]


class ComparatorGroupMember(models.Model):
    """One council of a group, with its place among the group's columns."""

    group = models.ForeignKey(ComparatorGroup, on_delete=models.CASCADE, related_name="members")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "council"], name="comparator_member_once")
        ]

    def __str__(self):
        return f"{self.council} in {self.group}"
