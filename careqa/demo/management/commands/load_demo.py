"""careqa load-demo: a demo council on the generated national register, for `make run`.

Generates the regulators' files (deterministically, in their published layouts), imports
them oldest first through the same code as a real import, configures the council and its
area, and creates one sign-in per role. Does nothing if the demo is already loaded.
"""

import datetime
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from careqa.accounts.actions import add_user
from careqa.accounts.models import User
from careqa.accounts.roles import Role
from careqa.areas.actions import configure_council
from careqa.areas.models import Council, CouncilProfile
from careqa.areas.names import council_key
from careqa.demo.background import DemoFiles, regulator_of
from careqa.demo.cqc_api import load_rating_history, load_unpublished_inspections
from careqa.demo.escalation import load_escalation
from careqa.demo.generate import DEFAULT_COUNCIL, neighbours
from careqa.demo.meetings import load_meetings
from careqa.demo.plans import load_action_plans
from careqa.demo.portal import demo_provider_user, load_portal
from careqa.demo.returns import load_returns
from careqa.demo.risk import load_risk
from careqa.demo.surveillance import load_surveillance
from careqa.demo.visits import MORE_OFFICERS, load_team_work
from careqa.insights.actions import create_comparator_group
from careqa.providers.actions import create_contract, set_local_name
from careqa.providers.models import Service
from careqa.providers.vocab import ContractStatus
from careqa.regulators.actions import import_file
from careqa.risk import listeners as risk_listeners

DEMO_PASSWORD = "demo-password-2026"
# The 2018 report's "West Midlands region": seven metropolitan councils.
WEST_MIDLANDS_SEVEN = (
    "Wolverhampton",
    "Dudley",
    "Walsall",
    "Sandwell",
    "Birmingham",
    "Solihull",
    "Coventry",
)
# Who the audit trail says made the demo's first accounts (there is no one to sign in yet).
LOADER = "Demo loader"
DEMO_USERS = {
    Role.QA_MANAGER: ("manager", "Morgan", "Patel"),
    Role.QA_OFFICER: ("officer", "Olu", "Adeyemi"),
    Role.COMMISSIONER: ("commissioner", "Chris", "Walsh"),
    Role.PARTNER: ("partner", "Priya", "Shah"),
    Role.ADMINISTRATOR: ("admin", "Alex", "Morgan"),
}
# What the team calls a few children's homes whose names Ofsted withholds (invented).
LOCAL_NAMES = ("Oak View", "Larkspur House", "The Willows", "Hollybank")
DEMO_JOB_TITLES = {
    Role.QA_MANAGER: "Quality assurance manager",
    Role.QA_OFFICER: "Quality assurance officer",
    Role.COMMISSIONER: "Commissioning officer",
    Role.PARTNER: "Quality nurse",
    Role.ADMINISTRATOR: "Systems administrator",
}


class Command(BaseCommand):
    help = "Load the demo council and the generated national register (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["national", "council"], default="national")
        parser.add_argument("--council", default=DEFAULT_COUNCIL)
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "var" / "demo"))
        parser.add_argument("--history-years", type=int, default=2)
        parser.add_argument("--force", action="store_true", help="import even if loaded")
        parser.add_argument(
            "--migrate", action="store_true", help="migrate first (while the files are written)"
        )

    def handle(self, *args, scale, council, out, history_years, force, migrate, **options):
        started = time.monotonic()
        # The files are written by a second process from the start, so that writing them
        # overlaps the migrations and each import (careqa/demo/background.py).
        files = DemoFiles(
            Path(out),
            scale=scale,
            seed=2026,
            council=council,
            fmt="csv",
            snapshot=datetime.date(2026, 11, 1),
            history_years=history_years,
            # Older editions of the ratings file add only key-question detail to ratings
            # the HSCA files already gave; the latest one is enough for the demo.
            latest_ratings_only=True,
            # The import order, fixed so that the demo's record ids are the same every time.
            ofsted_first=True,
        )
        try:
            if migrate:
                call_command("migrate", interactive=False, verbosity=0)
            if not force and CouncilProfile.objects.exists() and Service.objects.exists():
                files.stop()
                self.stdout.write("Demo already loaded.")
                self._print_logins()
                return
            users = self._users()
            count = 0
            for path, parsed in files:
                run = import_file(
                    path, by=users[Role.QA_MANAGER], regulator=regulator_of(path), parsed=parsed
                )
                count += 1
                self.stdout.write(
                    f"  {path.name}: {run.rows} rows, created {run.created}, "
                    f"updated {run.updated}, new ratings {run.new_ratings}"
                )
        finally:
            files.stop()
        self.stdout.write(f"Generated and imported {count} files in {out}")
        # Scores are computed once, in full, at the end (load_risk), not on every save.
        with risk_listeners.paused():
            self._configure(council, users[Role.ADMINISTRATOR])
            self._comparator_group(council, users[Role.QA_MANAGER])
            contracts = self._contracts(users[Role.QA_MANAGER])
            self.stdout.write(f"Recorded {contracts} demo contracts for services in {council}.")
            named = self._local_names(users[Role.QA_OFFICER])
            self.stdout.write(
                f"Gave {named} children's homes whose names Ofsted withholds our name."
            )
            work = load_team_work(users=users, today=timezone.localdate(), password=DEMO_PASSWORD)
            self.stdout.write(
                "The team's visits: "
                + ", ".join(f"{count} {what}" for what, count in work.items())
                + "."
            )
            plans = load_action_plans(users=users, today=timezone.localdate())
            self.stdout.write(
                "Action plans: " + "; ".join(f"{what}: {count}" for what, count in plans.items())
            )
            escalation = load_escalation(users=users, today=timezone.localdate())
            self.stdout.write(
                "Escalation: " + "; ".join(f"{what}: {count}" for what, count in escalation.items())
            )
            flagged = load_rating_history(today=timezone.localdate())
            self.stdout.write(
                f"Earlier CQC reports from the API for one home; the policy rule flags {flagged}."
            )
            meetings = load_meetings(users=users, today=timezone.localdate())
            self.stdout.write(
                "Meetings: " + "; ".join(f"{what}: {count}" for what, count in meetings.items())
            )
            returns = load_returns(today=timezone.localdate())
            self.stdout.write(
                "Data returns: " + "; ".join(f"{what}: {count}" for what, count in returns.items())
            )
            awaited = load_unpublished_inspections(today=timezone.localdate())
            self.stdout.write(f"CQC inspections awaiting their report: {awaited}.")
            portal = load_portal(users=users, today=timezone.localdate(), password=DEMO_PASSWORD)
            self.stdout.write(
                "Provider portal: "
                + "; ".join(f"{what}: {count}" for what, count in portal.items())
            )
        risk = load_risk(users=users, today=timezone.localdate())
        self.stdout.write(
            "Risk and intelligence: "
            + "; ".join(f"{what}: {count}" for what, count in risk.items())
        )
        surveillance = load_surveillance(users=users, today=timezone.localdate())
        self.stdout.write(
            "Quality surveillance: "
            + "; ".join(f"{what}: {count}" for what, count in surveillance.items())
        )
        self.stdout.write(f"Demo loaded in {time.monotonic() - started:.1f} s.")
        self._print_logins()

    def _users(self):
        """One sign-in per role, made through the same action an administrator uses."""
        users = {}
        for role, (username, first, last) in DEMO_USERS.items():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = add_user(
                    password=DEMO_PASSWORD,
                    by=LOADER,
                    username=username,
                    first_name=first,
                    last_name=last,
                    role=role,
                    email=f"{username}@careqa-demo.example",
                    job_title=DEMO_JOB_TITLES[role],
                    organisation="NHS Black Country ICB" if role == Role.PARTNER else "",
                )
            users[role] = user
        return users

    def _configure(self, council, by):
        configure_council(
            name=f"{council} Council",
            our_area=Council.objects.filter(key=council_key(council)),
            by=by,
        )

    def _comparator_group(self, council, manager):
        """The comparator group the source reports use (the seven West Midlands metropolitan
        councils) for the default council; otherwise the council's region."""
        if council == DEFAULT_COUNCIL:
            name, members = "West Midlands metropolitan councils", WEST_MIDLANDS_SEVEN
        else:
            name, members = f"{council} and its region", [council, *neighbours(council)]
        keys = [council_key(member) for member in members]
        found = {c.key: c for c in Council.objects.filter(key__in=keys)}
        create_comparator_group(
            name=name,
            councils=[found[key] for key in keys if key in found],
            description="Set up with the demo; change it under Insights, Comparator groups.",
            by=manager,
        )

    def _contracts(self, manager):
        """Contracts for most of our area's care homes and home-care agencies (deterministic)."""
        profile = CouncilProfile.objects.get()
        services = (
            Service.objects.filter(council__in=profile.our_area.all(), active=True)
            .of_type("residential", "nursing", "domiciliary", "supported_living")
            .order_by("location_id")
        )
        count = 0
        for index, service in enumerate(services):
            if index % 5 == 4:  # about one in five is used only by self-funders
                continue
            home = service.care_home
            # All active: the escalation demo suspends or defaults some through the ladder,
            # which sets their status, as in use.
            create_contract(
                service=service,
                by=manager,
                framework="Care Homes Framework 2024-2028"
                if home
                else "Care at Home Framework 2023",
                reference=f"{'CH' if home else 'HC'}-{index + 1:04d}",
                start_date=datetime.date(2024, 4, 1) if home else datetime.date(2023, 10, 1),
                status=ContractStatus.ACTIVE,
                funded_placements=(service.beds or 20) // 3 if home else 0,
            )
            count += 1
        return count

    def _local_names(self, officer):
        """The team's own names for some children's homes whose names Ofsted withholds."""
        profile = CouncilProfile.objects.get()
        withheld = [
            service
            for service in Service.objects.filter(
                council__in=profile.our_area.all(), regulator="ofsted", active=True
            ).order_by("location_id")
            if service.name_withheld
        ]
        for service, name in zip(withheld, LOCAL_NAMES, strict=False):
            set_local_name(service=service, local_name=name, by=officer)
        return min(len(withheld), len(LOCAL_NAMES))

    def _print_logins(self):
        self.stdout.write(
            f"Sign in at http://127.0.0.1:8000/ as one of (password {DEMO_PASSWORD!r}):"
        )
        for role, (username, _, _) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<13} {role.label}")
        for username, _, _ in MORE_OFFICERS:
            self.stdout.write(f"  {username:<13} {Role.QA_OFFICER.label}")
        provider_user = demo_provider_user()
        if provider_user is not None:
            self.stdout.write(
                f"  {provider_user.username:<13} {Role.PROVIDER.label}, the provider portal "
                f"of {provider_user.scope_provider}"
            )
        if settings.CAREQA_SECOND_FACTOR_REQUIRED:
            self.stdout.write(
                "admin, manager and provider set up an authenticator app at their first sign-in "
                "(`make run` turns this off for the demo)."
            )
        else:
            self.stdout.write(
                "No one is asked for a second factor in this demo "
                "(CAREQA_SECOND_FACTOR_REQUIRED=false); set one up under Your account to try it."
            )
