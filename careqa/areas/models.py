"""Places: England's regions and councils, and the council that runs this CareQA."""

from django.db import models


class Region(models.Model):
    # The ONS spelling; CQC's and Ofsted's other spellings resolve to it (see names.py).
    name = models.CharField(max_length=100, unique=True)
    key = models.CharField(max_length=100, unique=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Council(models.Model):
    """A local authority as the regulators name it ("Wirral", "Bristol, City of")."""

    name = models.CharField(max_length=120)
    key = models.CharField(max_length=120, unique=True, editable=False)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CouncilProfile(models.Model):
    """This installation's council: its name and the local authorities that are 'our area'."""

    name = models.CharField(max_length=200, help_text="Shown in the header, e.g. 'Wirral Council'.")
    our_area = models.ManyToManyField(Council, related_name="+", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.name
