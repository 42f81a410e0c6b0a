"""Per-user throttle of Q&A writes (scope ``qa_write``, API_THROTTLE_QA_WRITE); reads are not throttled."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle


class QAWriteThrottle(UserRateThrottle):
    """Counts POST, PATCH and DELETE per user; over the rate the API answers 429."""

    scope = "qa_write"

    def get_rate(self):
        # Read the rate at request time (DRF caches it at import), so settings overrides apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
