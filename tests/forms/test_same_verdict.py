"""One verdict per value: the contract and the intake page judge a typed value the same way.

Both ask ``catalogue.values`` (issue #16): a BSN, postcode, house number, e-mail address, phone
number or amount the page accepts is one the contract accepts, and a value the page refuses the
contract refuses too, so the contract never refuses a household at the very end for something the
page let through. Before, the two had their own e-mail patterns and disagreed on
``anna@example.nl.``.
"""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from forms.contract import validate_intake
from portal.intake_form import validators as check
from portal.intake_form.fields import Number, Text
from tests.forms.builders import TODAY, household


class Page(Form):
    bsn = Text("BSN", [check.bsn])
    postcode = Text("Postcode", [check.postcode])
    house_number = Text("Huisnummer", [check.house_number])
    email = Text("E-mailadres", [check.email], max_length=254)
    phone = Text("Telefoonnummer", [check.phone], max_length=20)
    amount = Number("Bedrag schulden")


def page_accepts(name: str, typed: str) -> bool:
    form = Page(MultiDict({name: typed}))
    form.validate()
    return not form[name].errors


def contract_accepts(path: tuple[str | int, ...], value) -> bool:
    data = household()
    target = data
    for part in path[:-1]:
        target = target.setdefault(part, {}) if isinstance(part, str) else target[part]
    target[path[-1]] = value
    pointer = "/".join(str(part) for part in path)
    return not any(
        issue.is_error and issue.path == pointer for issue in validate_intake(data, TODAY)
    )


EMAILS = [
    ("anna@example.nl", True),
    ("anna.de.vries@example.nl", True),
    ("anna+zorg@example.co.uk", True),
    ("ANNA@EXAMPLE.NL", True),
    ("a@b.nl", True),
    ("anna@sub-domein.example.nl", True),
    ("anna@münchen.de", True),
    ("anna@xn--mnchen-3ya.de", True),
    (" anna@example.nl ", True),
    ("anna@example.nl.", False),
    ("anna@example", False),
    ("anna@.nl", False),
    ("anna@example..nl", False),
    (".anna@example.nl", False),
    ("anna.@example.nl", False),
    ("anna..de.vries@example.nl", False),
    ("anna @example.nl", False),
    ("anna@exam ple.nl", False),
    ("anna@@example.nl", False),
    ("anna@example.nl@example.nl", False),
    ("@example.nl", False),
    ("anna@", False),
    ("anna@-example.nl", False),
    ("anna@example-.nl", False),
    ("anna@exam_ple.nl", False),
    ("anna@example.n", False),
    ("anna@example.n1", False),
    ("a" * 65 + "@example.nl", False),
    ("anna@" + "a" * 250 + ".nl", False),
]
BSNS = [
    ("999990007", True),
    ("9999 90 007", True),
    ("9999.90.007", True),
    ("999-990-007", True),
    ("12345678", False),  # padded to 012345678, which fails the 11-check
    ("111222333", True),
    ("11222333", False),
    ("123456789", False),
    ("999990008", False),
    ("99999000a", False),
    ("1234567", False),
    ("9999900070", False),
]
POSTCODES = [
    ("2741AB", True),
    ("2741 ab", True),
    (" 2741 AB ", True),
    ("2741 A B", True),
    ("0741AB", False),
    ("2741SA", False),
    ("2741SS", False),
    ("2741-AB", False),
    ("274AB", False),
    ("2741ABC", False),
]
HOUSE_NUMBERS = [("5", True), ("99999", True), ("05", False), ("12a", False), ("0", False)]
PHONES = [
    ("06 12345678", True),
    ("+31 6 12345678", True),
    ("06-12345678", True),
    ("(010) 1234567", True),
    ("12345", False),
    ("06 1234 5678 x2", False),
    ("+31+612345678", False),
    ("06.12345678", False),
]
AMOUNTS = [("0", 0, True), ("12,5", 12.5, True), ("1250", 1250, True), ("-1", -1, False)]


def _cases(path, values):
    return [pytest.param(path, typed, ok, id=f"{path[-1]}:{typed!r}") for typed, ok in values]


@pytest.mark.parametrize(
    ("path", "typed", "expected"),
    [
        *_cases(("contact", "email"), EMAILS),
        *_cases(("members", 0, "bsn"), BSNS),
        *_cases(("address", "postcode"), POSTCODES),
        *_cases(("address", "house_number"), HOUSE_NUMBERS),
        *_cases(("contact", "phone"), PHONES),
    ],
)
def test_the_page_and_the_contract_agree(path, typed, expected):
    field = {"members": "bsn"}.get(path[0], path[-1])
    assert page_accepts(field, typed) is expected
    assert contract_accepts(path, typed) is expected


@pytest.mark.parametrize(("typed", "number", "expected"), AMOUNTS)
def test_an_amount_gets_one_verdict(typed, number, expected):
    assert page_accepts("amount", typed) is expected
    assert contract_accepts(("household", "debts", "debt_amount"), number) is expected


def test_a_trailing_dot_is_refused_by_both():
    """The case the two patterns disagreed on: a mail address has no root dot."""
    assert not page_accepts("email", "anna@example.nl.")
    assert not contract_accepts(("contact", "email"), "anna@example.nl.")
