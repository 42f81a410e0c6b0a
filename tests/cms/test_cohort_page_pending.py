"""A member whose registration awaits approval (pending) sees that status and no member-only content."""

from __future__ import annotations

from members.models import Registration
from tests.cms.conftest import SECRET
from tests.factories.members import RegistrationFactory, UserFactory


def test_pending_member_sees_awaiting_approval_and_no_member_content(world, client_as):
    pending = UserFactory()
    RegistrationFactory(cohort=world.cohort, user=pending, status=Registration.Status.PENDING, confirmed_at=None)
    client = client_as(pending)
    html = client.get(world.library.get_parent().url).content.decode()
    assert "Din tilmelding afventer godkendelse." in html
    assert 'data-testid="register"' not in html
    html = client.get(world.literature.url).content.decode()
    assert "afventer arrangørens godkendelse" in html
    assert SECRET not in html
