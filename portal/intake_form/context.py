"""What the page conditions look at: the answers so far, the resident's choices about the
form itself (subjects, who a question is about), and today's date (ages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ADULT_AGE = 18
SCHOOL_AGE = (4, 18)  # leerplicht from 5 (school from 4) and kwalificatieplicht up to 18
WORK_AGE = 16


def age_on(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@dataclass
class Context:
    answers: dict
    state: dict = field(default_factory=dict)
    today: date = field(default_factory=date.today)

    @property
    def members(self) -> list[dict]:
        return self.answers.setdefault("members", [])

    def member(self, member_id: str | None) -> dict | None:
        return next((m for m in self.members if m.get("id") == member_id), None)

    @property
    def applicant(self) -> dict | None:
        return next((m for m in self.members if m.get("role") == "applicant"), None)

    def age(self, member: dict) -> int | None:
        born = member.get("birth_date")
        return age_on(date.fromisoformat(born) if born else None, self.today)

    def is_child(self, member: dict) -> bool:
        age = self.age(member)
        if age is None:
            return member.get("role") == "child"
        return age < ADULT_AGE

    def is_school_age(self, member: dict) -> bool:
        age = self.age(member)
        return age is not None and SCHOOL_AGE[0] <= age < SCHOOL_AGE[1]

    def is_working_age(self, member: dict) -> bool:
        age = self.age(member)
        return age is None or age >= WORK_AGE

    def has_children(self) -> bool:
        return any(self.is_child(m) for m in self.members)

    def has_school_age_children(self) -> bool:
        return any(self.is_school_age(m) for m in self.members)

    def fact(self, path: str):
        node: object = self.answers
        for part in path.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    def care_members(self) -> list[str]:
        """Who the health questions are about. Someone who lives alone is not asked 'for whom?'
        (issue #13: a page with one checkbox); the questions are about them."""
        if len(self.members) == 1 and self.members[0].get("id"):
            return [self.members[0]["id"]]
        return list(self.state.get("care_members", []))

    def lives_alone(self) -> bool:
        return len(self.members) == 1

    def offers(self, subject: str) -> bool:
        """A subject fits the household: no parenting without children, no school without a
        child of school age (issue #16: here, so subjects.py and this module are no circle)."""
        if subject == "parenting":
            return self.has_children()
        if subject == "school":
            return self.has_school_age_children()
        return True

    def chosen(self, subject: str) -> bool:
        """The resident chose this subject and it still fits the household."""
        return subject in self.state.get("subjects", []) and self.offers(subject)

    def name_of(self, member: dict, you: str) -> str:
        if member.get("role") == "applicant":
            return you
        return member.get("given_name") or you
