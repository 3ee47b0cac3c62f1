"""Database URLs: their passwords kept out of every output, and malformed ones reported as one
line. Pure text functions: nothing here connects.

libpq reads two forms: a URI (``postgresql://`` or ``postgres://``), whose password may sit in the
user info or in a ``password=`` query parameter, and ``key=value`` conninfo. A MariaDB/MySQL
server is named by a ``mysql://`` or ``mariadb://`` URI (``is_mysql_url``), masked the same way. A password written
with unencoded ``/``, ``@``, ``?``, ``#`` or ``]`` is mis-split by libpq (``u:pa/ss@h`` is host
``u``, port ``pa``), and the pieces then turn up in its error messages; so everything between the
user name and the *last* ``@`` counts as the password here, with every piece of it.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

__all__ = ["check_url", "is_mysql_url", "mask_url", "redact", "url_password", "url_secrets"]

_KV_PASSWORD = re.compile(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'?|\S+)", re.I)
_QUERY_PASSWORD = re.compile(r"([?&]password=)([^&]*)", re.I)
_SCHEME = re.compile(r"^\s*((?:postgres(?:ql)?|mysql|mariadb)://)", re.I)
_MYSQL_SCHEME = re.compile(r"^\s*(?:mysql|mariadb)://", re.I)
_PIECES = re.compile(r"[/@#?:\[\]&=%]+")
_MASK = "***"


def _uri_userinfo_password(url: str) -> tuple[int, int] | None:
    """Where the user-info password of a URI is (start, end), taking the last ``@`` as its end."""
    m = _SCHEME.match(url)
    if not m:
        return None
    start = m.end()
    at = url.rfind("@")
    if at < start:
        return None
    colon = url.find(":", start, at)
    if colon < 0:
        return None
    password = url[colon + 1:at]
    if ("@" not in url[start:].split("/", 1)[0] and "?" in url[start:at]
            and re.fullmatch(r"\d*(,[^/]*)?", password.split("/", 1)[0])):
        return None  # host:port/db?user=a@b: the @ is in a query value, there is no password
    return colon + 1, at


def is_mysql_url(url: str | None) -> bool:
    """A MariaDB or MySQL server's URL (``mysql://`` or ``mariadb://``), run by the MySQL runner.

    >>> is_mysql_url("mariadb://app:pw@db/shop"), is_mysql_url("postgresql://db/shop")
    (True, False)
    """
    return bool(url and _MYSQL_SCHEME.match(url))


def mask_url(url: str) -> str:
    """The URL (or ``key=value`` conninfo) with its password replaced by ``***``.

    >>> mask_url("postgresql://app:s3cr%40t@db:5432/prod?sslmode=require")
    'postgresql://app:***@db:5432/prod?sslmode=require'
    >>> mask_url("postgresql://app:pa/ss@w:rd@db/prod")
    'postgresql://app:***@db/prod'
    >>> mask_url("host=db password='a b' dbname=prod")
    'host=db password=*** dbname=prod'
    >>> mask_url("postgres://db/prod?password=x&sslmode=disable")
    'postgres://db/prod?password=***&sslmode=disable'
    >>> mask_url("mysql://app:s3cr%40t@db:3306/shop")
    'mysql://app:***@db:3306/shop'
    """
    if not _SCHEME.match(url):
        return _KV_PASSWORD.sub(lambda m: m.group(1) + _MASK, url)
    span = _uri_userinfo_password(url)
    if span is not None:
        url = url[: span[0]] + _MASK + url[span[1]:]
    return _QUERY_PASSWORD.sub(lambda m: m.group(1) + _MASK, url)


def url_secrets(url: str) -> list[str]:
    """Every string that could give the password away, longest first: as written, decoded, and the
    pieces libpq may cut it into. Pieces of one character are left (they would mask every word)."""
    found: set[str] = set()
    if _SCHEME.match(url):
        span = _uri_userinfo_password(url)
        if span is not None:
            found.add(url[span[0]:span[1]])
        found.update(m.group(2) for m in _QUERY_PASSWORD.finditer(url))
    else:
        for m in _KV_PASSWORD.finditer(url):
            value = m.group(2)
            found.add(value)
            if value.startswith("'"):
                found.add(re.sub(r"\\(.)", r"\1", value[1:-1] if value.endswith("'") and len(value) > 1 else value[1:]))
    for raw in list(found):
        found.add(unquote(raw))
        found.update(p for p in _PIECES.split(raw) if p)
        found.update(p for p in _PIECES.split(unquote(raw)) if p)
    return sorted((s for s in found if len(s) >= 2), key=len, reverse=True)


def url_password(url: str) -> str | None:
    """The password written in the URL or conninfo, if any, decoded.

    >>> url_password("postgresql://u:a%2Fb@h/d"), url_password("host=h password='x y'")
    ('a/b', 'x y')
    """
    if _SCHEME.match(url):
        span = _uri_userinfo_password(url)
        if span is not None:
            return unquote(url[span[0]:span[1]])
        m = _QUERY_PASSWORD.search(url)
        return unquote(m.group(2)) if m else None
    m = _KV_PASSWORD.search(url)
    if m is None:
        return None
    value = m.group(2)
    return re.sub(r"\\(.)", r"\1", value[1:-1]) if value.startswith("'") and value.endswith("'") else value


def redact(text: str, url: str | None) -> str:
    """``text`` without the URL's password, wherever it appears (server messages echo conninfo).

    >>> redact("cannot connect to postgresql://u:pw@h/db: bad", "postgresql://u:pw@h/db")
    'cannot connect to postgresql://u:***@h/db: bad'
    >>> redact('could not translate host name "ss@h"', "postgresql://u:pa@ss@h/db")
    'could not translate host name "***@h"'
    """
    if not url:
        return text
    text = text.replace(url, mask_url(url))
    for secret in url_secrets(url):
        text = text.replace(secret, _MASK)
    return text


def check_url(url: str) -> str | None:
    """Why libpq would misread ``url``'s password, or None. A user-info password holding ``@``
    or ``/`` unencoded is cut at the first of them: the run would go to another host or port.

    >>> check_url("postgresql://u:pa/ss@h/db")
    "the password holds an unencoded '/': percent-encode it in the URL (/ is %2F, @ is %40, % is %25)"
    >>> check_url("postgresql://u:p%40ss@h/db") is None
    True
    """
    advice = "percent-encode it in the URL (/ is %2F, @ is %40, % is %25)"
    for secret in ([m.group(2) for m in _QUERY_PASSWORD.finditer(url)] if _SCHEME.match(url) else []):
        if re.search(r"%(?![0-9A-Fa-f]{2})", secret):
            return f"the password holds a '%' that starts no %XX escape: {advice}"
    span = _uri_userinfo_password(url) if _SCHEME.match(url) else None
    if span is None:
        return None
    password = url[span[0]:span[1]]
    bad = next((c for c in "@/" if c in password), None)
    if bad is not None:
        return f"the password holds an unencoded {bad!r}: {advice}"
    if re.search(r"%(?![0-9A-Fa-f]{2})", password):
        return f"the password holds a '%' that starts no %XX escape: {advice}"
    return None
