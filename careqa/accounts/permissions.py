"""Every permission CareQA checks, named for what it lets a person do."""

from enum import StrEnum


class Permission(StrEnum):
    VIEW_REGISTER = "view_register"
    # The market figures: our council beside others and England (not for provider users).
    VIEW_INSIGHTS = "view_insights"
    EXPORT_REGISTER = "export_register"
    VIEW_CONTRACTS = "view_contracts"
    MANAGE_CONTRACTS = "manage_contracts"
    VIEW_IMPORTS = "view_imports"
    IMPORT_REGULATOR_DATA = "import_regulator_data"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    CONFIGURE_COUNCIL = "configure_council"
    MANAGE_COMPARATOR_GROUPS = "manage_comparator_groups"
    # Give a service the team's own name (beside the regulator's).
    NAME_SERVICES = "name_services"
    # Monitoring visits.
    VIEW_ISSUED_REPORTS = "view_issued_reports"  # issued reports and judgements, no drafts
    VIEW_VISITS = "view_visits"  # every visit, its record and draft reports
    RECORD_VISITS = "record_visits"
    PLAN_PROGRAMME = "plan_programme"  # the annual programme, lead officers, capacity
    ISSUE_REPORTS = "issue_reports"  # sign off and issue a report
    # Action plans: what the provider must put right after a visit, and its progress.
    VIEW_ACTION_PLANS = "view_action_plans"
    RUN_ACTION_PLANS = "run_action_plans"  # add items, enter responses, move and verify them
    # Escalation (careqa.escalation): suspensions of new placements affect every placement,
    # so everyone on the staff sees them; default notices and the ladder are the council's.
    VIEW_SUSPENSIONS = "view_suspensions"
    VIEW_ESCALATION = "view_escalation"
    PROPOSE_ESCALATION = "propose_escalation"
    DECIDE_ESCALATION = "decide_escalation"
    # Meetings (careqa.meetings): the Commissioning and Quality meeting, its agenda, pack,
    # decisions and minutes; partners see none of it.
    VIEW_MEETINGS = "view_meetings"
    PREPARE_MEETINGS = "prepare_meetings"  # build agendas, record decisions, approve minutes
    # Intelligence (careqa.risk): each sharing level has its own permission, so that an
    # entry reaches only those who may read its level, by any route.
    VIEW_SHARED_INTELLIGENCE = "view_shared_intelligence"  # "shareable with partners"
    VIEW_COUNCIL_INTELLIGENCE = "view_council_intelligence"  # "council staff"
    VIEW_QA_INTELLIGENCE = "view_qa_intelligence"  # "QA team only"
    RECORD_INTELLIGENCE = "record_intelligence"
    # Safeguarding enquiries (section 42 and care concerns) about a service.
    VIEW_SAFEGUARDING = "view_safeguarding"
    RECORD_SAFEGUARDING = "record_safeguarding"
    # The risk score and its reasons (they count restricted entries, so the QA team's).
    VIEW_RISK = "view_risk"
    MANAGE_RISK_WEIGHTS = "manage_risk_weights"
    # Provider concerns (organisational safeguarding): commissioners may know one is open
    # before placing someone; its decision, meeting, plan and findings are the QA team's.
    VIEW_PROVIDER_CONCERNS = "view_provider_concerns"
    VIEW_PROVIDER_CONCERN_DETAILS = "view_provider_concern_details"
    MANAGE_PROVIDER_CONCERNS = "manage_provider_concerns"  # open, meeting, plan, close
    # The compliance status (green, amber, red) and its dashboard.
    VIEW_COMPLIANCE = "view_compliance"
    # The provider portal (careqa.portal): provider users' own pages and the team's side of
    # them. Provider users hold USE_PORTAL and nothing else.
    USE_PORTAL = "use_portal"
    MANAGE_PROVIDER_USERS = "manage_provider_users"  # invite, suspend, let back in
    ANSWER_FACTUAL_ACCURACY = "answer_factual_accuracy"  # the council's answer to a comment
    SEND_PROVIDER_NOTICES = "send_provider_notices"
    SHARE_WITH_PROVIDERS = "share_with_providers"  # an intelligence entry shown to its provider
    # Data returns (careqa.returns): a provider user submits and sees their own services'
    # returns; the QA team enters them for providers, sees who is late and loads the
    # Capacity Tracker; managers define the templates and switch the situation return on.
    VIEW_RETURN_TEMPLATES = "view_return_templates"  # which returns are asked, and who sent
    VIEW_RETURNS = "view_returns"
    SUBMIT_RETURNS = "submit_returns"
    VIEW_RETURN_FIGURES = "view_return_figures"  # the area's figures across services
    MANAGE_RETURN_TEMPLATES = "manage_return_templates"
    LOAD_CAPACITY_TRACKER = "load_capacity_tracker"  # the NHS Capacity Tracker's export
