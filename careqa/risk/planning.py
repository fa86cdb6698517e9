"""The programme weighs the risk score (careqa.visits.rules.needs: a score of 75 or more
means one more visit): the visits' planning inputs read it through their FACT_SOURCES."""

from careqa.risk.models import ServiceRisk
from careqa.visits.planning_inputs import FACT_SOURCES


def risk_scores(service_ids) -> dict:
    return {
        service_id: {"risk_score": float(score)}
        for service_id, score in ServiceRisk.objects.filter(
            service_id__in=list(service_ids)
        ).values_list("service_id", "score")
    }


if risk_scores not in FACT_SOURCES:
    FACT_SOURCES.append(risk_scores)
