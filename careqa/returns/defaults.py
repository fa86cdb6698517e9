# ruff: noqa: E501 (each field is one line of the format a manager edits)
"""The returns CareQA ships with, in the line format a manager edits them in (rules.py):
the monthly KPI returns for care homes and for home care, the situation return a manager
switches on in a crisis, and a one-off return. `careqa load_return_templates` adds the
missing ones (load_demo runs it); a council's own changes are new versions, kept."""

import datetime

CARE_HOMES = " residential nursing "
HOME_CARE = " domiciliary "

CARE_HOME_KPI = """\
registered_beds | Registered beds | integer | beds | 0 | 400 | As registered with CQC | prefill=beds
occupied_beds | Occupied beds | integer | beds | 0 | 400 | On the last day of the month
vacant_beds | Vacant beds accepting admissions | integer | beds | 0 | 400 | On the last day of the month
funded_by_council | Placements funded by the council | integer | people | 0 | 400 | Funded by us, on the last day of the month
staff_headcount | Staff headcount | integer | people | 0 | 2000 | Everyone employed, full or part time
agency_hours | Agency staff hours | decimal | hours | 0 | 50000 | Hours worked by agency staff this month | alert_above=2000
staff_vacancies | Staff vacancies | integer | posts | 0 | 500 | Posts being recruited to
staff_turnover | Staff turnover in the last 12 months | percentage | | | | Leavers as a share of headcount | alert_above=45
falls | Falls | integer | falls | 0 | 2000 | Every fall this month
falls_with_harm | Falls with harm | integer | falls | 0 | 2000 | Falls that caused an injury | alert_above=5
pressure_ulcers | New pressure ulcers | integer | people | 0 | 400 | Category 2 or above, acquired in the home | alert_above=3
medication_errors | Medication errors | integer | errors | 0 | 2000 | | alert_above=6
safeguarding_referrals | Safeguarding referrals made | integer | referrals | 0 | 400
complaints_received | Complaints received | integer | complaints | 0 | 400
complaints_upheld | Complaints upheld | integer | complaints | 0 | 400
hospital_admissions | Unplanned hospital admissions | integer | people | 0 | 400 | | alert_above=8
dols_applications | DoLS applications made | integer | applications | 0 | 400 | Deprivation of Liberty Safeguards
infection_outbreak | An infection outbreak this month | yes_no | | | | Two or more linked cases of an infection
cqc_rating | Latest CQC rating | choice | | | | As published | choices=outstanding:Outstanding;good:Good;requires_improvement:Requires improvement;inadequate:Inadequate;not_rated:Not yet rated | prefill=rating | optional=yes
"""

CARE_HOME_RULES = """\
occupied_beds <= registered_beds | Occupied beds must be no more than registered beds
vacant_beds <= registered_beds | Vacant beds must be no more than registered beds
funded_by_council <= occupied_beds | Placements funded by the council must be no more than occupied beds
falls_with_harm <= falls | Falls with harm must be no more than falls
complaints_upheld <= complaints_received | Complaints upheld must be no more than complaints received
"""

HOME_CARE_KPI = """\
people_supported | People supported | integer | people | 0 | 5000 | On the last day of the month
hours_planned | Hours of care planned | decimal | hours | 0 | 500000
hours_delivered | Hours of care delivered | decimal | hours | 0 | 500000
missed_calls | Missed calls | integer | calls | 0 | 100000 | Visits that did not happen | alert_above=20
late_calls | Late calls | integer | calls | 0 | 100000 | More than 30 minutes after the planned time
continuity | Continuity of carers | percentage | | | | Visits by one of a person's regular carers | alert_below=50
staff_turnover | Staff turnover in the last 12 months | percentage | | | | Leavers as a share of headcount | alert_above=45
complaints_received | Complaints received | integer | complaints | 0 | 1000
safeguarding_referrals | Safeguarding referrals made | integer | referrals | 0 | 1000
"""

HOME_CARE_RULES = """\
hours_delivered <= hours_planned | Hours delivered must be no more than hours planned
"""

SITUATION = """\
residents_confirmed | Residents with a confirmed infection | integer | people | 0 | 400
residents_suspected | Residents with a suspected infection | integer | people | 0 | 400
staff_confirmed | Staff with a confirmed infection | integer | people | 0 | 2000
staff_suspected | Staff with a suspected infection | integer | people | 0 | 2000
staff_absent | Staff absent for any reason | integer | people | 0 | 2000 | | alert_above=15
ppe_problems | Problems with the supply of PPE | yes_no
admissions_closed | Closed to admissions | yes_no
vacant_beds | Vacant beds | integer | beds | 0 | 400 | | tracker=yes
"""

TRAINING = """\
infection_training | Completed infection-control training | choice | | | | The council's two-part course | choices=both:Both parts;first:First part;none:None
"""


DEFAULTS = (
    {
        "key": "care-home-kpis",
        "name": "Care home monthly KPIs",
        "description": "What each care home tells us every month about its beds, staff and safety.",
        "service_types": CARE_HOMES,
        "period": "monthly",
        "window_opens": 8,
        "window_closes": 14,
        "fields_text": CARE_HOME_KPI,
        "rules_text": CARE_HOME_RULES,
    },
    {
        "key": "home-care-kpis",
        "name": "Home care monthly KPIs",
        "description": "What each home-care agency tells us every month about its care and staff.",
        "service_types": HOME_CARE,
        "period": "monthly",
        "window_opens": 8,
        "window_closes": 14,
        "fields_text": HOME_CARE_KPI,
        "rules_text": HOME_CARE_RULES,
    },
    {
        "key": "situation",
        "name": "Care home situation return",
        "description": (
            "Asked of every care home daily in a crisis (an outbreak, a heatwave): switched on "
            "and off by a QA manager."
        ),
        "service_types": CARE_HOMES,
        "period": "daily",
        "window_opens": 1,
        "window_closes": 2,
        "switched_on": False,
        "fields_text": SITUATION,
        "rules_text": "",
    },
    {
        "key": "infection-training",
        "name": "Infection-control training",
        "description": "A one-off question: how far each care home's staff are through the course.",
        "service_types": CARE_HOMES,
        "period": "one_off",
        "opens_on": datetime.date(2026, 11, 2),
        "closes_on": datetime.date(2026, 12, 18),
        "fields_text": TRAINING,
        "rules_text": "",
    },
)
