"""Every kind of button the bot makes, as a template for forged-data tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.kernel.buttons import MAX_ID, Button, Field

# One template per kind of button; {n} an id or page, {d} a date, {h} an hour, {m} a minute,
# {s} a small index (also volunteer hours in half-hour steps). tests/unit/test_payloads.py checks
# every registered pattern has one.
TEMPLATES = [
    "mt:go:{n}",
    "mt:lv:{n}",
    "mt:lr:{n}:sick",
    "mt:la:{n}",
    "mt:ld:{n}",
    "mt:mat:{n}",
    "mt:mu:{n}",
    "mt:mg:{n}",
    "mt:mv:{n}",
    "mt:mvd:{n}:{d}",
    "mt:mvh:{n}:{d}:{h}",
    "mt:mvm:{n}:{d}:{h}:{m}",
    "mt:pl:{n}",
    "mt:cx:{n}",
    "mt:cs:{n}",
    "mt:cxy:{n}",
    "mt:csy:{n}",
    "mt:back",
    "mt:rp",
    "mt:rp:month",
    "mt:rg:month:{n}",
    "mt:xl:{n}",
    "mt:ci:{n}",
    "mt:loc:{n}",
    "mt:cd:{n}",
    "mt:rf:{n}",
    "mt:co:{n}",
    "mt:cc:{n}",
    "mt:ccy:{n}",
    "mt:me:{n}",
    "mt:px:{n}:{n}",
    "mt:pp:{n}:{n}",
    "mt:pm:{n}:{n}",
    "mt:pm:{n}:{n}:{n}",
    "mt:st:rm",
    "mt:st:rm:{s}",
    "mt:st:rm:typed",
    "mt:st:tz",
    "mt:st:win",
    "mt:st:cd",
    "mt:st:page",
    "mt:nw:pl:-",
    "mt:st:tz:{s}",
    "mt:st:rd:{n}",
    "mt:st:cy:x",
    "mt:nwstart",
    "mt:nw:d:{d}",
    "mt:nw:h:{h}",
    "mt:nw:mi:{m}",
    "mt:nw:du:{s}",
    "mt:nw:pl:{s}",
    "mt:nw:au:g{n}",
    "mt:nw:au:c{n}",
    "mt:nw:ty:x",
    "mt:nw:x",
    "du:pay",
    "du:pm:202603",
    "du:pok",
    "du:px",
    "du:mb",
    "du:mk:employed",
    "du:pend",
    "du:ok:{n}",
    "du:q:{n}",
    "du:bok:{n}",
    "du:bq:{n}",
    "du:rec",
    "du:rg:{n}",
    "du:rt:{n}:{n}",
    "du:rdo:{n}",
    "du:rep",
    "du:rm:202603",
    "du:ry:{n}",
    "du:pbm:202603",
    "du:pby:{n}",
    "du:xl",
    "vh:menu",
    "vh:my",
    "vh:ed:{n}",
    "vh:wd:{n}",
    "vh:tot",
    "vh:hide:1",
    "vh:chart",
    "vh:cert",
    "vh:cf:year",
    "vh:cm:{n}:year",
    "vh:cm:{n}:r{d}{d}",
    "vh:cl:month:{n}",
    "vh:set",
    "vh:ma:{s}",
    "vh:new",
    "vh:d:{n}:{d}",
    "vh:h:{n}:{s}",
    "vh:t:{n}:{n}",
    "vh:ty:{n}:{s}",
    "vh:wq:{n}",
    "vh:dt:{n}",
    "vh:ht:{n}",
    "vh:cw:{n}",
    "vh:ph:{n}",
    "vh:cd:{n}",
    "vh:ch:{n}",
    "vh:ct:{n}",
    "vh:cc:{n}",
    "vh:sb:{n}",
    "vh:sd:{n}",
    "vh:x:{n}",
    "vh:ap",
    "vh:all",
    "vh:ok:{n}",
    "vh:no:{n}",
    "vh:nr:{n}:{s}",
    "vh:ny:{n}",
    "vh:tm",
    "vh:j:{n}",
    "vh:l:{n}",
    "vh:nt",
    "vh:ld:{n}",
    "vh:lt:{n}:{n}",
    "vh:act",
    "vh:ci:{n}",
    "vh:co:{n}",
    "vh:ao",
    "vh:rc",
    "vh:as:{n}",
    "vh:ad:{n}:now",
    "vh:af:{n}:h1:{s}",
    "vh:aw:{n}:tmr9:{s}",
    "vh:rd:{n}",
    "vh:rh:{n}:{d}",
    "vh:rs:{n}:{d}:{s}",
    "vh:rt:{n}:{d}:{s}:{n}",
    "vh:rf:{n}:{d}:{s}",
    "vh:dp:{n}:hours",
    "vh:st",
    "vh:sp:month",
    "vh:sr",
    "vh:sg:r{d}{d}:{n}",
    "vh:xl:r{d}{d}:{n}",
    "vh:sg:month:{n}",
    "vh:xl:month:{n}",
    "po:m",
    "po:c:{n}",
    "po:p:{n}",
    "po:cl:{n}",
    "po:rl:{n}",
    "po:ry:{n}",
    "po:my",
    "po:d:{n}",
    "po:dp:{n}",
    "po:dd:{n}:{d}",
    "po:dh:{n}:{s}",
    "po:ds:{n}",
    "po:dw:{n}",
    "po:dy:{n}",
    "po:ph:{n}",
    "po:ok:{n}",
    "po:no:{n}",
    "po:nr:{n}:{s}",
    "po:rps",
    "po:a",
    "po:ac",
    "po:ce:{n}",
    "po:ca",
    "po:cr:{n}",
    "po:cx:{n}",
    "po:al",
    "po:an",
    "po:nc:{n}",
    "po:sk",
    "po:np:{n}",
    "po:pe:{n}",
    "po:ef:{n}:name",
    "po:ec:{n}:{n}",
    "po:eq:{n}:{n}",
    "po:et:{n}:{n}",
    "po:eg:{n}",
    "po:ak:{n}",
    "po:ky:{n}",
    "po:qr",
    "po:rp",
    "po:st",
    "po:sl:{s}",
    "po:sn:{s}",
    "po:sd:{s}",
    "po:as:{n}",
    "po:as:{n}:{n}",
    "po:am:{n}:{n}",
    "po:hr:{n}",
    "po:hy:{n}",
    "po:mv:{n}:{n}",
    "po:mm:{n}:{n}",
    "rq:c:{n}",
    "rq:sk",
    "rq:ok",
    "rq:x",
    "rq:my",
    "rq:new:{n}",
    "rq:rt:{n}:{s}",
    "rq:wd:{n}",
    "rq:tk:{n}",
    "rq:mt",
    "rq:dn:{n}",
    "rq:menu",
    "rq:ln",
    "rq:lnn",
    "rq:lnx",
    "rq:ls",
    "rq:as:{n}",
    "rq:am:{n}:{n}",
    "rq:cl:{n}",
    "rq:bk:{n}",
    "rq:ub:{n}",
    "rq:st",
    "rq:eh:{s}",
    "rq:rd:{s}",
    # 同意 under an invite's notice, answered by registration (handlers/members/onboarding.py).
    "pv:y:i_AbCdEfGhIjKlMnOpQrStUvWx",
    "rq:rh:{s}",
    "rq:hs:{s}",
    "rq:ct",
]

# /start payload kinds with numbers or tokens in them ({n} as above), for the same sweep.
START_PAYLOADS = [
    "p_{n}",
    "p_{n}AbCdEfGhIjKlMnOpQrStUvWx",
    "p_AbCdEfGhIjKlMnOpQrStUvWxYz",
    "q_{n}",
    "q_AbCdEfGhIjKlMnOpQrStUvWxYz",
    "f_{n}",
    "f_{n}AbCdEfGhIjKlMnOpQrStUvWx",
    "f_AbCdEfGhIjKlMnOpQrStUvWxYz",
]


def _placeholder(field: Field) -> list[str]:
    """What each field of a typed kind is filled with: a placeholder the sweep makes absurd."""
    if field.kind == "id":
        return ["{n}"]
    if field.kind == "date":
        return ["{d}"]
    if field.kind == "month":
        return ["{y}"]
    if field.kind == "span":
        assert field.span is not None
        return ["{h}" if field.span.hi == 23 else "{m}" if field.span.hi == 59 else "{s}"]
    if field.kind == "bool":
        return ["1"]
    if field.kind == "word":
        return [field.words[0]]
    return ["x"]


def longest(kind: type[Button]) -> Button:
    """The button of this kind with every field at its longest (to check it fits 64 bytes)."""

    def value(field: Field) -> Any:
        if field.kind == "id":
            return MAX_ID
        if field.kind == "span":
            assert field.span is not None
            return field.span.hi
        if field.kind in ("date", "month"):
            return date(2099, 12, 1)
        if field.kind == "bool":
            return True
        if field.kind == "word":
            word = max(field.words, key=len)
            return field.enum(word) if field.enum is not None else word
        return "x" * 32  # the longest token a button may carry

    return kind(*(value(f) for f in kind.schema))


def kinds_of(module: object) -> list[type[Button]]:
    """The kinds a feature's buttons module defines (or names)."""
    found = [getattr(module, name) for name in dir(module)]
    return [k for k in found if isinstance(k, type) and issubclass(k, Button) and k is not Button]


def typed_templates(kinds: list[type[Button]]) -> list[str]:
    """A template per typed kind, from its schema (nothing to keep in step by hand)."""
    found: list[str] = []
    for kind in kinds:
        parts = [kind.prefix, *(_placeholder(f)[0] for f in kind.schema)]
        found.append(":".join(parts))
    return found


def all_templates() -> list[str]:
    """The hand-written templates of regex-matched buttons and those of every typed kind."""
    from handlers import all_handlers
    from handlers.buttons import kinds_in

    return [*TEMPLATES, *typed_templates(kinds_in(all_handlers()))]
