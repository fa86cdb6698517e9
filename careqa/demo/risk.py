"""The demo's risk and intelligence: entries at each sharing level, safeguarding enquiries
(five or more at the suspended service, so its published counts show), then every
service's risk score computed with the default weights."""

import datetime
import time

from careqa.accounts.roles import Role
from careqa.providers.models import Contract
from careqa.providers.vocab import LIVE_CONTRACT_STATUSES, ContractStatus
from careqa.risk import actions

ENTRIES = (
    # (source, days ago, summary, key question, severity, sharing level)
    (
        "complaint",
        12,
        "A daughter says her mother's call bell went unanswered for 40 minutes "
        "at night, twice in a week.",
        "responsive",
        "medium",
        1,
    ),
    (
        "nhs_quality_nurse",
        30,
        "The quality nurse found pressure-area charts not completed for three residents.",
        "safe",
        "high",
        1,
    ),
    (
        "whistleblowing",
        5,
        "A member of staff reports being told to sign for medicines "
        "rounds they did not do. Their name is known to the QA manager only.",
        "safe",
        "high",
        3,
    ),
    (
        "another_council",
        45,
        "Another council that places here has paused its placements "
        "while it reviews two incidents.",
        "well_led",
        "medium",
        2,
    ),
    (
        "missed_return",
        100,
        "Monthly KPIs not returned for two months running.",
        "well_led",
        "low",
        2,
    ),
    (
        "feedback",
        20,
        "Relatives' meeting: praise for the activities coordinator.",
        "caring",
        "low",
        1,
    ),
)
ENQUIRY_TYPES = (
    ["neglect"],
    ["neglect", "organisational"],
    ["physical"],
    ["financial"],
    ["psychological", "neglect"],
    ["organisational"],
)


def _ours(status=None):
    contracts = Contract.objects.filter(status__in=LIVE_CONTRACT_STATUSES)
    if status:
        contracts = contracts.filter(status=status)
    return [c.service for c in contracts.select_related("service").order_by("service_id", "pk")]


def load_risk(*, users, today: datetime.date) -> dict:
    started = time.monotonic()
    officer, manager = users[Role.QA_OFFICER], users[Role.QA_MANAGER]
    ours = _ours()
    done = {"intelligence entries": 0, "safeguarding enquiries": 0}
    if not ours:
        return done | actions.recompute(today=today)
    # Spread the entries over the first few services we commission, deterministically.
    for i, (source, ago, summary, question, severity, sharing) in enumerate(ENTRIES):
        service = ours[i % min(3, len(ours))]
        entry = actions.record_intelligence(
            by=officer,
            today=today,
            service=service,
            source=source,
            received_on=today - datetime.timedelta(days=ago),
            summary=summary,
            key_question=question,
            severity=severity,
            sharing=sharing,
        )
        done["intelligence entries"] += 1
        if source == "feedback":
            actions.change_entry_status(
                entry=entry,
                by=officer,
                today=today,
                status="closed",
                outcome="Shared with the provider as good practice.",
            )
    suspended = (_ours(ContractStatus.SUSPENDED) or ours)[0]
    for n, types in enumerate(ENQUIRY_TYPES):
        opened = today - datetime.timedelta(days=20 + 40 * n)
        enquiry = actions.record_enquiry(
            service=suspended,
            by=officer,
            today=today,
            kind="s42" if n % 3 != 2 else "care_concern",
            reference=f"SG-2026-{100 + n}",
            risk_types=types,
            risk_source="service_provider",
            risk_location="care_home_nursing",
            opened_on=opened,
            summary="",
        )
        done["safeguarding enquiries"] += 1
        if n >= 2:
            actions.close_enquiry(
                enquiry=enquiry,
                by=manager,
                today=today,
                closed_on=opened + datetime.timedelta(days=30),
                outcome=("reduced", "removed", "remains")[n % 3],
                lessons="Medicines rounds now checked by a second member of staff."
                if enquiry.kind == "care_concern"
                else "",
            )
    other = ours[min(1, len(ours) - 1)]
    actions.record_enquiry(
        service=other,
        by=officer,
        today=today,
        kind="care_concern",
        reference="SG-2026-200",
        risk_types=["neglect"],
        risk_source="service_provider",
        risk_location="care_home_residential",
        opened_on=today - datetime.timedelta(days=9),
        summary="",
    )
    done["safeguarding enquiries"] += 1
    done["provider concerns"] = _provider_concern(suspended, officer, manager, today)
    scored = actions.recompute(today=today)
    done["services scored"] = scored["scored"]
    done["seconds"] = round(time.monotonic() - started, 1)
    return done


def _provider_concern(service, officer, manager, today) -> int:
    """The suspended service's enquiries made a pattern: a whole-service enquiry, its
    strategy meeting held and its plan written (placements were already suspended)."""
    opened = today - datetime.timedelta(days=21)
    concern = actions.open_provider_concern(
        by=manager,
        today=opened,
        service=service,
        triggers=["several_enquiries", "several_agencies"],
        decision="Four section 42 enquiries in six months, two about neglect, and concerns "
        "from the quality nurse and another placing council: a whole-service enquiry.",
        decided_by="Director of Adult Social Services",
        lead_officer=officer,
        opened_on=opened,
    )
    actions.record_strategy_meeting(
        concern=concern,
        by=manager,
        today=opened + datetime.timedelta(days=4),
        held_on=opened + datetime.timedelta(days=4),
        attendees=[
            (officer.get_full_name() or officer.username, "Lead officer", "The council"),
            ("Priya Shah", "Quality nurse", "NHS integrated care board"),
            ("Tom Reid", "Safeguarding adults manager", "The council"),
            ("Ann Cole", "Inspector", "Care Quality Commission"),
        ],
        notes="The provider to be told; weekly unannounced visits; every resident reviewed.",
    )
    actions.update_concern_plan(
        concern=concern,
        by=officer,
        plan="1. Weekly unannounced visits by the lead officer.\n"
        "2. Medicines and pressure-care audits with the quality nurse.\n"
        "3. A review of every resident placed by the council within four weeks.",
        commissioning_intentions="No new placements until the plan is met; the contract "
        "to be reviewed at the next Commissioning and Quality meeting.",
    )
    return 1
