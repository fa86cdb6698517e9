"""Template tags for the regulators' ratings, loaded on every page (settings: builtins)."""

from django import template

from careqa.providers.presenters import rating_label
from careqa.providers.vocab import Rating

register = template.Library()

# GOV.UK tag colours for each rating; words always carry the meaning, colour only helps.
RATING_TAG_CLASSES = {
    Rating.OUTSTANDING: "",  # the default blue tag
    Rating.GOOD: "govuk-tag--green",
    Rating.REQUIRES_IMPROVEMENT: "govuk-tag--orange",
    Rating.INADEQUATE: "govuk-tag--red",
    Rating.NOT_RATED: "govuk-tag--grey",
}


register.filter("rating_label", rating_label)


@register.inclusion_tag("_components/rating_tag.html")
def rating_tag(rating):
    """`{% rating_tag service.rating %}`: a coloured tag; 'Not yet inspected' for none."""
    return {
        "label": rating_label(rating),
        "css": RATING_TAG_CLASSES.get(rating, "govuk-tag--grey") if rating else "govuk-tag--grey",
    }
