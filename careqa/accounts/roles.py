"""The roles people hold in CareQA, in plain English, and what each may do."""

from django.db import models

from careqa.accounts.permissions import Permission as P


class Role(models.TextChoices):
    QA_OFFICER = "qa_officer", "QA officer"
    QA_MANAGER = "qa_manager", "QA manager"
    COMMISSIONER = "commissioner", "Commissioner"
    PARTNER = "partner", "Partner (read only)"
    ADMINISTRATOR = "administrator", "Administrator"
    PROVIDER = "provider", "Provider user"


DESCRIPTIONS = {
    Role.QA_OFFICER: (
        "Carries out monitoring visits, records findings, drafts reports, runs the "
        "providers' action plans and prepares the Commissioning and Quality meeting."
    ),
    Role.QA_MANAGER: (
        "Plans the programme, signs off and issues reports, imports regulator data and "
        "manages contracts."
    ),
    Role.COMMISSIONER: (
        "Reads the register, contracts, issued visit reports, action plans and the meetings' "
        "decisions before placing someone."
    ),
    Role.PARTNER: (
        "A partner such as an NHS quality nurse: reads services, ratings and issued visit "
        "reports, and the visits they join."
    ),
    Role.ADMINISTRATOR: "Manages user accounts and the council's configuration.",
    Role.PROVIDER: (
        "Someone at a care provider, such as its registered manager: uses the provider "
        "portal for their own services only."
    ),
}

# Roles held by people outside the council, limited to one provider's records.
PROVIDER_ROLES = frozenset({Role.PROVIDER})
# Roles an administrator gives on the Users pages. Provider users are invited instead
# (the provider portal), so that each is tied to their provider from the start.
STAFF_ROLES = tuple(role for role in Role if role not in PROVIDER_ROLES)

_READ = {P.VIEW_REGISTER}
_STAFF_READ = _READ | {
    P.VIEW_INSIGHTS,
    P.EXPORT_REGISTER,
    P.VIEW_CONTRACTS,
    P.VIEW_IMPORTS,
    P.VIEW_AUDIT,
    P.VIEW_ISSUED_REPORTS,
    P.VIEW_VISITS,
    P.VIEW_ACTION_PLANS,
    P.VIEW_SUSPENSIONS,
    P.VIEW_ESCALATION,
    P.VIEW_MEETINGS,
    P.VIEW_SHARED_INTELLIGENCE,
    P.VIEW_COUNCIL_INTELLIGENCE,
}
_QA_TEAM = _STAFF_READ | {
    P.NAME_SERVICES,
    P.RECORD_VISITS,
    P.RUN_ACTION_PLANS,
    P.PROPOSE_ESCALATION,
    P.PREPARE_MEETINGS,
    P.VIEW_QA_INTELLIGENCE,
    P.RECORD_INTELLIGENCE,
    P.VIEW_SAFEGUARDING,
    P.RECORD_SAFEGUARDING,
    P.VIEW_RISK,
    P.VIEW_PROVIDER_CONCERNS,
    P.VIEW_PROVIDER_CONCERN_DETAILS,
    P.VIEW_COMPLIANCE,
    P.MANAGE_PROVIDER_USERS,
    P.ANSWER_FACTUAL_ACCURACY,
    P.SEND_PROVIDER_NOTICES,
    P.SHARE_WITH_PROVIDERS,
    P.VIEW_RETURN_TEMPLATES,
    P.VIEW_RETURNS,
    P.SUBMIT_RETURNS,
    P.VIEW_RETURN_FIGURES,
    P.LOAD_CAPACITY_TRACKER,
}

PERMISSIONS = {
    # The portal only: no staff page, whatever is typed (careqa.portal shows them their
    # own services' issued reports, plans, notices and what is shared), and their own
    # services' returns (careqa.returns scopes every read).
    Role.PROVIDER: frozenset(
        {P.USE_PORTAL, P.VIEW_RETURN_TEMPLATES, P.VIEW_RETURNS, P.SUBMIT_RETURNS}
    ),
    # A partner also sees the visits they joined (careqa.visits.access).
    Role.PARTNER: frozenset(
        _READ
        | {
            P.VIEW_INSIGHTS,
            P.VIEW_ISSUED_REPORTS,
            P.VIEW_SUSPENSIONS,
            P.VIEW_SHARED_INTELLIGENCE,
        }
    ),
    Role.COMMISSIONER: frozenset(
        _READ
        | {
            P.VIEW_INSIGHTS,
            P.EXPORT_REGISTER,
            P.VIEW_CONTRACTS,
            P.VIEW_ISSUED_REPORTS,
            P.VIEW_ACTION_PLANS,
            P.VIEW_SUSPENSIONS,
            P.VIEW_ESCALATION,
            # The meetings' decisions (suspensions, defaults), read only.
            P.VIEW_MEETINGS,
            P.VIEW_SHARED_INTELLIGENCE,
            P.VIEW_COUNCIL_INTELLIGENCE,
            P.VIEW_SAFEGUARDING,
            # That a provider concern is open, and the compliance status it turns red.
            P.VIEW_PROVIDER_CONCERNS,
            P.VIEW_COMPLIANCE,
            # The returns asked and who sent them, their figures and summaries; not single
            # returns or who is late.
            P.VIEW_RETURN_TEMPLATES,
            P.VIEW_RETURN_FIGURES,
        }
    ),
    Role.QA_OFFICER: frozenset(_QA_TEAM),
    Role.QA_MANAGER: frozenset(
        _QA_TEAM
        | {
            P.MANAGE_CONTRACTS,
            P.IMPORT_REGULATOR_DATA,
            P.MANAGE_COMPARATOR_GROUPS,
            P.PLAN_PROGRAMME,
            P.ISSUE_REPORTS,
            P.DECIDE_ESCALATION,
            P.MANAGE_RISK_WEIGHTS,
            P.MANAGE_PROVIDER_CONCERNS,
            P.MANAGE_RETURN_TEMPLATES,
        }
    ),
    Role.ADMINISTRATOR: frozenset(
        _STAFF_READ
        | {
            P.MANAGE_CONTRACTS,
            P.IMPORT_REGULATOR_DATA,
            P.MANAGE_USERS,
            P.MANAGE_PROVIDER_USERS,
            P.CONFIGURE_COUNCIL,
            P.MANAGE_COMPARATOR_GROUPS,
        }
    ),
}
