"""Spending from a CSV file (issue #17): an export of the SVB (pgb payments) or of a provider.

The columns (a header row, names in any order, upper or lower case):

| column        | required | what                                                           |
|---------------|----------|----------------------------------------------------------------|
| datum         | yes      | the day of the spending: 15-03-2026 or 2026-03-15              |
| regeling      | yes      | the regime as in the verordening: wmo, jeugdwet, ...           |
| voorziening   | yes*     | the provision id as in the verordening, e.g. begeleiding       |
| bedrag        | yes      | euros in Dutch notation: 1.250,50 (or 1250.50); not negative   |
| omschrijving  | no       | what it was for (at most 200 characters)                       |
| leverancier   | no       | the provider or budget holder's payee                          |

*`voorziening` may be empty for a regime that falls under the household's integrated budget.
Separator `;` (Dutch spreadsheets) or `,`; UTF-8 (with or without BOM) or Windows-1252. Other
columns are ignored. At most 2,000 lines and 512 KB.

All or nothing: a file with one bad line imports nothing, and every bad line is listed with its
number and the reason, so the user corrects the file and sends it again — no half-imported file
whose rest would then be booked twice. The same file (same bytes) twice is refused."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date

from portal.amounts import read_amount
from portal.budget.models import BudgetLine
from portal.dutch_time import parse_date

MAX_BYTES = 512 * 1024
MAX_ROWS = 2000
REQUIRED = ("datum", "regeling", "voorziening", "bedrag")
OPTIONAL = ("omschrijving", "leverancier")


@dataclass
class Row:
    number: int  # line number in the file (the header is line 1)
    line: BudgetLine
    booked_on: date
    cents: int
    description: str
    provider: str


@dataclass
class Problem:
    number: int | None  # None: the file as a whole
    key: str  # a key of portal.budget.views.IMPORT_PROBLEMS
    value: str = ""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _day(text: str) -> date | None:
    text = text.strip()
    if len(text) == 10 and text[2] == "-" and text[5] == "-":
        text = f"{text[6:]}-{text[3:5]}-{text[:2]}"
    return parse_date(text)


def _line_for(lines: list[BudgetLine], regime: str, provision: str, day: date):
    """The budget line a spending belongs to: the integrated line covering the regime on that
    day, else the line of that provision whose period holds the day."""
    for line in lines:
        if line.integrated and line.covers(regime) and line.period_start <= day <= line.period_end:
            return line
    for line in lines:
        if (
            not line.integrated
            and line.regime == regime
            and line.provision_id == provision
            and line.period_start <= day <= line.period_end
        ):
            return line
    return None


def read(data: bytes, lines: list[BudgetLine], today: date) -> tuple[list[Row], list[Problem]]:
    """The rows of the file, or the problems that stop it (all of them, per line)."""
    if not data.strip():
        return [], [Problem(None, "empty")]
    if len(data) > MAX_BYTES:
        return [], [Problem(None, "too_big")]
    text = _decode(data)
    if text is None or "\x00" in text:
        return [], [Problem(None, "not_text")]
    first = text.splitlines()[0] if text.splitlines() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error):
        return [], [Problem(None, "no_header")]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return [], [Problem(None, "columns", ", ".join(missing))]
    where = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    rows: list[Row] = []
    problems: list[Problem] = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(rows) + len(problems) >= MAX_ROWS:
                return [], [Problem(None, "too_many")]

            def cell(name: str, cells=cells) -> str:
                index = where.get(name)
                return cells[index].strip() if index is not None and index < len(cells) else ""

            day = _day(cell("datum"))
            amount = read_amount(cell("bedrag"))
            regime = cell("regeling").lower()
            provision = cell("voorziening")
            if day is None:
                problems.append(Problem(number, "date", cell("datum")))
                continue
            if day > today:
                problems.append(Problem(number, "future", cell("datum")))
                continue
            if amount.problem:
                problems.append(Problem(number, f"amount_{amount.problem}", cell("bedrag")))
                continue
            line = _line_for(lines, regime, provision, day)
            if line is None:
                what = f"{regime} / {provision}" if provision else regime
                problems.append(Problem(number, "no_line", what))
                continue
            if len(cell("omschrijving")) > 200 or len(cell("leverancier")) > 200:
                problems.append(Problem(number, "too_long"))
                continue
            rows.append(
                Row(number, line, day, amount.cents, cell("omschrijving"), cell("leverancier"))
            )
    except csv.Error:
        return [], [Problem(None, "not_csv")]
    if not rows and not problems:
        return [], [Problem(None, "no_rows")]
    return rows, problems
