"""The demo's provider portal: a provider user for a group of homes in our area, with
issued reports, an action plan to answer, a notice with a survey form, an intelligence
entry shared with them, and an answered factual-accuracy comment.

Made through the same actions the team uses, after the visits and plans are loaded, with
the risk listeners paused (the scores are computed once, at the end).
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from careqa.accounts.actions import add_user
from careqa.accounts.models import User
from careqa.accounts.roles import Role
from careqa.areas.models import CouncilProfile
from careqa.plans import actions as plan_actions
from careqa.plans.models import ActionPlan
from careqa.portal import actions
from careqa.providers.models import Provider, Service
from careqa.visits import actions as visit_actions
from careqa.visits.models import Report
from careqa.visits.vocab import ReportStatus

USERNAME = "provider"
NAME = ("Rita", "Mensah")


def demo_provider_user():
    return User.objects.filter(username=USERNAME).select_related("scope_provider").first()


def _group(our_area):
    """The provider with the most active care homes in our area that has an issued report
    and an open plan not yet answered (deterministic: ties by the regulator's ID)."""
    # A private or voluntary group, as most are: not the council's own homes.
    homes = Q(
        services__council__in=our_area,
        services__active=True,
        services__care_home=True,
        services__sector__in=("private", "voluntary"),
    )
    unanswered = ActionPlan.objects.filter(status="open", responses__isnull=True)
    issued = Report.objects.filter(status=ReportStatus.ISSUED)
    candidates = (
        Provider.objects.annotate(homes=Count("services", filter=homes, distinct=True))
        .filter(homes__gte=2)
        .order_by("-homes", "provider_id")
    )
    with_reports = candidates.filter(services__visits__reports__in=issued).distinct()
    with_plan = with_reports.filter(services__action_plans__in=unanswered).distinct()
    return with_plan.first() or with_reports.first() or candidates.first()


SURVEY_COLUMNS = ("Service", "Staff", "Completed both parts", "First part only", "None")


def _survey_form() -> SimpleUploadedFile:
    """The survey's form: a one-sheet workbook with its column headings, written as the
    few XML parts an XLSX needs (openpyxl alone takes longer to import than the portal's
    whole demo takes to load)."""
    import zipfile
    from xml.sax.saxutils import escape

    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
        for i, text in enumerate(SURVEY_COLUMNS)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
            '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rels}"><sheets>'
            '<sheet name="Training" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}"><sheetData><row r="1">{cells}</row></sheetData></worksheet>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, xml in parts.items():
            book.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)
    return SimpleUploadedFile("Infection-control training survey.xlsx", buffer.getvalue())


@transaction.atomic
def load_portal(*, users, today: datetime.date, password: str) -> dict:
    from careqa.risk.actions import record_intelligence

    officer, manager = users[Role.QA_OFFICER], users[Role.QA_MANAGER]
    profile = CouncilProfile.objects.first()
    our_area = list(profile.our_area.all()) if profile else []
    provider = _group(our_area)
    if provider is None:
        return {"provider users": 0}
    add_user(
        password=password,
        by="Demo loader",
        scope_provider=provider,
        username=USERNAME,
        first_name=NAME[0],
        last_name=NAME[1],
        role=Role.PROVIDER,
        email=f"{USERNAME}@careqa-demo.example",
        job_title="Nominated individual",
        organisation=str(provider),
    )
    rita = demo_provider_user()
    homes = list(
        Service.objects.filter(provider=provider, council__in=our_area, active=True).order_by(
            "name"
        )
    )
    # An action plan waiting for the provider's response, if the visits left none.
    if not ActionPlan.objects.filter(service__in=homes, status="open", responses__isnull=True):
        plan = plan_actions.open_plan(service=homes[0], by=officer, today=today)
        for remedy in (
            "Record every resident's fluid intake on the chart, each shift",
            "Review the night staffing against residents' assessed needs",
        ):
            plan_actions.add_item(
                plan=plan,
                by=officer,
                today=today,
                area="safe",
                remedy=remedy,
                priority="medium",
                evidence_needed="A month of completed charts or rotas",
                owner="",
                source="desktop_monitoring",
            )
    # A factual-accuracy comment on its latest report, answered.
    latest = (
        Report.objects.filter(visit__service__in=homes, status=ReportStatus.ISSUED)
        .order_by("-issued_on", "-pk")
        .first()
    )
    comments = 0
    if latest is not None:
        made = timezone.make_aware(
            datetime.datetime.combine(latest.issued_on, datetime.time(10, 30))
        )
        comment = (
            visit_actions.comment_on_report(
                report=latest,
                by=rita,
                where="About the visit",
                comment="The report names the deputy manager as acting manager; she was on leave.",
                now=made,
            )
            if _window_open(latest, made)
            else None
        )
        if comment is not None:
            visit_actions.answer_comment(
                comment=comment,
                by=officer,
                accept=False,
                answer="The deputy introduced herself as acting manager on the day; "
                "the report records what we were told.",
                now=made + datetime.timedelta(days=1),
            )
            comments = 1
    # An intelligence entry shareable with partners, shared with the provider.
    entry = record_intelligence(
        by=officer,
        today=today,
        service=homes[0],
        source="feedback",
        received_on=today - datetime.timedelta(days=12),
        summary="Relatives at the residents' meeting praised the new activities programme "
        "and asked for more trips out.",
        key_question="responsive",
        severity="low",
        sharing=1,
    )
    actions.share_entry(entry=entry, by=officer)
    councils = [c for c in our_area if Service.objects.filter(council=c, care_home=True).exists()]
    notice = actions.send_notice(
        by=manager,
        kind="survey",
        title="Infection-control training: who has completed it?",
        body="Please tell us how many of your staff have completed both parts of the "
        "infection-control training, the first part only, or neither. Fill in the attached "
        "form and return it to the QA team by the end of the month.",
        service_types=["residential", "nursing"],
        councils=councils or our_area,
        documents=[_survey_form()],
    )
    return {
        "provider users": 1,
        "their homes": len(homes),
        "notices": 1,
        "providers told": notice.recipients.count(),
        "shared entries": 1,
        "factual-accuracy comments": comments,
    }


def _window_open(report, when):
    from django.conf import settings

    from careqa.visits.rules.deadlines import factual_accuracy_open

    return factual_accuracy_open(
        report.issued_on,
        today=timezone.localdate(when),
        working_days=settings.CAREQA_FACTUAL_ACCURACY_WORKING_DAYS,
    )
