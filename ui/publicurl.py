"""The address teams use to reach this app: a setting, or the machine's LAN address, never ``localhost``.

A facilitator often browses the app on the machine that serves it, so the
page's own address (``st.context.url``) is ``http://localhost:8501/...``,
which means nothing on a team's phone. The join link and its QR code are built
on :func:`public_base` instead:

1. ``$QN_PUBLIC_URL`` when set (e.g. ``http://192.168.1.20:8501`` or a public
   name behind a proxy);
2. else the page's address, with a loopback host (``localhost``, ``127.x``,
   ``::1``) replaced by this machine's LAN address;
3. else nothing: the caller says that the address must be set.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urlsplit, urlunsplit

SETTING = "QN_PUBLIC_URL"
LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


def is_loopback(host: str) -> bool:
    """Whether ``host`` only reaches this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def lan_address() -> str | None:
    """This machine's address on its local network (no packet is sent), or ``None`` if it has none."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if is_loopback(address) else address


def public_base(page_url: str | None, setting: str | None = None, lan: str | None = None) -> str | None:
    """The app's public address (scheme, host, port and page path), or ``None`` if none is known.

    Parameters
    ----------
    page_url : str or None
        The address the browser shows (``st.context.url``).
    setting : str, optional
        The configured address (default ``$QN_PUBLIC_URL``); its path, if any, replaces the page's.
    lan : str, optional
        This machine's LAN address (default :func:`lan_address`).

    """
    setting = os.environ.get(SETTING, "") if setting is None else setting
    page = urlsplit(page_url or "")
    if setting.strip():
        chosen = urlsplit(setting.strip())
        path = chosen.path.rstrip("/") + page.path if chosen.path not in ("", "/") else page.path
        return urlunsplit((chosen.scheme or "http", chosen.netloc, path, "", ""))
    if not page.hostname:
        return None
    if not is_loopback(page.hostname):
        return urlunsplit((page.scheme, page.netloc, page.path, "", ""))
    lan = lan_address() if lan is None else lan
    if not lan:
        return None
    netloc = f"{lan}:{page.port}" if page.port else lan
    return urlunsplit((page.scheme, netloc, page.path, "", ""))
