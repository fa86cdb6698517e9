"""A real HTTP server on 127.0.0.1 that answers as CQC's API does, from recorded answers.

For the tests and the benchmark (never for production): each path is given a list of
answers, served in turn, the last one repeated. An answer can be JSON, raw bytes
(malformed JSON), a status with headers (429 with Retry-After, 500, 404) and a delay (a
timeout). Every request is logged with its query and headers, so a test can say what the
sync asked and how often. `generated_location()` builds a location answer shaped like
CQC's real ones (the samples in ../shared/data/cqc/samples/).
"""

import datetime
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/public/v1"


@dataclass
class Answer:
    status: int = 200
    body: object = None  # a JSON-able value, or bytes sent as they are
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


def answer(value=None, **kwargs):
    return value if isinstance(value, Answer) else Answer(body=value, **kwargs)


class ReplayServer:
    """`with ReplayServer() as api:` then `api.set(path, *answers)`; `api.url` is the base."""

    def __init__(self):
        self.routes = {}
        self.provider_changes = []
        self.changes_per_page = None
        self.log = []  # (path, query dict, headers dict)
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's name)
                server._handle(self)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{PREFIX}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def set(self, path, *answers):
        """Answer GET `path` (without the /public/v1 prefix) with these, in turn."""
        with self.lock:
            self.routes["/" + path.lstrip("/")] = [answer(a) for a in answers]

    def set_changes(self, ids, *, per_page=None):
        """/changes/location listing `ids` (in pages of per_page, as CQC pages them)."""
        self.changes = list(ids)
        self.changes_per_page = per_page

    def set_provider_changes(self, ids):
        """/changes/provider listing `ids` (none until set)."""
        self.provider_changes = list(ids)

    def set_location(self, data, *answers):
        self.set(f"locations/{data['locationId']}", *(answers or (data,)))

    def requests_to(self, path):
        path = "/" + path.lstrip("/")
        return [entry for entry in self.log if entry[0] == path]

    def _handle(self, handler):
        parsed = urllib.parse.urlsplit(handler.path)
        path = parsed.path[len(PREFIX) :] if parsed.path.startswith(PREFIX) else parsed.path
        query = dict(urllib.parse.parse_qsl(parsed.query))
        with self.lock:
            self.log.append((path, query, dict(handler.headers)))
            answers = self.routes.get(path)
            if answers is None and path == "/changes/location" and hasattr(self, "changes"):
                reply = Answer(body=self._changes_page(path, query, self.changes))
            elif answers is None and path == "/changes/provider":
                reply = Answer(body=self._changes_page(path, query, self.provider_changes))
            elif answers is None:
                reply = Answer(status=404, body={"message": "Not found"})
            else:
                reply = answers.pop(0) if len(answers) > 1 else answers[0]
        if reply.delay:
            time.sleep(reply.delay)
        body = reply.body
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        try:
            handler.send_response(reply.status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(body)))
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a timeout test)

    def _changes_page(self, path, query, changes):
        page = int(query.get("page", 1))
        per_page = self.changes_per_page or int(query.get("perPage", 1000))
        pages = max(1, -(-len(changes) // per_page))
        chunk = changes[(page - 1) * per_page : page * per_page]
        return {
            "total": len(changes),
            "page": page,
            "perPage": per_page,
            "totalPages": pages,
            "firstPageUri": f"{path}?page=1&perPage={per_page}",
            "nextPageUri": f"{path}?page={page + 1}&perPage={per_page}" if page < pages else None,
            "previousPageUri": None,
            "changes": chunk,
        }


COUNCILS = (
    ("Wolverhampton", "West Midlands", "WV"),
    ("Suffolk", "East", "IP"),
    ("Devon", "South West", "EX"),
    ("Leeds", "Yorkshire & Humberside", "LS"),
)
TYPES = (
    ("Residential homes", "Care home service without nursing", "Y"),
    ("Nursing homes", "Care home service with nursing", "Y"),
    ("Homecare agencies", "Domiciliary care service", "N"),
)
RATINGS = ("Good", "Outstanding", "Requires improvement", "Inadequate")


def generated_location(number, *, provider_id=None, rating=None, report_date="2025-06-02", **extra):
    """A location answer like CQC's (CQC_FORMATS.md §4.3), numbered for reproducibility."""
    council, region, area = COUNCILS[number % len(COUNCILS)]
    type_name, type_description, care_home = TYPES[number % len(TYPES)]
    rating = rating or RATINGS[number % len(RATINGS)]
    link = f"00000000-0000-4000-8000-{number:012d}-{report_date}"
    visited = (datetime.date.fromisoformat(report_date) - datetime.timedelta(days=30)).isoformat()
    data = {
        "locationId": f"1-9{number:09d}",
        "providerId": provider_id or f"1-8{number // 5:09d}",
        "organisationType": "Location",
        "type": "Social Care Org",
        "name": f"Generated Care {number}",
        "registrationStatus": "Registered",
        "registrationDate": "2015-04-01",
        "dormancy": "N",
        "careHome": care_home,
        "inspectionDirectorate": "Adult social care",
        "postalAddressLine1": f"{number} High Street",
        "postalAddressTownCity": council,
        "region": region,
        "postalCode": f"{area}{number % 9 + 1} {number % 9}AB",
        "onspdLatitude": 52.5,
        "onspdLongitude": -2.1,
        "mainPhoneNumber": f"01902{number:06d}",
        "localAuthority": council,
        "lastInspection": {"date": visited},
        "lastReport": {"publicationDate": report_date},
        "regulatedActivities": [
            {
                "name": "Personal care",
                "code": "RA1",
                "contacts": [
                    {
                        "personTitle": "Ms",
                        "personGivenName": "Manager",
                        "personFamilyName": f"Number{number}",
                        "personRoles": ["Registered Manager"],
                    }
                ],
            }
        ],
        "gacServiceTypes": [{"name": type_name, "description": type_description}],
        "specialisms": [{"name": "Caring for adults over 65 yrs"}, {"name": "Dementia"}],
        "inspectionCategories": [
            {"code": "S1", "primary": "true", "name": "Residential social care"}
        ],
        "currentRatings": {
            "overall": {
                "rating": rating,
                "reportDate": report_date,
                "reportLinkId": link,
                "keyQuestionRatings": [
                    {"name": name, "rating": rating, "reportDate": report_date}
                    for name in ("Safe", "Well-led", "Caring", "Responsive", "Effective")
                ],
            },
            "reportDate": report_date,
        },
        "reports": [
            {
                "linkId": link,
                "reportDate": report_date,
                "firstVisitDate": visited,
                "reportUri": f"/reports/{link}",
                "reportType": "Location",
            }
        ],
    }
    if care_home == "Y":
        data["numberOfBeds"] = 20 + number % 40
    data.update(extra)
    return data


def generated_provider(provider_id, number=0):
    return {
        "providerId": provider_id,
        "organisationType": "Provider",
        "type": "Social Care Org",
        "ownershipType": "Organisation",
        "name": f"Generated Provider {provider_id} Ltd",
        "registrationStatus": "Registered",
        "registrationDate": "2012-01-01",
        "companiesHouseNumber": f"{number:08d}",
        "postalAddressLine1": "1 Office Park",
        "postalAddressTownCity": "Wolverhampton",
        "postalCode": "WV1 1AA",
        "mainPhoneNumber": "01902000000",
    }


def gp_location(number):
    """A GP surgery: changed on CQC's list, outside the register's scope."""
    return {
        "locationId": f"1-7{number:09d}",
        "providerId": f"1-6{number:09d}",
        "type": "Primary Medical Services",
        "name": f"Surgery {number}",
        "registrationStatus": "Registered",
        "careHome": "N",
        "inspectionDirectorate": "Primary medical services",
        "inspectionCategories": [{"code": "P1", "primary": "true", "name": "GP Practices"}],
        "localAuthority": "Leeds",
        "region": "Yorkshire & Humberside",
    }


def serve_generated(api, count, *, start=0):
    """Put `count` generated locations (every tenth a GP surgery) and their providers on
    `api`, listed as changed; return their ids."""
    ids = []
    for number in range(start, start + count):
        data = gp_location(number) if number % 10 == 9 else generated_location(number)
        api.set_location(data)
        api.set(f"providers/{data['providerId']}", generated_provider(data["providerId"], number))
        ids.append(data["locationId"])
    api.set_changes(ids)
    return ids
