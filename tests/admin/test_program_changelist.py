"""The program changelist's enrolled and open-flag columns and the headcount-vs-enrolled filter,
counted per program by correlated subqueries (programs/admin/programs.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import DataQualityFlag
from tests.factories import DataQualityFlagFactory, EnrollmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/programs/program/"


def listed(response):
    """{title: (enrolled, open flags)} of the changelist's rows."""
    body = response.content.decode()
    rows = {}
    for row in re.findall(r"<tr>.*?</tr>", body, re.S):
        title = re.search(r'class="field-title"><a [^>]*>(.*?)</a>', row)
        enrolled = re.search(r'class="field-enrolled">(.*?)</td>', row)
        flags = re.search(r'class="field-open_flags">(.*?)</td>', row)
        if title and enrolled and flags:
            rows[title.group(1)] = (int(enrolled.group(1)), int(flags.group(1)))
    return rows


@pytest.fixture
def programs():
    matches = ProgramFactory(title="Matches", headcount=2)
    differs = ProgramFactory(title="Differs", headcount=5)
    ProgramFactory(title="Nobody", headcount=3)
    for program, people in ((matches, 2), (differs, 3)):
        for _ in range(people):
            EnrollmentFactory(program=program)
    DataQualityFlagFactory(program=differs)
    DataQualityFlagFactory(program=differs)
    DataQualityFlagFactory(program=differs, status=DataQualityFlag.Status.RESOLVED, resolution="Checked.")


def test_columns_count_each_programs_enrollments_and_open_flags(admin_client_logged_in, programs):
    response = admin_client_logged_in.get(CHANGELIST)
    assert response.status_code == 200
    assert listed(response) == {"Matches": (2, 0), "Differs": (3, 2), "Nobody": (0, 0)}


@pytest.mark.parametrize("choice, titles", [("differs", {"Differs"}), ("none", {"Nobody"})])
def test_headcount_filter(admin_client_logged_in, programs, choice, titles):
    response = admin_client_logged_in.get(CHANGELIST, {"enrolled": choice})
    assert set(listed(response)) == titles


def test_sorting_by_enrolled(admin_client_logged_in, programs):
    response = admin_client_logged_in.get(CHANGELIST, {"o": "-7"})  # the seventh column, descending
    assert list(listed(response)) == ["Differs", "Matches", "Nobody"]


def test_changelist_queries_do_not_grow_with_enrollments(admin_client_logged_in, programs):
    with CaptureQueriesContext(connection) as before:
        admin_client_logged_in.get(CHANGELIST)
    program = ProgramFactory(title="Crowded", headcount=40)
    for _ in range(40):
        EnrollmentFactory(program=program)
    with CaptureQueriesContext(connection) as after:
        response = admin_client_logged_in.get(CHANGELIST)
    assert listed(response)["Crowded"] == (40, 0)
    assert len(after) == len(before)
