"""The demo's two held meetings, which the council's tests start from."""

import pytest

from council.models import Meeting


@pytest.fixture
def held():
    """The demo meeting with two votes and approved minutes (a follow-up meeting approved them)."""
    return Meeting.objects.filter(status="held").order_by("starts_at").first()


@pytest.fixture
def followup():
    return Meeting.objects.filter(status="held").order_by("starts_at").last()
