"""fhirpy (the Python FHIR client, from PyPI) against a running carepath.

Run by tests/browser/clients.test.mjs: `python fhirpy_client.py BASE_URL TOKEN`, with a
care team member's API token (on the demo data, whose patients have answered forms). Creates, reads, updates and
conditionally updates a Patient, counts and pages a search, and exits non-zero with the
reason on the first thing that does not behave as FHIR says.
"""

import random
import sys

from fhirpy import SyncFHIRClient
from fhirpy.base.exceptions import OperationOutcome

FNR = "urn:oid:2.16.578.1.12.4.1.4.1"


def fodselsnummer(first_nine: str) -> str | None:
    """The eleven digits with their two check digits, or None when none fit."""
    digits = [int(c) for c in first_nine]
    w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    k1 = 11 - sum(d * w for d, w in zip(digits, w1)) % 11
    k1 = 0 if k1 == 11 else k1
    if k1 == 10:
        return None
    w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    k2 = 11 - sum(d * w for d, w in zip(digits + [k1], w2)) % 11
    k2 = 0 if k2 == 11 else k2
    if k2 == 10:
        return None
    return first_nine + str(k1) + str(k2)


def new_number() -> str:
    while True:
        number = fodselsnummer(f"120479{random.randint(100, 499)}")
        if number:
            return number


def check(condition: bool, what: str) -> None:
    if not condition:
        print(f"fhirpy: {what}", file=sys.stderr)
        sys.exit(1)


def main() -> None:
    base, token = sys.argv[1], sys.argv[2]
    client = SyncFHIRClient(f"{base}/fhir", authorization=f"Bearer {token}")

    # Create, read back whole.
    number = new_number()
    patient = client.resource(
        "Patient",
        identifier=[{"system": FNR, "value": number}],
        name=[{"use": "official", "family": "Nordmann", "given": ["Kari", "Fhirpy"]}],
        gender="female",
        birthDate="1979-04-12",
    )
    patient.save()
    check(bool(patient.id), "create gave no id")
    read = client.reference("Patient", patient.id).to_resource()
    check(read["name"][0].get("family") == "Nordmann", f"family not kept: {read['name']}")
    check(read["name"][0].get("given") == ["Kari", "Fhirpy"], f"given not kept: {read['name']}")
    check(read.get("gender") == "female", "gender not kept")
    check(read["meta"].get("versionId") == "1", "no versionId")
    check(bool(read["meta"].get("lastUpdated")), "no lastUpdated")

    # Update.
    read["name"][0]["given"] = ["Karianne"]
    read.save()
    again = client.reference("Patient", patient.id).to_resource()
    check(again["name"][0]["given"] == ["Karianne"], "update not kept")
    check(again["meta"]["versionId"] == "2", "the version did not move")

    # Search and count.
    by_number = client.resources("Patient").search(identifier=f"{FNR}|{number}")
    check(by_number.count() == 1, "count() of one patient")
    check(by_number.first().id == patient.id, "search found another patient")

    # Conditional update: a known number updates, an unknown one registers.
    changed = client.resource(
        "Patient",
        identifier=[{"system": FNR, "value": number}],
        name=[{"use": "official", "family": "Nordmann", "given": ["Kari"]}],
        gender="female",
        birthDate="1979-04-12",
    )
    updated, created = by_number.update(changed)
    check(not created and updated.id == patient.id, "conditional update of a known number")
    other = new_number()
    while other == number:
        other = new_number()
    fresh = client.resource(
        "Patient",
        identifier=[{"system": FNR, "value": other}],
        name=[{"use": "official", "family": "Hansen", "given": ["Ola"]}],
        birthDate="1979-04-12",
    )
    made, created = client.resources("Patient").search(identifier=f"{FNR}|{other}").update(fresh)
    check(created and made.id and made.id != patient.id, "conditional update of a new number")

    # Paging: fetch_all() follows the next links and finds what count() says.
    patients = client.resources("Patient")
    total = patients.count()
    check(total > 4, f"the care team's patients ({total})")
    pages = patients.limit(2).fetch_all()
    check(len(pages) == total, f"fetch_all() found {len(pages)} of {total}")
    check(len({p.id for p in pages}) == total, "paging repeated a patient")

    # A refusal is an OperationOutcome fhirpy can read.
    try:
        client.resource("Patient", name=[{"family": "Uten nummer"}]).save()
        check(False, "a patient without a number was accepted")
    except OperationOutcome as outcome:
        check("issue" in str(outcome) or bool(outcome.resource), "the refusal had no issues")

    print(f"fhirpy: ok ({total} patients paged two at a time)")


if __name__ == "__main__":
    main()
