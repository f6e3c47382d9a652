"""The sections of the plan workspace, one object each (issue #16): what a section's edit page
asks (its form), how the saved plan fills that form (`load`) and what a valid form changes in
the plan (`save`, the keyword arguments of `services.plans.save`).

The pages in `portal.plans.views` only look a section up by its URL part (`BY_KEY`) and call
these; the order of `SECTIONS` is the order of the plan.
"""

from __future__ import annotations

from typing import ClassVar

from flask_wtf import FlaskForm

from portal.dutch_time import iso, parse_date
from portal.plans import forms, labels, overview, service
from portal.plans.models import Plan


def _t(value) -> str:
    return (value or "").strip() if isinstance(value, str) else ""


def _keep(rows) -> list:
    """The rows of a list that stay: not empty and "Verwijderen" not ticked."""
    return [r for r in rows.entries if not r.form.remove.data and not r.form.is_empty()]


def _euros(cents: int | None) -> str:
    if cents is None:
        return ""
    whole, part = divmod(cents, 100)
    return f"{whole},{part:02d}" if part else str(whole)


class Section:
    """One section of the plan. `key` is its URL part, `form` its form class; a section with
    rows (`is_list`) lets the user add a row without saving ("Nog een toevoegen")."""

    key: ClassVar[str]
    form: ClassVar[type[FlaskForm]]
    is_list: ClassVar[bool] = False

    @property
    def title(self) -> str:
        return str(overview.TITLES[self.key])

    def load(self, plan: Plan, provisions: list[dict]) -> dict:
        """The form's data from the saved plan (`provisions`: the live provision rows)."""
        raise NotImplementedError

    def save(self, form, household_id: int) -> dict:
        """What a valid form changes: keyword arguments for `services.plans.save`."""
        raise NotImplementedError

    def check(self, form) -> bool:
        """Checks across fields, after the form's own validation."""
        return True

    def new_row(self) -> dict:
        """The data of a row added with "Nog een toevoegen"."""
        return {}

    def saved_form(self, plan: Plan, provisions: list[dict], prefix: str | None = None):
        """The form filled with what is saved now (not with what was posted)."""
        return self.form(formdata=None, prefix=prefix or self.key, data=self.load(plan, provisions))

    def posted_form(self):
        return self.form(prefix=self.key)


class Question(Section):
    key = "vraag"
    form = forms.QuestionForm

    def load(self, plan, provisions):
        return {
            "own_words": plan.own_words,
            "wants_to_achieve": plan.wants_to_achieve,
            "melding_date": plan.melding_date,
            "personal_plan_date": plan.personal_plan_date,
        }

    def save(self, form, household_id):
        return {
            "own_words": _t(form.own_words.data),
            "wants_to_achieve": _t(form.wants_to_achieve.data),
            "melding_date": form.melding_date.data,
            "personal_plan_date": form.personal_plan_date.data,
        }


class Network(Section):
    key = "netwerk"
    form = forms.NetworkForm
    is_list = True
    FIELDS = ("name", "relation", "kind", "contact", "role")

    def new_row(self):
        return {"kind": "network"}

    def load(self, plan, provisions):
        rows = [dict(r) for r in plan.network or []]
        return {"rows": [*rows, self.new_row()]}

    def save(self, form, household_id):
        return {"network": [{n: _t(r.form[n].data) for n in self.FIELDS} for r in _keep(form.rows)]}


class Domains(Section):
    key = "leefgebieden"
    form = forms.DomainsForm

    def load(self, plan, provisions):
        data = {}
        for key in labels.DOMAIN_LABELS:
            entry = (plan.domains or {}).get(key) or {}
            score = entry.get("score")
            data[f"{key}_score"] = str(score) if score else ""
            data[f"{key}_situation"] = entry.get("situation") or ""
            data[f"{key}_goal"] = entry.get("goal") or ""
        return data

    def check(self, form):
        return forms.validate_scores(form)

    def save(self, form, household_id):
        domains = {}
        for key in labels.DOMAIN_LABELS:
            score = form[f"{key}_score"].data
            entry = {
                "score": int(score) if score else None,
                "situation": _t(form[f"{key}_situation"].data),
                "goal": _t(form[f"{key}_goal"].data),
            }
            if entry["score"] or entry["situation"] or entry["goal"]:
                domains[key] = entry
        return {"domains": domains}


class Strengths(Section):
    key = "eigen-kracht"
    form = forms.StrengthsForm

    def load(self, plan, provisions):
        return {"strengths": plan.strengths, "own_contribution": plan.own_contribution}

    def save(self, form, household_id):
        return {
            "strengths": _t(form.strengths.data),
            "own_contribution": _t(form.own_contribution.data),
        }


class Agreements(Section):
    key = "afspraken"
    form = forms.AgreementsForm
    is_list = True

    def load(self, plan, provisions):
        rows = [{**r, "by": parse_date(r.get("by"))} for r in plan.agreements or []]
        return {"rows": [*rows, {}]}

    def save(self, form, household_id):
        return {
            "agreements": [
                {
                    "who": _t(r.form.who.data),
                    "what": _t(r.form.what.data),
                    "by": iso(r.form.by.data),
                    "done": bool(r.form.done.data),
                }
                for r in _keep(form.rows)
            ]
        }


class Provisions(Section):
    key = "voorzieningen"
    form = forms.CostsForm

    def load(self, plan, provisions):
        return {
            "rows": [
                {
                    "outcome_id": str(p["outcome_id"]),
                    "euros": _euros(p["expected_cost_cents"]),
                    "note": p["cost_note"] or "",
                }
                for p in provisions
            ]
        }

    def save(self, form, household_id):
        known = service.outcome_ids(household_id)
        costs = {}
        for r in form.rows.entries:
            raw = _t(r.form.outcome_id.data)
            if not raw.isdigit() or int(raw) not in known:
                continue  # ids in the form are not trusted: only this household's outcomes
            cents = forms.parse_euros(r.form.euros.data)
            note = _t(r.form.note.data)
            if cents is not None or note:
                costs[raw] = {"cents": cents, "note": note}
        return {"costs": costs}


class Reasoning(Section):
    key = "afweging"
    form = forms.ReasoningForm
    is_list = True

    def load(self, plan, provisions):
        rows = [{**r, "deviation": "ja" if r.get("deviation") else "nee"} for r in plan.reasoning]
        return {"rows": [*rows, {"deviation": "nee"}]}

    def save(self, form, household_id):
        rows = []
        for r in _keep(form.rows):
            deviation = r.form.deviation.data == "ja"
            rows.append(
                {
                    "provision_id": _t(r.form.provision_id.data) or None,
                    "need": _t(r.form.need.data),
                    "effect": _t(r.form.effect.data),
                    "purpose_of_law": _t(r.form.purpose_of_law.data),
                    "weighing": _t(r.form.weighing.data),
                    "route": _t(r.form.route.data),
                    "deviation": deviation,
                    "deviation_motivation": _t(r.form.deviation_motivation.data)
                    if deviation
                    else "",
                }
            )
        return {"reasoning": rows}


class Evaluation(Section):
    key = "evaluatie"
    form = forms.EvaluationForm

    def load(self, plan, provisions):
        return {"evaluation_date": plan.evaluation_date}

    def save(self, form, household_id):
        return {"evaluation_date": form.evaluation_date.data}


# In the order of the plan (overview.TITLES has the same order).
SECTIONS: tuple[Section, ...] = (
    Question(),
    Network(),
    Domains(),
    Strengths(),
    Agreements(),
    Provisions(),
    Reasoning(),
    Evaluation(),
)
BY_KEY: dict[str, Section] = {s.key: s for s in SECTIONS}
