"""When a stored event last changed, as the store's readers hand it on with each streamed contract object.

A leaf with no imports of its own, so the renderers (rasd.export) can read the key without importing the store's
modules, which import them.
"""

from __future__ import annotations

from typing import Any

#: The key under which the store's readers hand on, beside a streamed contract object, when its events row last
#: changed (`updated_at`: a report linked to it, a review): what ACLED's `timestamp` column means (rasd.export). Not
#: a contract field; every renderer reads the contract through `rasd.export.contract`, which leaves it out.
UPDATED_AT = "_updated_at"


def with_updated_at(data: dict[str, Any], updated_at: Any) -> dict[str, Any]:
    """A stored contract object as the store's readers stream it: with its row's `updated_at` (UPDATED_AT)."""
    data[UPDATED_AT] = updated_at
    return data
