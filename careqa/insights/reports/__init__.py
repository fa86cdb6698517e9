"""The scrutiny report, built from sections: each section registers itself here.

Later work (visits, action plans, suspensions) adds a section by subclassing `Section` and
decorating it with `@register`; `ScrutinyReport` then includes it in order of `order`.
"""

from careqa.insights.reports.sections import (  # noqa: F401
    REGISTRY,
    ReportScope,
    Section,
    register,
)
