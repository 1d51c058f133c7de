"""Getting alerts to people: a webhook (POST of JSON to a URL), and the settings that say where.

The webhook body is `{"source": "rasd", "alerts": [Alert.to_dict(), ...]}` with Content-Type application/json.
Only http and https URLs are accepted; delivery uses the standard library (urllib), so it needs no dependency.
Settings: `--webhook URL` on `rasd alerts`, else $RASD_ALERT_WEBHOOK, else `[alerts] webhook` in rasd.toml; the
rules file likewise from `--rules`, $RASD_ALERT_RULES or `[alerts] rules`.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

from rasd import __version__
from rasd.config import read_config_file
from rasd.errors import InputError, RasdError

log = logging.getLogger(__name__)

WEBHOOK_ENV = "RASD_ALERT_WEBHOOK"
RULES_ENV = "RASD_ALERT_RULES"


class DeliveryError(RasdError):
    """A webhook that refused the alerts or could not be reached."""


def alerts_setting(name: str, env: str, flag: str | None = None) -> str | None:
    """A setting of the alerts: flag, then environment, then `[alerts] name` in rasd.toml, else None."""
    if flag:
        return flag
    if os.environ.get(env):
        return os.environ[env]
    section = read_config_file().get("alerts", {})
    value = section.get(name) if isinstance(section, dict) else None
    return str(value) if value else None


def post_webhook(url: str, alerts: Sequence[dict[str, Any]], timeout: float = 10.0) -> int:
    """POST the alerts as one JSON object; the HTTP status on success (2xx), DeliveryError otherwise."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(f"webhook URL must be http(s)://host/..., got {url!r}")
    body = json.dumps({"source": "rasd", "alerts": list(alerts)}, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": f"rasd/{__version__} (alerts)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"webhook {url} answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DeliveryError(f"webhook {url} unreachable: {getattr(exc, 'reason', exc)}") from exc
    if not 200 <= status < 300:
        raise DeliveryError(f"webhook {url} answered HTTP {status}")
    return status
