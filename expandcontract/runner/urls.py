"""Database URLs: where they come from, and their passwords kept out of every output."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = ["mask_url", "redact", "url_password"]

_KV_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.I)
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&]*", re.I)


def mask_url(url: str) -> str:
    """The URL (or ``key=value`` conninfo) with its password replaced by ``***``.

    >>> mask_url("postgresql://app:s3cr%40t@db:5432/prod?sslmode=require")
    'postgresql://app:***@db:5432/prod?sslmode=require'
    >>> mask_url("host=db password='a b' dbname=prod")
    'host=db password=*** dbname=prod'
    >>> mask_url("postgres://db/prod?password=x&sslmode=disable")
    'postgres://db/prod?password=***&sslmode=disable'
    """
    if "://" not in url:
        return _KV_PASSWORD.sub(lambda m: m.group(1) + "***", url)
    scheme, rest = url.split("://", 1)
    netloc, sep, tail = rest.partition("/")
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        if ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":***"
        netloc = f"{userinfo}@{host}"
    return _QUERY_PASSWORD.sub(lambda m: m.group(1) + "***", f"{scheme}://{netloc}{sep}{tail}")


def url_password(url: str) -> str | None:
    """The password written in the URL or conninfo, if any (to scrub it from messages)."""
    if "://" in url:
        parts = urlsplit(url)
        if parts.password:
            return unquote(parts.password)
        for key, value in parse_qsl(parts.query):
            if key.lower() == "password":
                return value
        return None
    m = _KV_PASSWORD.search(url)
    return m.group(2).strip("'") if m else None


def redact(text: str, url: str | None) -> str:
    """``text`` without the URL's password, wherever it appears (server messages echo conninfo).

    >>> redact("cannot connect to postgresql://u:pw@h/db: bad", "postgresql://u:pw@h/db")
    'cannot connect to postgresql://u:***@h/db: bad'
    """
    if not url:
        return text
    password = url_password(url)
    text = text.replace(url, mask_url(url))
    if password and len(password) >= 2:
        text = text.replace(password, "***")
    return text
