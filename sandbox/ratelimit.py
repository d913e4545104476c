"""Per-client request limits for the sandbox's unauthenticated and guessable surfaces.

The public verification pages, the enrolment exchange and the admin token check are the
places an anonymous client can probe the server: sequential references on the first,
enrolment codes on the second, tokens on the third. All answer 429 with `Retry-After`
once a client has used its allowance (the answer is `sandbox.core.too_many_requests`),
counted by this one module: the `limits` library's moving window, kept in memory (the
sandbox is one process; a real deployment keeps such limits at its gateway).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

# Generous for a person scanning receipts, far too little for enumerating references.
VERIFY_LIMIT = "30/minute"
# Wrong admin tokens: a few typing mistakes, never a guessing run.
ADMIN_FAILURE_LIMIT = "5/minute"
# Enrolment attempts: a technician retyping a code a few times, never a guessing run.
ENROLMENT_LIMIT = "10/minute"


@dataclass
class RateLimits:
    """The sandbox's limits: one moving window per (purpose, client address)."""

    verify: str = VERIFY_LIMIT
    admin_failures: str = ADMIN_FAILURE_LIMIT
    enrolment: str = ENROLMENT_LIMIT
    _storage: MemoryStorage = field(default_factory=MemoryStorage, repr=False)

    def __post_init__(self) -> None:
        self._limiter = MovingWindowRateLimiter(self._storage)

    def _item(self, purpose: str) -> RateLimitItem:
        allowances = {"verify": self.verify, "enrolment": self.enrolment}
        return parse(allowances.get(purpose, self.admin_failures))

    def hit(self, purpose: str, client: str) -> bool:
        """Counts one request; False once `client` has used its allowance for `purpose`."""
        return self._limiter.hit(self._item(purpose), purpose, client)

    def exhausted(self, purpose: str, client: str) -> bool:
        """True while `client` may not try `purpose` again (without counting a request)."""
        return not self._limiter.test(self._item(purpose), purpose, client)

    def retry_after_s(self, purpose: str, client: str) -> int:
        stats = self._limiter.get_window_stats(self._item(purpose), purpose, client)
        return max(1, math.ceil(stats.reset_time - time.time()))

    def reset(self) -> None:
        """Forgets every count (the admin reset between tests)."""
        self._storage.reset()
