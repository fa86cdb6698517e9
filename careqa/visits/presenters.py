"""Shaping visits for display: the report's content (frozen as it stands when issued)."""

from careqa.providers.presenters import day, rating_label
from careqa.providers.vocab import KEY_QUESTION_LABELS
from careqa.visits.models import Answer
from careqa.visits.queries import areas_of
from careqa.visits.vocab import Priority

ANSWER_LABELS = dict(Answer.choices)
PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


def _names(people):
    return [person.display_name for person in people]


def report_content(visit, *, version, issued_on=None) -> dict:
    """Everything the report shows, as plain values: the same dict renders the draft
    preview, the issued page and the PDF, so what was issued can be shown for ever."""
    from careqa.areas.models import CouncilProfile
    from careqa.visits.rules.judgements import RULE_TEXT, area_judgement, overall_judgement

    service = visit.service
    profile = CouncilProfile.objects.order_by("pk").first()
    findings = list(visit.findings.select_related("question").order_by("question__order"))
    judged = {j.area: j for j in visit.judgements.all()}
    areas = []
    for area in areas_of(visit):
        own = [f for f in findings if f.question.area == area]
        rule = area_judgement([f.answer for f in own])
        row = judged.get(area)
        areas.append(
            {
                "key": area,
                "label": KEY_QUESTION_LABELS[area],
                "judgement": rating_label(row.judgement) if row and row.judgement else "",
                "by_rule": rating_label(rule.judgement) if rule.judgement else "",
                "explanation": rule.explanation,
                "departure_reason": row.departure_reason if row else "",
                "evidence": row.evidence if row else "",
                "questions": [
                    {
                        "text": f.question.text,
                        "answer": ANSWER_LABELS.get(f.answer, f.answer),
                        "evidence": f.evidence,
                        "notes": f.notes,
                    }
                    for f in own
                ],
            }
        )
    overall = overall_judgement(
        {a: (judged[a].judgement or None) if a in judged else None for a in areas_of(visit)}
    )
    views = list(visit.views.order_by("heard_on", "pk"))
    shared = [v for v in views if v.consent_to_share]
    actions = sorted(
        visit.required_actions.all(), key=lambda a: (PRIORITY_ORDER.get(a.priority, 9), a.pk)
    )
    return {
        "version": version,
        "issued_on": issued_on.isoformat() if issued_on else "",
        "issued_on_words": day(issued_on) if issued_on else "",
        "council": profile.name if profile else "",
        "service": {
            "name": service.regulator_name,
            "local_name": service.local_name,
            "location_id": service.location_id,
            "regulator": service.get_regulator_display(),
            "provider": service.provider.name if service.provider else "",
            "address": service.address,
            "types": service.type_labels,
            "rating": rating_label(service.rating),
        },
        "visit": {
            "type": visit.get_visit_type_display(),
            "theme": visit.get_theme_display() if visit.theme else "",
            "day": day(visit.carried_out_on or visit.planned_on),
            "times": _times(visit),
            "announced": "Announced" if visit.announced else "Unannounced",
            "mode": visit.get_mode_display(),
            "officers": _names([visit.lead_officer, *visit.other_officers.all()]),
            "joint_with": visit.joint_with,
        },
        "purpose": visit.purpose,
        "methodology": visit.methodology,
        "interaction_observed": visit.interaction_observed,
        "environment_observed": visit.environment_observed,
        "areas": areas,
        "overall": rating_label(visit.overall) if visit.overall else "",
        "overall_by_rule": rating_label(overall.judgement) if overall.judgement else "",
        "overall_explanation": overall.explanation,
        "overall_departure_reason": visit.overall_departure_reason,
        "rule_text": RULE_TEXT,
        "views": [
            {
                "who": v.get_role_display(),
                "how": v.get_method_display(),
                "sentiment": v.get_sentiment_display(),
                "said": v.said,
            }
            for v in shared
        ],
        "views_not_shared": len(views) - len(shared),
        "actions": [
            {
                "area": KEY_QUESTION_LABELS.get(a.area, a.area),
                "priority": a.get_priority_display(),
                "action": a.action,
            }
            for a in actions
        ],
        "concerns": [
            {
                "concern": c.concern,
                "raised_with": c.raised_with,
                "safeguarding_referral": c.safeguarding_referral,
            }
            for c in visit.concerns.all()
        ],
        "guidance_given": visit.guidance_given,
        "verbal_feedback": visit.verbal_feedback,
    }


def _times(visit):
    if visit.starts_at and visit.ends_at:
        return f"{_clock(visit.starts_at)} to {_clock(visit.ends_at)}"
    return _clock(visit.starts_at) if visit.starts_at else ""


def _clock(moment):
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment:%M}{'am' if moment.hour < 12 else 'pm'}"
