"""Default question sets for monitoring visits, one per kind of service (version 1).

A council QA officer starts a monitoring visit from the default set for the kind of
service being visited, then adds, drops or rewords questions as the visit needs. Adult
kinds group their questions under CQC's five key questions (safe, effective, caring,
responsive, well_led); children's kinds under Ofsted's three areas (experiences_progress,
help_protection, leadership). The area codes are the same strings as
``careqa.providers.vocab.CQC_KEY_QUESTIONS`` and ``OFSTED_AREAS``; they are repeated here
so that this module stays pure Python, with no Django import.

Each question names the kinds of evidence the officer should seek, using CQC's six
evidence categories, and may carry ``references`` for councils that map their findings to
a framework: for adult kinds the CQC single assessment framework quality statement, for
children's homes the Children's Homes (England) Regulations 2015, for fostering agencies
the Fostering Services (England) Regulations 2011 and the Fostering Services National
Minimum Standards (2011). A reference is given only where the regulation or statement
named is certain; otherwise the dict is empty. Every question and every piece of guidance
is written for CareQA and quotes no published framework.

The question objects are frozen. ``references`` is a plain dict (so that it can be stored
in a JSON field as it is) and is left out of the hash; treat it as read-only, and copy it
(``dict(question.references)``) before changing it.

Keys are stable: a visit records the key of each default question it used, so a key must
never be reused for a different question. Reword a question freely; to change what a
question asks, give it a new key and bump the version.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

VERSION = 1

EVIDENCE_CATEGORIES = {
    "people_experience": "People's experience",
    "staff_feedback": "Feedback from staff and leaders",
    "partner_feedback": "Feedback from partners",
    "observation": "Observation",
    "processes": "Processes",
    "outcomes": "Outcomes",
}

SERVICE_KINDS = {
    "care_home_nursing": "Care home with nursing",
    "care_home": "Care home without nursing",
    "home_care": "Home care",
    "supported_living": "Supported living",
    "extra_care": "Extra care housing",
    "day_service": "Day service",
    "childrens_home": "Children's home",
    "fostering_agency": "Independent fostering agency",
}

CHILDREN_KINDS = frozenset({"childrens_home", "fostering_agency"})

# The same codes, in the same order, as providers.vocab.CQC_KEY_QUESTIONS and OFSTED_AREAS.
ADULT_AREAS = ("safe", "effective", "caring", "responsive", "well_led")
CHILDREN_AREAS = ("experiences_progress", "help_protection", "leadership")

# The framework names used as keys of DefaultQuestion.references.
CQC_QS = "CQC quality statement"
CHILDRENS_HOMES_REGS = "Children's Homes Regulations 2015"
FOSTERING_REGS = "Fostering Services Regulations 2011"
FOSTERING_NMS = "Fostering National Minimum Standards"


@dataclass(frozen=True)
class DefaultQuestion:
    key: str
    area: str
    text: str
    guidance: str
    evidence: tuple[str, ...]
    references: dict = field(default_factory=dict, hash=False)


# Short names for the evidence categories, to keep the tables below readable.
PE = "people_experience"
SF = "staff_feedback"
PF = "partner_feedback"
OB = "observation"
PR = "processes"
OU = "outcomes"


def _adult(key, area, text, guidance, evidence, statement=None):
    refs = {CQC_QS: statement} if statement else {}
    return DefaultQuestion(key, area, text, guidance, tuple(evidence), refs)


def _home(key, area, text, guidance, evidence, regulation=None):
    refs = {CHILDRENS_HOMES_REGS: regulation} if regulation else {}
    return DefaultQuestion(key, area, text, guidance, tuple(evidence), refs)


def _fostering(key, area, text, guidance, evidence, regulation=None, standard=None):
    refs = {}
    if regulation:
        refs[FOSTERING_REGS] = regulation
    if standard:
        refs[FOSTERING_NMS] = standard
    return DefaultQuestion(key, area, text, guidance, tuple(evidence), refs)


# --- Questions every adult kind asks, worded for the people and the place ------------------


def _safeguarding(people, extra=""):
    return _adult(
        "safeguarding-concerns-acted-on",
        "safe",
        f"Do staff know how to recognise and report abuse or neglect of {people}, and are "
        "concerns passed to the council without delay?",
        "Staff can describe the signs of abuse and who they would tell, including someone "
        "outside the service if they needed to. Concerns are referred to the council's "
        f"safeguarding team promptly, and CQC is told where the law requires it.{extra}",
        (SF, PR, PF),
        "Safeguarding",
    )


def _learning_from_incidents(people):
    return _adult(
        "learning-from-incidents",
        "safe",
        "When things go wrong, does the service look into what happened, tell the people "
        "affected and learn from it?",
        "Accidents, incidents and near misses are recorded and reviewed for patterns. The "
        f"service is open and honest with {people} and their families when something has "
        "gone wrong, and lessons are shared with staff and lead to changes.",
        (PR, SF, OU),
        "Learning culture",
    )


def _consent(people, authorisation):
    return _adult(
        "consent-and-capacity",
        "effective",
        f"Do staff ask {people} for their consent before giving care, and follow the Mental "
        "Capacity Act when someone cannot decide for themselves?",
        "Capacity is assessed for specific decisions, and best-interests decisions involve the "
        f"person and those close to them and are recorded.{authorisation}",
        (PR, SF, OB),
        "Consent to care and treatment",
    )


def _dignity(people, privacy):
    return _adult(
        "dignity-and-privacy",
        "caring",
        f"Are {people} treated with dignity and respect, and is their privacy protected?",
        f"Staff speak to and about people respectfully. {privacy}",
        (PE, OB),
        "Kindness, compassion and dignity",
    )


def _complaints(people, extra=""):
    return _adult(
        "complaints-handled-well",
        "responsive",
        f"Do {people} and their families know how to complain, and are complaints "
        "answered fairly and used to improve the service?",
        "The complaints procedure is easy to find and in formats people can use. The log "
        f"shows each complaint was acknowledged, looked into and answered on time.{extra}",
        (PE, PR),
        "Listening to and involving people",
    )


def _registered_manager(place, extra=""):
    return _adult(
        "registered-manager-in-post",
        "well_led",
        f"Is there a registered manager in post, and do people, families and staff find "
        f"the leaders of {place} visible and approachable?",
        "The registered manager is named on CQC's register, or an application is in hand "
        f"with an interim manager in charge. Staff know who to go to and feel supported.{extra}",
        (SF, PE, PR),
        "Capable, compassionate and inclusive leaders",
    )


_CQC_DUTIES = "CQC notifications are sent as required and the current CQC rating is on display."


def _governance(audits, duties=_CQC_DUTIES):
    return _adult(
        "quality-checks-and-governance",
        "well_led",
        "Do the provider's own quality checks find problems and make sure they are put right?",
        f"There is a programme of audits, for example of {audits}, with actions that have "
        f"owners and dates and are followed through. {duties}",
        (PR, SF, OU),
        "Governance, management and sustainability",
    )


def _speak_up():
    return _adult(
        "staff-can-speak-up",
        "well_led",
        "Do staff feel able to raise concerns, including whistleblowing, without fear of "
        "how they will be treated?",
        "Staff know the whistleblowing policy and who they can go to outside the service. "
        "Leaders can give examples of concerns raised by staff and what they did about them.",
        (SF, PR),
        "Freedom to speak up",
    )


def _learning_and_improvement(people, how):
    return _adult(
        "acting-on-feedback",
        "well_led",
        f"Does the service ask {people} and their families for their views and act on what "
        "they say?",
        f"Views are gathered regularly, for example through {how}. People can point to "
        "changes made because of their feedback, and there is an improvement plan that "
        "includes findings from CQC and the council.",
        (PE, PR, OU),
        "Learning, improvement and innovation",
    )


_DOLS = (
    " Where care amounts to a deprivation of liberty, the home has applied to the council for "
    "an authorisation, tracks when each one expires and meets any conditions."
)
_COURT = (
    " Where care in the person's own home amounts to a deprivation of liberty, the provider "
    "has told the council so that it can ask the Court of Protection to authorise it."
)


# --- Care home with nursing ----------------------------------------------------------------

_CARE_HOME_NURSING = (
    _safeguarding("residents"),
    _adult(
        "nurse-staffing-on-every-shift",
        "safe",
        "Are there enough registered nurses and care staff on every shift, day and night, to "
        "meet residents' nursing and personal care needs?",
        "Rotas match a staffing level worked out from residents' assessed needs, with a "
        "registered nurse on duty at all times. Agency nurses are inducted to the home, and "
        "call bells are answered promptly.",
        (OB, PR, PE, SF),
        "Safe and effective staffing",
    ),
    _adult(
        "nurse-competence-and-training",
        "safe",
        "Are staff recruited safely, and do nurses and care staff have up-to-date training "
        "and checked clinical skills?",
        "Staff files show references, employment history and Disclosure and Barring Service "
        "checks, and nurses' registration is checked. Training is up to date, and nurses' "
        "competence in tasks such as catheter care, syringe drivers and wound care is assessed.",
        (PR, SF),
        "Safe and effective staffing",
    ),
    _adult(
        "medicines-managed-safely",
        "safe",
        "Are medicines, including controlled drugs and time-critical medicines, ordered, "
        "stored, given and recorded safely?",
        "Medicine records are complete with no unexplained gaps, and controlled drug checks "
        "are up to date. Medicines given only when needed have clear instructions, and "
        "medicines are reviewed with the GP or pharmacist.",
        (PR, OB, OU),
        "Medicines optimisation",
    ),
    _adult(
        "pressure-care",
        "safe",
        "How does the home prevent pressure ulcers, and what happens when a resident's skin "
        "starts to break down?",
        "Skin is assessed on admission and reviewed regularly, and repositioning and pressure-"
        "relieving equipment follow the care plan. Any pressure damage is reported, referred "
        "to tissue viability nurses where needed and reviewed to learn how it happened.",
        (PR, OB, OU, PF),
        "Involving people to manage risks",
    ),
    _adult(
        "infection-prevention-control",
        "safe",
        "Is the home clean, and do staff follow good infection prevention and control practice?",
        "Bedrooms, bathrooms, communal areas and equipment such as hoists and mattresses are "
        "clean and in good repair. Staff use protective equipment properly, and outbreaks are "
        "reported and managed with the local health protection team.",
        (OB, PR),
        "Infection prevention and control",
    ),
    _learning_from_incidents("residents"),
    _adult(
        "clinical-oversight",
        "effective",
        "Is there clear clinical leadership, with nurses watching for changes in residents' "
        "health and acting on them promptly?",
        "Nurses use recognised tools to spot a resident becoming unwell, such as early warning "
        "scores, and get medical advice quickly. A clinical lead regularly reviews wounds, "
        "weights, infections, falls and hospital admissions.",
        (PR, SF, OU),
        "Delivering evidence-based care and treatment",
    ),
    _adult(
        "assessed-before-admission",
        "effective",
        "Does the home assess each person's nursing and care needs before they move in, and "
        "only admit people whose needs it can meet?",
        "Pre-admission assessments are completed and signed, and use information from the "
        "hospital, the council or the NHS. Care plans are in place within a day or two of "
        "arrival.",
        (PR, PF),
        "Assessing needs",
    ),
    _adult(
        "eating-and-drinking",
        "effective",
        "Are residents helped to eat and drink enough, and are weight loss and swallowing "
        "difficulties spotted and acted on?",
        "Weights are monitored and nutrition risk is scored, with referrals to dietitians or "
        "speech and language therapists. Texture-modified diets and thickened drinks match "
        "the latest advice, and people who need help to eat are not rushed.",
        (OB, PR, OU, PE),
        "Supporting people to live healthier lives",
    ),
    _adult(
        "working-with-health-professionals",
        "effective",
        "How well does the home work with GPs, community health teams, hospitals and other "
        "professionals?",
        "There are regular GP or multidisciplinary rounds, and advice from visiting "
        "professionals is recorded and followed. Hospital transfers and discharges come with "
        "the information needed.",
        (PF, PR, SF),
        "How staff, teams and services work together",
    ),
    _consent("residents", _DOLS),
    _dignity(
        "residents",
        "Personal and nursing care take place behind closed doors, and residents are "
        "dressed, clean and comfortable in the way they would want.",
    ),
    _adult(
        "warm-and-kind-interactions",
        "caring",
        "Do staff talk with residents warmly and patiently, including people living with "
        "dementia and people who cannot easily communicate?",
        "Staff take time to engage rather than only carrying out tasks, and residents who are "
        "in bed or in their rooms are not forgotten. A period of structured observation in "
        "communal areas can help show this.",
        (OB, PE),
        "Kindness, compassion and dignity",
    ),
    _adult(
        "knowing-each-resident",
        "caring",
        "Do staff know each resident's life history, culture, faith and preferences, and use "
        "them in everyday care?",
        "Care records include a life story or 'about me' document, and staff can talk about "
        "residents as people rather than by their care needs.",
        (SF, PR, PE),
        "Treating people as individuals",
    ),
    _adult(
        "choice-and-independence",
        "caring",
        "Are residents supported to make choices about their day and keep as much "
        "independence as they can?",
        "Residents choose when to get up, what to wear and where to spend their time, and "
        "equipment and encouragement help them do things for themselves.",
        (PE, OB),
        "Independence, choice and control",
    ),
    _adult(
        "responding-to-pain-and-distress",
        "caring",
        "Do staff notice and respond quickly when a resident is in pain, distressed or "
        "uncomfortable?",
        "Pain is assessed, including with tools for people who cannot say they are in pain, "
        "and staff respond to distress with comfort rather than leaving people alone.",
        (OB, PR, PE),
        "Responding to people's immediate needs",
    ),
    _adult(
        "person-centred-care-plans",
        "responsive",
        "Are care plans written with the resident and their family, kept up to date and "
        "followed by staff?",
        "Plans describe how the person likes to be cared for, not just the tasks, and are "
        "reviewed at least monthly and whenever needs change. Daily notes show the plan being "
        "followed.",
        (PR, PE, SF),
        "Person-centred care",
    ),
    _adult(
        "end-of-life-care",
        "responsive",
        "Are residents' wishes for the end of their life known and respected, and are they "
        "kept comfortable as they die?",
        "Advance care plans and any 'do not attempt resuscitation' decisions are recorded and "
        "were discussed with the person or their family. Anticipatory medicines are in place "
        "when needed, and the home works with palliative care teams.",
        (PR, PE, PF, SF),
        "Planning for the future",
    ),
    _adult(
        "meaningful-activity",
        "responsive",
        "Do residents have meaningful things to do each day, including those who are cared "
        "for in bed?",
        "Activities reflect residents' interests and abilities, and there is one-to-one "
        "time for people who cannot join group activities.",
        (OB, PE, PR),
        "Person-centred care",
    ),
    _adult(
        "information-people-can-use",
        "responsive",
        "Is information given to residents in a way they can understand?",
        "Communication needs are recorded, and information such as menus, activities and the "
        "complaints procedure is available in large print, pictures or other languages where "
        "needed.",
        (OB, PR, PE),
        "Providing information",
    ),
    _adult(
        "visits-and-relationships",
        "responsive",
        "Can residents see their family and friends when they want to, and do families feel "
        "involved in their care?",
        "Visiting is open and welcoming, with private space available, and any limits on "
        "visiting are individual, justified and reviewed.",
        (PE, OB, PR),
        "Person-centred care",
    ),
    _complaints("residents"),
    _registered_manager("the home"),
    _governance("medicines, care plans, pressure care, falls, infection control and weights"),
    _speak_up(),
    _learning_and_improvement("residents", "residents' and relatives' meetings and surveys"),
    _adult(
        "partnership-working",
        "well_led",
        "Does the home work openly with the council, the NHS and other partners, and share "
        "information when asked?",
        "Monthly returns and Capacity Tracker updates are made on time, and the home joins "
        "provider forums and quality improvement work.",
        (PF, PR),
        "Partnerships and communities",
    ),
)


# --- Care home without nursing -------------------------------------------------------------

_CARE_HOME = (
    _safeguarding("residents"),
    _adult(
        "staffing-day-and-night",
        "safe",
        "Are there enough care staff, day and night, to meet residents' needs and keep them safe?",
        "Staffing is worked out from residents' needs and rotas show it is kept to, including "
        "at night and weekends. Call bells are answered promptly, and communal areas are not "
        "left without staff.",
        (OB, PR, PE, SF),
        "Safe and effective staffing",
    ),
    _adult(
        "medicines-managed-safely",
        "safe",
        "Are medicines ordered, stored, given and recorded safely by staff who have been "
        "trained and checked?",
        "Medicine records are complete with no unexplained gaps, and staff who give medicines "
        "have had their competence assessed. Medicines given only when needed have clear "
        "instructions.",
        (PR, OB, OU),
        "Medicines optimisation",
    ),
    _adult(
        "falls-and-other-risks",
        "safe",
        "Are risks such as falls, choking and skin damage assessed and managed without "
        "restricting residents more than necessary?",
        "Risk assessments are current, reflect what the person wants and are followed by "
        "staff. Falls are reviewed for patterns and lead to referrals, for example to the "
        "falls team, and community nurses are involved early with any skin damage.",
        (PR, SF, OU),
        "Involving people to manage risks",
    ),
    _adult(
        "safe-premises",
        "safe",
        "Is the building safe, with fire safety, equipment and water checks up to date?",
        "Fire risk assessments, drills and personal evacuation plans are current, and hoists, "
        "slings and lifts have been serviced. Window restrictors and hot water temperatures "
        "are checked, and hazards such as cleaning products are locked away.",
        (OB, PR),
        "Safe environments",
    ),
    _adult(
        "infection-prevention-control",
        "safe",
        "Is the home clean, and do staff follow good infection prevention and control practice?",
        "Bedrooms, bathrooms, communal areas and equipment are clean and in good repair, and "
        "laundry is handled safely. Staff use protective equipment properly, and outbreaks "
        "are reported to the local health protection team.",
        (OB, PR),
        "Infection prevention and control",
    ),
    _learning_from_incidents("residents"),
    _adult(
        "assessed-before-admission",
        "effective",
        "Does the home assess each person's needs before they move in, and only admit people "
        "whose needs it can meet without nursing care?",
        "Pre-admission assessments are completed and use information from the council, the "
        "hospital and the family. The home asks for a review when someone's needs grow beyond "
        "what it can safely meet.",
        (PR, PF),
        "Assessing needs",
    ),
    _adult(
        "spotting-changes-in-health",
        "effective",
        "Do staff notice when a resident becomes unwell and get help from the GP, community "
        "nurses or other health services quickly?",
        "Staff know the signs of common problems such as infections, dehydration and delirium, "
        "and records show when advice was sought and followed. Visiting health professionals "
        "say the home contacts them at the right time.",
        (PR, PF, SF),
        "How staff, teams and services work together",
    ),
    _adult(
        "eating-and-drinking",
        "effective",
        "Are residents offered food and drink they enjoy, and are weight loss and swallowing "
        "difficulties spotted and acted on?",
        "Mealtimes are relaxed, with choice and help for people who need it. Weights are "
        "monitored, with referrals to dietitians or speech and language therapists when "
        "needed.",
        (OB, PE, PR, OU),
        "Supporting people to live healthier lives",
    ),
    _adult(
        "staff-training-and-supervision",
        "effective",
        "Have staff had the induction, training and supervision they need, including in "
        "dementia care?",
        "New staff complete an induction such as the Care Certificate, training records are "
        "up to date, and staff have regular supervision. Staff can explain how their training "
        "shapes the way they support people living with dementia.",
        (PR, SF),
        "Safe and effective staffing",
    ),
    _consent("residents", _DOLS),
    _dignity(
        "residents",
        "Personal care takes place behind closed doors, staff knock before entering rooms, "
        "and residents are dressed and groomed in the way they would choose.",
    ),
    _adult(
        "warm-and-kind-interactions",
        "caring",
        "Do staff talk with residents warmly and patiently, including people living with dementia?",
        "Staff take time to engage with people rather than only carrying out tasks, and "
        "respond calmly to confusion or distress.",
        (OB, PE),
        "Kindness, compassion and dignity",
    ),
    _adult(
        "knowing-each-resident",
        "caring",
        "Do staff know each resident's life history, culture, faith and preferences, and use "
        "them in everyday care?",
        "Care records include a life story or 'about me' document, and staff can talk about "
        "residents as people rather than by their care needs.",
        (SF, PR, PE),
        "Treating people as individuals",
    ),
    _adult(
        "choice-and-independence",
        "caring",
        "Are residents supported to make choices about their day and to do as much for "
        "themselves as they can?",
        "Residents choose when to get up, what to eat and where to spend their time, and are "
        "encouraged to keep their skills, for example by helping with everyday tasks if "
        "they wish.",
        (PE, OB),
        "Independence, choice and control",
    ),
    _adult(
        "responding-to-distress",
        "caring",
        "Do staff notice and respond quickly when a resident is in pain, anxious or distressed?",
        "Staff know each resident's signs of pain or distress, including people living with "
        "dementia who cannot say how they feel, and respond with comfort and practical help.",
        (OB, PE, PR),
        "Responding to people's immediate needs",
    ),
    _adult(
        "person-centred-care-plans",
        "responsive",
        "Are care plans written with the resident and their family, kept up to date and "
        "followed by staff?",
        "Plans describe how the person likes to be supported, not just the tasks, and are "
        "reviewed regularly and whenever needs change. Daily notes show the plan being "
        "followed.",
        (PR, PE, SF),
        "Person-centred care",
    ),
    _adult(
        "meaningful-activity",
        "responsive",
        "Do residents have meaningful things to do each day, inside the home and out in the "
        "community?",
        "Activities reflect residents' interests and abilities, people go out when they want "
        "to, and there is one-to-one time for people who do not join groups.",
        (OB, PE, PR),
        "Person-centred care",
    ),
    _adult(
        "end-of-life-wishes",
        "responsive",
        "Are residents' wishes for the end of their life known, and can the home support them "
        "to stay there if that is what they want?",
        "Advance care plans are recorded and were discussed with the person or their family. "
        "The home works with community nurses and palliative care teams so that people can "
        "die comfortably in familiar surroundings.",
        (PR, PE, PF),
        "Planning for the future",
    ),
    _adult(
        "visits-and-relationships",
        "responsive",
        "Can residents see their family and friends when they want to and keep up their "
        "links with the local community?",
        "Visiting is open and welcoming, with private space available, and any limits on "
        "visiting are individual, justified and reviewed.",
        (PE, OB, PR),
        "Person-centred care",
    ),
    _complaints("residents"),
    _registered_manager("the home"),
    _governance("medicines, care plans, falls, infection control and the environment"),
    _speak_up(),
    _learning_and_improvement("residents", "residents' and relatives' meetings and surveys"),
    _adult(
        "partnership-working",
        "well_led",
        "Does the home work openly with the council, the NHS and other partners, and share "
        "information when asked?",
        "Monthly returns and Capacity Tracker updates are made on time, and the home joins "
        "provider forums and takes up training offered by partners.",
        (PF, PR),
        "Partnerships and communities",
    ),
)


# --- Home care -----------------------------------------------------------------------------

_HOME_CARE = (
    _adult(
        "missed-and-late-calls",
        "safe",
        "How many calls have been missed or late in recent months, and what happens when a "
        "carer cannot arrive on time?",
        "The agency records missed and late calls, looks into each missed call and tells the "
        "person, their family and the council. People at most risk, such as those who need "
        "medicines or help to eat, are visited first when staff are short.",
        (PR, OU, PE),
        "Safe and effective staffing",
    ),
    _safeguarding(
        "people who use the service",
        " Carers know what to do if they find a person unwell, hurt or not answering the door.",
    ),
    _adult(
        "medicines-support-at-home",
        "safe",
        "Where carers help with medicines, is it clear what support each person needs, and "
        "are records accurate?",
        "Care plans say whether carers prompt, assist or give medicines, and medicine records "
        "kept in the home are complete and checked by the office. Carers who give medicines "
        "have had their competence assessed.",
        (PR, OB, SF),
        "Medicines optimisation",
    ),
    _adult(
        "risks-in-the-home",
        "safe",
        "Are risks in each person's home, such as moving and handling, falls and access, "
        "assessed and reviewed?",
        "Risk assessments cover the home environment, equipment and how carers get in, for "
        "example through a key safe. Equipment is checked, and the number of carers at each "
        "call matches the assessment.",
        (PR, SF, OB),
        "Involving people to manage risks",
    ),
    _adult(
        "safe-recruitment",
        "safe",
        "Are carers recruited safely, with references, a full employment history and a "
        "Disclosure and Barring Service check before they work alone?",
        "Staff files are complete, gaps in employment have been explained, and any "
        "sponsorship and right-to-work checks for overseas staff are in order.",
        (PR,),
        "Safe and effective staffing",
    ),
    _adult(
        "safe-start-after-hospital",
        "safe",
        "When someone starts with the agency after a hospital stay, is their care in place "
        "safely from the first visit?",
        "The agency gets the information it needs before the first call, including medicines "
        "and equipment, and raises concerns quickly if the discharge plan does not work.",
        (PF, PR, PE),
        "Safe systems, pathways and transitions",
    ),
    _learning_from_incidents("people"),
    _adult(
        "assessment-before-care-starts",
        "effective",
        "Does the agency visit and assess each person before care starts, and agree with them "
        "what the care will be?",
        "The assessment uses the council's support plan but is the agency's own, and covers "
        "the person's wishes, health, home and any family support.",
        (PR, PE),
        "Assessing needs",
    ),
    _adult(
        "training-and-spot-checks",
        "effective",
        "Are carers trained and supervised, and are they observed at work in people's homes?",
        "New carers complete an induction and shadow experienced staff before working alone. "
        "Supervisors carry out unannounced spot checks and act on what they find.",
        (PR, SF, PE),
        "Safe and effective staffing",
    ),
    _adult(
        "telling-others-about-changes",
        "effective",
        "Does the agency tell the person's GP, community nurse or social worker when carers "
        "notice a change in their health or needs?",
        "Carers know how to report changes to the office, and records show the office passed "
        "them on and followed up.",
        (PR, PF, SF),
        "How staff, teams and services work together",
    ),
    _adult(
        "eating-and-drinking-at-home",
        "effective",
        "Where carers support people to eat and drink, do they make sure people have enough "
        "and food is stored safely?",
        "Care plans say what help people need at meals, carers leave drinks within reach, and "
        "concerns about weight loss or out-of-date food are reported.",
        (PR, PE, SF),
        "Supporting people to live healthier lives",
    ),
    _consent("people", _COURT),
    _dignity(
        "people",
        "Carers respect that they are guests in the person's home, protect their privacy "
        "during personal care and follow their wishes about how things are done.",
    ),
    _adult(
        "time-to-care",
        "caring",
        "Do carers have enough time at each visit to give care without rushing?",
        "People say carers stay for the agreed time and do not hurry them. Call monitoring "
        "shows visits are not routinely cut short.",
        (PE, PR, SF),
        "Kindness, compassion and dignity",
    ),
    _adult(
        "knowing-each-person",
        "caring",
        "Do carers know what matters to each person, including their culture, faith and routines?",
        "Care plans describe people's preferences, and carers can describe them without "
        "looking them up.",
        (PE, SF, PR),
        "Treating people as individuals",
    ),
    _adult(
        "supporting-independence",
        "caring",
        "Do carers support people to do as much for themselves as they can and want to?",
        "Care plans set out what the person can do for themselves, and people say carers "
        "encourage rather than take over.",
        (PE, PR),
        "Independence, choice and control",
    ),
    _adult(
        "carer-wellbeing-and-travel-time",
        "caring",
        "Are carers supported and treated fairly, including with travel time, fair rotas and "
        "support when working alone?",
        "Rotas include realistic travel time between calls, and carers are paid for it. Carers "
        "can get help out of hours and say they feel valued.",
        (SF, PR),
        "Workforce wellbeing and enablement",
    ),
    _adult(
        "continuity-of-carers",
        "responsive",
        "Do people usually see the same small group of carers, and are they told who is coming?",
        "Rotas show that people are visited mostly by a regular team, and people are told "
        "about changes in advance. New carers are introduced before they visit alone.",
        (PE, PR),
        "Care provision, integration and continuity",
    ),
    _adult(
        "call-times-that-suit-people",
        "responsive",
        "Are visit times agreed with each person and kept to, so that meals, medicines and "
        "bedtimes happen when they want?",
        "Call monitoring shows visits usually arrive within the agreed window, and times are "
        "set around the person rather than the rota.",
        (PE, PR, OU),
        "Person-centred care",
    ),
    _adult(
        "care-plan-in-the-home",
        "responsive",
        "Is there an up-to-date care plan in each person's home, or on carers' phones, that "
        "carers read and follow?",
        "The plan is written with the person, describes how they like things done, and is "
        "reviewed regularly. Visit notes show the plan being followed.",
        (PR, OB, PE),
        "Person-centred care",
    ),
    _adult(
        "reviews-when-needs-change",
        "responsive",
        "Does the agency review care when a person's needs change, and tell the council when "
        "more or less time is needed?",
        "Reviews take place at set intervals and after a fall, illness or hospital stay, and "
        "requests to change a package are made promptly.",
        (PR, PF),
        "Care provision, integration and continuity",
    ),
    _adult(
        "end-of-life-at-home",
        "responsive",
        "Can the agency support people who wish to die at home, working with community nurses "
        "and palliative care teams?",
        "Carers have training in end of life care, and visits are flexible to meet changing "
        "needs and to support the family.",
        (PF, PR, PE),
        "Planning for the future",
    ),
    _complaints("people"),
    _registered_manager("the agency"),
    _adult(
        "call-monitoring-oversight",
        "well_led",
        "Does the agency use electronic call monitoring, and does someone act on alerts when "
        "a carer has not arrived?",
        "Alerts are watched during all hours of care, including evenings and weekends, and "
        "missed or late calls are followed up on the day. Managers use the data to spot "
        "patterns, for example runs that are regularly late.",
        (PR, SF, OU),
        "Governance, management and sustainability",
    ),
    _adult(
        "capacity-to-take-on-care",
        "well_led",
        "Does the agency only take on packages it has the carers to deliver, and how does it "
        "manage recruitment and staff turnover?",
        "The manager can show how new packages are matched to available carers, and knows the "
        "agency's turnover and vacancy rates and what is being done about them.",
        (PR, SF),
        "Governance, management and sustainability",
    ),
    _governance("visit notes, medicine records, call times and care plan reviews"),
    _speak_up(),
    _learning_and_improvement("people", "review visits, phone calls from the office and surveys"),
)


# --- Supported living ----------------------------------------------------------------------

_SUPPORTED_LIVING = (
    _safeguarding("tenants"),
    _adult(
        "restrictive-practices-minimised",
        "safe",
        "Are restrictions on tenants, such as physical restraint, locked doors or kitchen "
        "cupboards, and medicines used to manage behaviour, kept to a minimum, recorded and "
        "reviewed?",
        "Every restriction is set out in the person's plan with the reason for it and a date "
        "to review it. Each use of restraint is recorded and reviewed by a manager, and there "
        "is a plan to reduce restrictions over time.",
        (PR, OB, OU, SF),
        "Safeguarding",
    ),
    _adult(
        "medicines-managed-safely",
        "safe",
        "Are tenants' medicines managed safely, and are medicines used for behaviour or "
        "mood reviewed regularly?",
        "Medicine records are complete, and tenants manage their own medicines where they can. "
        "Medicines to manage behaviour are reviewed with the prescriber in line with the "
        "national programme to stop the over-medication of people with a learning disability "
        "and autistic people.",
        (PR, OU, PF),
        "Medicines optimisation",
    ),
    _adult(
        "staffing-and-commissioned-hours",
        "safe",
        "Are there enough staff who know each tenant well, and is the one-to-one support the "
        "council pays for actually delivered?",
        "Rotas show commissioned hours, including shared and one-to-one hours, being worked. "
        "Agency staff are kept to a minimum and are introduced to tenants first.",
        (PR, OB, PE, SF),
        "Safe and effective staffing",
    ),
    _adult(
        "positive-risk-taking",
        "safe",
        "Are tenants supported to take the risks they choose, such as travelling alone or "
        "cooking, with plans that keep them safe without holding them back?",
        "Risk plans are written with the tenant, focus on what they want to do and are "
        "reviewed as their skills grow.",
        (PE, PR, SF),
        "Involving people to manage risks",
    ),
    _learning_from_incidents("tenants"),
    _adult(
        "positive-behaviour-support",
        "effective",
        "Does each tenant who needs one have a positive behaviour support plan that is up to "
        "date, followed by staff and aimed at improving their quality of life?",
        "Plans are based on an understanding of why behaviour happens and focus on prevention "
        "and meeting needs. Incident records are analysed and show fewer incidents or "
        "restrictions over time.",
        (PR, SF, OU, OB),
        "Delivering evidence-based care and treatment",
    ),
    _adult(
        "staff-training-learning-disability-autism",
        "effective",
        "Have staff had training in supporting people with a learning disability and "
        "autistic people, including the Oliver McGowan Mandatory Training?",
        "Training records are up to date, and staff can explain how they adapt their support "
        "for each tenant, for example for sensory needs.",
        (PR, SF),
        "Safe and effective staffing",
    ),
    _adult(
        "health-checks-and-health-plans",
        "effective",
        "Are tenants supported to have annual health checks, screening and dental care, and "
        "to keep a health action plan?",
        "Records show annual health checks with the GP and follow-up of any actions, and "
        "hospital passports are ready to go with tenants if they need hospital care.",
        (PR, OU, PF),
        "Supporting people to live healthier lives",
    ),
    _adult(
        "working-with-professionals",
        "effective",
        "Does the provider work well with the community learning disability or mental health "
        "team, social workers and other professionals?",
        "Advice from professionals is written into plans and followed, and professionals say "
        "the provider involves them early.",
        (PF, PR),
        "How staff, teams and services work together",
    ),
    _consent("tenants", _COURT),
    _dignity(
        "tenants",
        "Staff treat the home as the tenant's own, ask before entering rooms and keep "
        "personal information private.",
    ),
    _adult(
        "choice-and-control",
        "caring",
        "Do tenants have choice and control over their lives, including what they do, who "
        "supports them and how they spend their money?",
        "Tenants are involved in choosing their staff and planning their week. Support with "
        "money is agreed, recorded and checked, and tenants' money is not used to pay for "
        "things that should be provided.",
        (PE, PR, OB),
        "Independence, choice and control",
    ),
    _adult(
        "communication-that-works",
        "caring",
        "Do staff understand and use each tenant's way of communicating, such as signs, "
        "pictures or objects?",
        "Each tenant has a communication profile, and staff were seen using it.",
        (OB, PR, SF),
        "Treating people as individuals",
    ),
    _adult(
        "responding-to-distress",
        "caring",
        "Do staff notice when a tenant is anxious or distressed and respond in the way that "
        "helps that person?",
        "Staff can describe early signs of distress for each tenant and what helps, and "
        "records show calm, consistent responses.",
        (OB, SF, PR),
        "Responding to people's immediate needs",
    ),
    # No quality statement is this question's clear match, so none is given.
    _adult(
        "relationships-that-matter",
        "caring",
        "Are tenants supported to keep in touch with family and friends and to have the "
        "relationships they choose?",
        "Staff help tenants to visit, call and meet people who matter to them, and support "
        "with friendships and relationships is part of their plan.",
        (PE, PR),
    ),
    # The tenancy is housing law, not a CQC matter, so no quality statement is given.
    _adult(
        "tenancy-rights",
        "responsive",
        "Do tenants hold their own tenancy, understand their rights, and is it clear that "
        "their care and their housing are separate?",
        "Each tenant, or someone with legal authority for them, holds a tenancy agreement in "
        "an accessible format. Tenants could change their support provider without losing "
        "their home, and the provider does not act as if it were the landlord.",
        (PE, PR, PF),
    ),
    _adult(
        "person-centred-support-plans",
        "responsive",
        "Are support plans written with each tenant, built around their goals and reviewed "
        "when things change?",
        "Plans are in the tenant's own words where possible, in a format they can use, and "
        "show progress towards their goals.",
        (PR, PE, OU),
        "Person-centred care",
    ),
    _adult(
        "community-life",
        "responsive",
        "Are tenants supported to take part in work, learning, leisure and community life "
        "that they choose?",
        "Weekly plans show tenants out and about doing things they enjoy, and support hours "
        "are organised so that activities are not cancelled for lack of staff.",
        (PE, PR, OU),
        "Person-centred care",
    ),
    _adult(
        "planning-for-the-future",
        "responsive",
        "Are tenants helped to plan for their future, including moves, changes in support "
        "and their wishes for later life?",
        "Plans include tenants' longer-term hopes, and transitions are planned with them and "
        "the council well in advance.",
        (PR, PE),
        "Planning for the future",
    ),
    _complaints(
        "tenants",
        " Tenants know they can have an advocate to help them raise a concern.",
    ),
    _registered_manager("the service"),
    _adult(
        "no-closed-culture",
        "well_led",
        "Do leaders watch for the signs of a closed culture, where poor practice could go "
        "unnoticed?",
        "Managers visit each setting often and at different times, including unannounced. "
        "Staff work with others rather than in isolation, and outsiders such as advocates "
        "and families are welcomed.",
        (SF, OB, PR),
        "Shared direction and culture",
    ),
    _governance("restrictive practices, incidents, medicines, tenants' money and support hours"),
    _speak_up(),
    _adult(
        "partnership-working",
        "well_led",
        "Does the provider work well with tenants' landlords, the council and community "
        "health teams, and share information when asked?",
        "Repairs and housing problems are passed to the landlord and chased, and the provider "
        "joins reviews and provider forums.",
        (PF, PR),
        "Partnerships and communities",
    ),
)


# --- Extra care housing --------------------------------------------------------------------

_EXTRA_CARE = (
    _adult(
        "emergency-response",
        "safe",
        "Is there a reliable response, day and night, when a tenant uses their alarm or "
        "pendant, and are response times checked?",
        "Alarm calls are answered quickly by staff on site, and the provider checks response "
        "times and equipment regularly. Tenants say help comes when they call.",
        (PE, PR, OU),
        "Safe environments",
    ),
    _safeguarding("tenants"),
    _adult(
        "staffing-on-site",
        "safe",
        "Are there enough care staff on site, day and night, to deliver planned care and to "
        "respond to emergencies?",
        "Rotas show the commissioned staffing on site at all times, and planned visits are "
        "not missed or delayed when staff respond to an emergency.",
        (PR, SF, PE),
        "Safe and effective staffing",
    ),
    _adult(
        "medicines-support",
        "safe",
        "Where staff help tenants with medicines, is it clear what support each tenant needs, "
        "and are records accurate?",
        "Care plans say whether staff prompt, assist or give medicines, and tenants who "
        "manage their own medicines are supported to keep doing so safely.",
        (PR, OB),
        "Medicines optimisation",
    ),
    _adult(
        "fire-safety-and-evacuation",
        "safe",
        "Do tenants who would need help to leave in a fire have evacuation plans, and do care "
        "and housing staff know them?",
        "Personal evacuation plans are current, and the building's fire strategy is shared "
        "between the landlord and the care provider. Staff on duty at night know what to do.",
        (PR, SF, PF),
        "Safe environments",
    ),
    _learning_from_incidents("tenants"),
    _adult(
        "assessment-and-care-planning",
        "effective",
        "Are tenants' care needs assessed, and their care agreed with them, when they move in "
        "and when things change?",
        "Assessments are completed before or soon after the tenancy starts, using the "
        "council's support plan, and are reviewed after a fall, illness or hospital stay.",
        (PR, PE),
        "Assessing needs",
    ),
    _adult(
        "staff-training-and-supervision",
        "effective",
        "Have staff had the training and supervision they need, including for responding to "
        "falls and emergencies?",
        "Training records are up to date, and staff know what to do if they find a tenant on "
        "the floor or unwell.",
        (PR, SF),
        "Safe and effective staffing",
    ),
    _adult(
        "working-with-health-services",
        "effective",
        "Do staff tell tenants' GPs, community nurses or social workers when they notice a "
        "change, and follow the advice they are given?",
        "Records show concerns passed on and followed up, and health professionals say the "
        "service contacts them at the right time.",
        (PR, PF, SF),
        "How staff, teams and services work together",
    ),
    _adult(
        "eating-and-drinking",
        "effective",
        "Do tenants who need help get enough to eat and drink, whether they cook for "
        "themselves, use the restaurant or have meals prepared?",
        "Care plans say what help each tenant needs with meals, and concerns about weight "
        "loss are passed on.",
        (PE, PR),
        "Supporting people to live healthier lives",
    ),
    _consent("tenants", _COURT),
    _dignity(
        "tenants",
        "Staff knock and wait to be invited into tenants' flats and respect that the flat "
        "is the tenant's own home.",
    ),
    _adult(
        "independent-living",
        "caring",
        "Does the care support tenants to live as independently as they want in their own flat?",
        "Tenants say they decide how and when things are done, and care is planned to keep "
        "their skills rather than do things for them.",
        (PE, PR),
        "Independence, choice and control",
    ),
    _adult(
        "knowing-each-tenant",
        "caring",
        "Do staff know what matters to each tenant, including their history, culture, faith "
        "and routines?",
        "Care plans describe tenants' preferences, and staff can describe them.",
        (SF, PR, PE),
        "Treating people as individuals",
    ),
    _adult(
        "help-at-short-notice",
        "caring",
        "Can tenants get extra help at short notice, for example after a fall or when they "
        "feel unwell?",
        "Staff respond to unplanned needs promptly and record what they did, and the council "
        "is told if unplanned care becomes regular.",
        (PE, PR),
        "Responding to people's immediate needs",
    ),
    # Loneliness is a caring concern with no single matching quality statement.
    _adult(
        "loneliness-and-isolation",
        "caring",
        "Do staff notice tenants who are becoming lonely or withdrawn and help them to join "
        "in if they want to?",
        "Staff know which tenants rarely leave their flat, and encourage and support them to "
        "take part in the life of the scheme.",
        (PE, SF, OB),
    ),
    _adult(
        "flexible-person-centred-care",
        "responsive",
        "Is care planned around each tenant's wishes and routines, and can it be changed "
        "easily when they want?",
        "Visit times and tasks are agreed with the tenant and changed when they ask, within "
        "the support the council has agreed.",
        (PE, PR),
        "Person-centred care",
    ),
    _adult(
        "community-life-on-the-scheme",
        "responsive",
        "Are there activities and shared spaces that tenants enjoy, and does the scheme link "
        "with the wider community?",
        "Communal areas are used and welcoming, activities reflect tenants' interests, and "
        "local groups and services come in.",
        (OB, PE),
        "Person-centred care",
    ),
    _adult(
        "staying-as-needs-grow",
        "responsive",
        "When a tenant's needs increase, is their care reviewed with the council so that they "
        "can stay in their home if that is what they want?",
        "The provider raises changes early, and moves to a care home happen only after a "
        "review with the tenant, their family and the council.",
        (PR, PF, OU),
        "Care provision, integration and continuity",
    ),
    _adult(
        "end-of-life-care",
        "responsive",
        "Can the service support tenants who wish to die in their own flat, working with "
        "community nurses and palliative care teams?",
        "Advance care plans are recorded, and care is flexible to meet changing needs and to "
        "support the family.",
        (PR, PF, PE),
        "Planning for the future",
    ),
    _complaints(
        "tenants",
        " Tenants know whether to raise a concern with the care provider or the landlord, and "
        "neither passes them back and forth.",
    ),
    _adult(
        "care-and-housing-interface",
        "well_led",
        "Are the roles of the care provider and the landlord clearly agreed, and do they meet "
        "regularly to solve problems together?",
        "There is a written agreement on who does what, for example for alarms, repairs, "
        "fire safety and communal activities. Managers from both meet regularly and share "
        "information about tenants' changing needs, with consent.",
        (PF, SF, PR),
        "Partnerships and communities",
    ),
    _registered_manager("the scheme"),
    _governance("care records, medicines, alarm response times and incidents"),
    _speak_up(),
    _learning_and_improvement("tenants", "tenants' meetings and surveys run with the landlord"),
)


# --- Day service ---------------------------------------------------------------------------

_DAY_SERVICE = (
    _safeguarding("people who attend"),
    # Transport is often arranged separately from the service, and no single quality
    # statement clearly covers it, so none is given.
    _adult(
        "safe-transport",
        "safe",
        "Is transport to and from the service safe, with checked vehicles, trained drivers "
        "and escorts, and reasonable journey times?",
        "Vehicles are insured and maintained, wheelchairs are secured properly, and drivers "
        "and escorts have safeguarding training and checks. Nobody spends so long on the "
        "journey that it affects their day.",
        (PE, PR, OB),
    ),
    _adult(
        "medicines-during-the-day",
        "safe",
        "Are medicines that people need during the day handled, given and recorded safely?",
        "Medicines come in with clear instructions, staff who give them are trained and "
        "checked, and emergency medicines such as those for epilepsy are in date and staff "
        "know when to use them.",
        (PR, SF),
        "Medicines optimisation",
    ),
    _adult(
        "enough-skilled-staff",
        "safe",
        "Are there enough staff on each day, with the skills to meet the needs of everyone "
        "attending?",
        "Staffing reflects who is attending each day, including people who need one-to-one "
        "support or two staff for personal care.",
        (OB, PR, SF),
        "Safe and effective staffing",
    ),
    _adult(
        "safe-premises-and-equipment",
        "safe",
        "Are the building and equipment safe, accessible and suitable for the people who use them?",
        "Fire checks, hoists and slings are up to date, there are accessible toilets and "
        "changing facilities, and the building is clean.",
        (OB, PR),
        "Safe environments",
    ),
    _adult(
        "handover-with-home",
        "safe",
        "Is important information shared with families, carers or care homes at the start and "
        "end of each day?",
        "There is a reliable way, such as a communication book, to pass on things like "
        "seizures, falls, changes in mood or medicines given.",
        (PR, PE, PF),
        "Safe systems, pathways and transitions",
    ),
    _learning_from_incidents("people who attend"),
    _adult(
        "goals-and-outcomes",
        "effective",
        "Are each person's goals agreed when they start, and reviewed to show whether the "
        "service is helping them achieve them?",
        "Records show goals in the person's own words and regular reviews of progress, such "
        "as new skills, friendships or greater confidence.",
        (PR, OU, PE),
        "Monitoring and improving outcomes",
    ),
    _adult(
        "staff-training",
        "effective",
        "Have staff had the training they need for the people who attend, such as dementia, "
        "learning disability, epilepsy or moving and handling training?",
        "Training records are up to date, and staff can explain how they use their training.",
        (PR, SF),
        "Safe and effective staffing",
    ),
    _adult(
        "eating-and-drinking",
        "effective",
        "Are people offered food and drink they enjoy during the day, with support and "
        "special diets where they need them?",
        "Lunch is sociable and unhurried, and swallowing plans from speech and language "
        "therapists are followed.",
        (OB, PE, PR),
        "Supporting people to live healthier lives",
    ),
    _adult(
        "working-with-others",
        "effective",
        "Does the service work well with families, social workers, home care providers and "
        "health professionals?",
        "Concerns are passed on promptly, and the service takes part in reviews of people's "
        "support.",
        (PF, PR),
        "How staff, teams and services work together",
    ),
    _consent("people who attend", ""),
    _dignity(
        "people who attend",
        "Personal care takes place in private, and people's belongings and information are "
        "looked after.",
    ),
    _adult(
        "knowing-each-person",
        "caring",
        "Do staff know what matters to each person, including their history, culture, faith "
        "and interests?",
        "Records include a profile of the person, and staff can describe it.",
        (SF, PR, PE),
        "Treating people as individuals",
    ),
    _adult(
        "choice-in-the-day",
        "caring",
        "Do people choose what they do during the day, and have a say in the programme?",
        "People are asked what they would like to do, and there is more than one option at "
        "most times.",
        (PE, OB),
        "Independence, choice and control",
    ),
    _adult(
        "comfort-and-reassurance",
        "caring",
        "Do staff notice and respond quickly when someone is uncomfortable, anxious or unwell?",
        "Staff respond with reassurance, and families are told the same day about anything "
        "that happened.",
        (OB, PE),
        "Responding to people's immediate needs",
    ),
    # Support for family carers has no single matching quality statement.
    _adult(
        "support-for-family-carers",
        "caring",
        "Does the service keep family carers informed and take account of the break it gives them?",
        "Family carers say they are kept up to date and that they can rely on the service, "
        "including when plans change.",
        (PE, PR),
    ),
    _adult(
        "meaningful-activities",
        "responsive",
        "Are activities meaningful and suited to people's interests and abilities, rather "
        "than just filling time?",
        "The programme is planned with people, activities are adapted so that everyone can "
        "take part, and staff join in.",
        (OB, PE, PR),
        "Person-centred care",
    ),
    _adult(
        "getting-out-in-the-community",
        "responsive",
        "Do people get out into the community, for example to shops, colleges, volunteering "
        "or work, if they want to?",
        "Records show people going out regularly, and links with local groups and employers "
        "are being built.",
        (PE, PR, OU),
        "Person-centred care",
    ),
    _adult(
        "information-people-can-use",
        "responsive",
        "Is information about the service and its activities given in a way people can understand?",
        "Programmes, menus and the complaints procedure are available in easy read, pictures "
        "or other languages where needed.",
        (OB, PR),
        "Providing information",
    ),
    _adult(
        "open-to-everyone",
        "responsive",
        "Can people with different needs, cultures and languages use the service fully, "
        "including people with complex health needs?",
        "The service makes reasonable adjustments, and its attendance reflects the local "
        "community it serves.",
        (PE, PR),
        "Equity in access",
    ),
    _complaints("people who attend"),
    _adult(
        "clear-leadership",
        "well_led",
        "Is there a clear leader for the service, and is it registered with CQC if it "
        "provides personal care?",
        "People, families and staff know who runs the service and find them approachable, "
        "and any registration with CQC matches what the service does.",
        (SF, PE, PR),
        "Capable, compassionate and inclusive leaders",
    ),
    _governance(
        "incidents, medicines, transport and attendance",
        "If the service is registered with CQC, it sends the notifications it must and "
        "displays its current rating.",
    ),
    _speak_up(),
    _learning_and_improvement("people who attend", "meetings, surveys and talking with families"),
    _adult(
        "partnership-working",
        "well_led",
        "Does the service work openly with the council, other providers and local community "
        "groups, and share information when asked?",
        "Monitoring returns are sent on time, and the service builds links that widen what "
        "people can do, such as with colleges, employers and leisure services.",
        (PF, PR),
        "Partnerships and communities",
    ),
)


# --- Children's home -----------------------------------------------------------------------

_CHILDRENS_HOME = (
    _home(
        "homely-care-that-matches-the-purpose",
        "experiences_progress",
        "Is the home warm and homely, and does its care match its statement of purpose and "
        "help children build skills for the future?",
        "Children's rooms are personalised, and the home is well kept and feels like a home "
        "rather than an institution. Staff can explain the home's aims and how they help "
        "each child prepare for moving on.",
        (OB, PE, SF),
        "Regulation 6: the quality and purpose of care standard",
    ),
    _home(
        "children-heard",
        "experiences_progress",
        "Are children's views, wishes and feelings asked for and acted on, and do they know "
        "how to get an advocate or make a complaint?",
        "Children take part in house meetings and in planning their own care, and can give "
        "examples of things that changed because they asked.",
        (PE, PR),
        "Regulation 7: the children's wishes and feelings standard",
    ),
    _home(
        "education",
        "experiences_progress",
        "Is every child in suitable full-time education, and does the home help them to "
        "attend, learn and progress?",
        "The home knows each child's attendance and progress, works closely with schools and "
        "the council's virtual school, and challenges reduced timetables or exclusions.",
        (PR, PF, OU),
        "Regulation 8: the education standard",
    ),
    _home(
        "enjoyment-and-achievement",
        "experiences_progress",
        "Are children supported to take part in hobbies, sport, clubs and other interests "
        "they choose?",
        "Children do activities in the community as well as in the home, and their "
        "achievements are noticed and celebrated.",
        (PE, PR, OU),
        "Regulation 9: the enjoyment and achievement standard",
    ),
    _home(
        "health-and-wellbeing",
        "experiences_progress",
        "Are children registered with a GP and dentist, and do they get the emotional and "
        "mental health support they need?",
        "Health assessments and appointments are up to date, medicines are managed safely, "
        "and children who need therapy or mental health services are helped to get them.",
        (PR, PF, OU),
        "Regulation 10: the health and well-being standard",
    ),
    _home(
        "positive-relationships",
        "experiences_progress",
        "Do children have trusting relationships with staff, and are they helped to keep in "
        "touch with family and friends as their plans allow?",
        "Children have a key worker they trust, staff are consistent, and contact with family "
        "is supported in line with each child's plan.",
        (PE, OB, SF),
        "Regulation 11: the positive relationships standard",
    ),
    _home(
        "keeping-children-safe",
        "help_protection",
        "Do staff understand the risks each child faces, including exploitation, and do risk "
        "assessments say how staff keep each child safe?",
        "Risk assessments are current and shared with the placing council and the police "
        "where needed. Staff know the signs of sexual and criminal exploitation and act on "
        "concerns.",
        (PR, SF, PF),
        "Regulation 12: the protection of children standard",
    ),
    _home(
        "missing-from-care",
        "help_protection",
        "When a child goes missing, do staff follow the missing child procedure, inform the "
        "police and the placing council, and check that the child is offered a return "
        "interview?",
        "Records show each episode, what was done to find the child, and what was learned "
        "from the return interview. Patterns are analysed and plans changed to reduce risk.",
        (PR, OU, PF),
        "Regulation 12: the protection of children standard",
    ),
    _home(
        "behaviour-and-sanctions",
        "help_protection",
        "Does the home encourage positive behaviour, with any sanctions fair, recorded and "
        "never humiliating?",
        "Staff praise and reward more than they sanction, and the record shows each "
        "sanction, why it was used and whether it worked. The manager reviews the record.",
        (PR, PE, OB),
        "Regulation 19: behaviour management and discipline",
    ),
    _home(
        "restraint",
        "help_protection",
        "Is restraint used only when it is needed to prevent injury or serious damage, "
        "recorded in full, and talked through with the child afterwards?",
        "Each restraint is recorded promptly, reviewed by the manager, and discussed with the "
        "child. Staff are trained in the techniques used, and the number of restraints is "
        "monitored and falling.",
        (PR, SF, OU),
        "Regulation 20: restraint and deprivation of liberty",
    ),
    _home(
        "allegations-and-notifications",
        "help_protection",
        "Are allegations against staff referred to the local authority designated officer, "
        "and serious events reported to Ofsted and the placing council?",
        "The home keeps a log of allegations and notifications, with the outcome of each. "
        "Staff know how to raise concerns about colleagues.",
        (PR, PF),
        "Regulation 12: the protection of children standard",
    ),
    _home(
        "location-risk-assessment",
        "help_protection",
        "Has the home assessed the risks of its location with the police, and does it review "
        "this at least once a year?",
        "The location assessment is current and takes account of local risks such as "
        "exploitation and gangs, and the home's admissions reflect it.",
        (PR, PF),
        "Regulation 46: review of premises",
    ),
    _home(
        "registered-manager",
        "leadership",
        "Is there an experienced and qualified registered manager in post who knows the "
        "children well?",
        "The manager is registered with Ofsted, or an application is in hand with interim "
        "cover, and is visible in the home. Staff, children and placing councils find them "
        "approachable.",
        (SF, PE, PF),
        "Regulation 13: the leadership and management standard",
    ),
    _home(
        "staffing-and-training",
        "leadership",
        "Are there enough staff, with the right qualifications, training and regular "
        "supervision, to meet children's needs?",
        "Staff are recruited safely, hold or are working towards the required qualification, "
        "and have regular supervision. Rotas give children consistent adults.",
        (PR, SF),
        "Regulation 13: the leadership and management standard",
    ),
    _home(
        "regulation-44-reports",
        "leadership",
        "Does an independent person visit every month, and does the manager act on the "
        "recommendations in the Regulation 44 reports?",
        "The visitor talks to children and staff, and each report gives a clear, independent "
        "view on whether children are safe and well cared for. Recommendations are tracked to "
        "completion.",
        (PR, SF),
        "Regulation 44: independent person: visits and reports",
    ),
    _home(
        "regulation-45-review",
        "leadership",
        "Does the manager review the quality of care at least every six months, and does the "
        "review lead to improvements?",
        "The Regulation 45 review draws on children's views, records and Regulation 44 "
        "reports, and sets actions that are followed through, including any from the last "
        "Ofsted inspection.",
        (PR, OU),
        "Regulation 45: review of quality of care",
    ),
    _home(
        "admissions-and-matching",
        "leadership",
        "Does the home only admit children whose needs it can meet, after assessing the "
        "impact on the children already living there?",
        "Each admission has a written impact risk assessment, and admissions are consistent "
        "with the statement of purpose.",
        (PR, PF),
        "Regulation 16: statement of purpose",
    ),
    _home(
        "working-with-partners",
        "leadership",
        "Does the home work well with placing councils, schools, health services and the police?",
        "Partners say the home communicates well and challenges them when a child's needs are "
        "not being met.",
        (PF, SF),
        "Regulation 5: engaging with the wider system to ensure children's needs are met",
    ),
)


# --- Independent fostering agency ----------------------------------------------------------

_FOSTERING_AGENCY = (
    _fostering(
        "matching",
        "experiences_progress",
        "Are children matched with foster carers who can meet their needs, with brothers and "
        "sisters placed together where that is right for them?",
        "Matching records show how the carers' skills and household fit the child's needs, "
        "and what support was put in place where the match was not perfect.",
        (PR, PF, OU),
        standard="Standard 15: matching the child with a placement that meets their assessed needs",
    ),
    _fostering(
        "children-heard",
        "experiences_progress",
        "Are children's wishes and feelings asked for and acted on by foster carers and the "
        "agency?",
        "Children know how to raise concerns and get an advocate, and the agency can show "
        "changes made because of what children said.",
        (PE, PR),
        standard="Standard 1: the child's wishes and feelings and the views of those "
        "significant to them",
    ),
    _fostering(
        "education",
        "experiences_progress",
        "Are foster carers supported to help children attend school, learn and make progress?",
        "The agency knows each child's attendance and progress and works with schools and the "
        "council's virtual school when there are problems.",
        (PR, PF, OU),
        regulation="Regulation 16: education, employment and leisure activities",
        standard="Standard 8: promoting educational attainment",
    ),
    _fostering(
        "health-and-wellbeing",
        "experiences_progress",
        "Do children in foster care get the health care and emotional support they need?",
        "Health assessments, dental checks and immunisations are up to date, and children who "
        "need therapy are helped to get it.",
        (PR, PF, OU),
        regulation="Regulation 15: health of children placed with foster parents",
        standard="Standard 6: promoting good health and wellbeing",
    ),
    _fostering(
        "family-contact",
        "experiences_progress",
        "Are foster carers helped to support children's contact with family and friends as "
        "their plans allow?",
        "Carers know the contact arrangements for each child and are supported when contact "
        "is difficult.",
        (PE, PR),
        regulation="Regulation 14: duty to promote contact",
        standard="Standard 9: promoting and supporting contact",
    ),
    _fostering(
        "stability-and-moving-on",
        "experiences_progress",
        "Are placements stable, and are young people helped to prepare for adulthood, "
        "including staying on with their carers after 18 where that is right?",
        "The agency tracks unplanned endings and learns from them, and young people are "
        "taught practical skills for living independently.",
        (OU, PE, PR),
        standard="Standard 12: promoting independence and moves to adulthood and leaving care",
    ),
    _fostering(
        "safeguarding-children",
        "help_protection",
        "Do foster carers and staff know how to keep children safe, and does each household "
        "have a safer caring plan?",
        "Carers have safeguarding training, safer caring plans are current, and concerns are "
        "passed to the child's council promptly.",
        (PR, SF, PF),
        regulation="Regulation 12: arrangements for the protection of children",
        standard="Standard 4: safeguarding children",
    ),
    _fostering(
        "missing-from-care",
        "help_protection",
        "When a child goes missing from a foster home, do carers and the agency follow the "
        "procedure and learn from each episode?",
        "Carers know when and how to report a child missing, the agency informs the police and "
        "the child's council, and patterns are analysed.",
        (PR, OU, PF),
        regulation="Regulation 13: behaviour management and children missing from foster "
        "parent's home",
        standard="Standard 5: children missing from care",
    ),
    _fostering(
        "positive-behaviour",
        "help_protection",
        "Are foster carers helped to manage children's behaviour positively, without "
        "physical punishment or humiliation?",
        "Carers have training and advice on understanding behaviour, and any restraint or "
        "serious incident is recorded and reviewed by the agency.",
        (PR, SF, PE),
        regulation="Regulation 13: behaviour management and children missing from foster "
        "parent's home",
        standard="Standard 3: promoting positive behaviour and relationships",
    ),
    _fostering(
        "allegations-management",
        "help_protection",
        "Are allegations against foster carers referred to the local authority designated "
        "officer and handled fairly, with independent support for the carers?",
        "Each allegation is recorded with the action taken and the outcome, carers are told "
        "how they will be supported, and the carers' approval is reviewed afterwards.",
        (PR, PF, SF),
        standard="Standard 22: handling allegations and suspicions of harm",
    ),
    _fostering(
        "unannounced-visits",
        "help_protection",
        "Does each fostering household have at least one unannounced visit a year, and are "
        "the findings recorded and acted on?",
        "Unannounced visits happen on time, see the child's bedroom and speak to the child "
        "where possible, and any concerns are followed up.",
        (PR, OU),
        standard="Standard 21: supervision and support of foster carers",
    ),
    _fostering(
        "carer-recruitment",
        "leadership",
        "Does the agency recruit enough foster carers of the right kinds to meet the needs of "
        "the children it is asked to care for?",
        "The agency knows the gaps in its carers, for example for teenagers, brothers and "
        "sisters or disabled children, and has a recruitment plan to fill them.",
        (PR, PF),
        standard="Standard 13: recruiting and assessing foster carers who can meet the needs "
        "of looked after children",
    ),
    _fostering(
        "assessment-and-approval",
        "leadership",
        "Are prospective foster carers assessed thoroughly and without delay, with all "
        "checks and references done before approval?",
        "Assessment reports are analytical and evidence-based, and checks on every adult in "
        "the household are complete.",
        (PR,),
        regulation="Regulation 26: assessment of prospective foster parents",
        standard="Standard 13: recruiting and assessing foster carers who can meet the needs "
        "of looked after children",
    ),
    _fostering(
        "fostering-panel",
        "leadership",
        "Does the fostering panel have an independent chair and the right mix of members, and "
        "does the decision-maker record clear reasons?",
        "Panel minutes show careful questioning, and decisions are made promptly after the "
        "panel's recommendation.",
        (PR, PF),
        regulation="Regulation 23: constitution and membership of fostering panel",
        standard="Standard 14: fostering panels and the fostering service's decision-maker",
    ),
    _fostering(
        "supervision-and-support",
        "leadership",
        "Does every foster carer have a supervising social worker who meets them regularly, "
        "and can they get advice out of hours?",
        "Supervision is recorded and focused on the children's needs, carers have breaks "
        "when needed, and out-of-hours support is reliable.",
        (SF, PR),
        regulation="Regulation 17: support, training and information for foster parents",
        standard="Standard 21: supervision and support of foster carers",
    ),
    _fostering(
        "carer-training",
        "leadership",
        "Do foster carers complete the Training, Support and Development Standards and keep "
        "learning after that?",
        "Each carer has a development plan, new carers complete the standards within the "
        "expected time, and training matches the needs of the children placed.",
        (PR, SF),
        regulation="Regulation 17: support, training and information for foster parents",
        standard="Standard 20: learning and development of foster carers",
    ),
    _fostering(
        "annual-reviews-of-approval",
        "leadership",
        "Is each foster carer's approval reviewed at least once a year, taking account of the "
        "views of the children placed and their social workers?",
        "Reviews are on time, gather views from children, their councils and the carers' own "
        "children, and go back to panel where required.",
        (PR, PE, PF),
        regulation="Regulation 28: reviews and terminations of approval",
    ),
    _fostering(
        "monitoring-the-service",
        "leadership",
        "Do the agency's leaders regularly review the quality of care and act on what they find?",
        "Managers track patterns in complaints, allegations, missing episodes, placement "
        "endings and carers leaving, and use what children, carers and councils say to "
        "improve the service.",
        (PR, OU, PF),
        regulation="Regulation 35: review of quality of care",
        standard="Standard 25: managing effectively and efficiently and monitoring the service",
    ),
)


DEFAULT_SETS: dict[str, tuple[DefaultQuestion, ...]] = {
    "care_home_nursing": _CARE_HOME_NURSING,
    "care_home": _CARE_HOME,
    "home_care": _HOME_CARE,
    "supported_living": _SUPPORTED_LIVING,
    "extra_care": _EXTRA_CARE,
    "day_service": _DAY_SERVICE,
    "childrens_home": _CHILDRENS_HOME,
    "fostering_agency": _FOSTERING_AGENCY,
}


def areas_for(kind: str) -> tuple[str, ...]:
    """The key questions (adult kinds) or Ofsted areas (children's kinds) of a kind."""
    return CHILDREN_AREAS if kind in CHILDREN_KINDS else ADULT_AREAS


# The register's ServiceType codes, in the order that decides a service's kind.
_KIND_BY_SERVICE_TYPE = (
    ("nursing", "care_home_nursing"),
    ("residential", "care_home"),
    ("domiciliary", "home_care"),
    ("supported_living", "supported_living"),
    ("extra_care", "extra_care"),
    ("day", "day_service"),
    ("childrens_home", "childrens_home"),
    ("fostering", "fostering_agency"),
)


def kind_for(service_types: Iterable[str], *, care_home: bool) -> str:
    """The kind of service whose default question set a visit should start from.

    ``service_types`` holds the register's ServiceType codes for the service (plain strings
    or the enum members). A care home with nursing is a nursing home even if it is also
    registered for residential care; when several types are present the first in
    ``_KIND_BY_SERVICE_TYPE`` wins. With no known type ("other", or nothing), a service
    that is a care home gets the care home set and any other the home care set.
    """
    codes = {str(code) for code in service_types}
    for code, kind in _KIND_BY_SERVICE_TYPE:
        if code in codes:
            return kind
    return "care_home" if care_home else "home_care"
