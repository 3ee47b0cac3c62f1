"""Backoff between lock-timeout retries: capped exponential with jitter, within a time budget."""

from __future__ import annotations

import random

__all__ = ["backoff_delay"]


def backoff_delay(attempt: int, *, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds to wait after failed ``attempt`` (1-based): half the capped exponential, plus a
    random part up to the other half, so that runners and apps do not retry in lockstep.

    >>> r = random.Random(0)
    >>> [round(backoff_delay(n, base=0.5, cap=4, rng=r), 2) for n in range(1, 7)]
    [0.46, 0.88, 1.42, 2.52, 3.02, 2.81]
    """
    ceiling = min(cap, base * 2 ** (attempt - 1))
    return ceiling / 2 + (rng or random).random() * ceiling / 2
