"""The `articles:` section: each article with its rules, and the checks across rules."""

from __future__ import annotations

from .. import model as m
from ..compiler import CompileError, Compiler
from ..intake_schema import Catalogue
from ..text import placeholder_names
from .checker import ID, Checker

LIFE_DOMAINS = (
    "income",
    "debts",
    "housing",
    "household_self_care",
    "mobility",
    "health",
    "parenting",
    "school",
    "work",
    "network",
    "safety",
)
RULE_KINDS = ("algemene_voorziening", "melding", "aanvraag", "referral")
RULE_REQUIRED = {
    "id",
    "regime",
    "provision",
    "kind",
    "life_domain",
    "scope",
    "when",
    "law_article",
    "explanation",
}
RULE_KEYS = RULE_REQUIRED | {
    "urgency",
    "urgent_when",
    "deadline",
    "decision",
    "omgekeerde_toets",
    "evidence",
    "excludes",
    "supporting",
    "urgent_deadline",
    "municipality_checks",
    "estimate_per_month",
}


class ArticleReader:
    """Reads the articles and their rules against the regimes, terms and compiled facts read
    before them; a rule with an error is reported and left out, the others are still read."""

    def __init__(
        self, check: Checker, catalogue: Catalogue, compiler: Compiler, regimes, deadlines
    ):
        self.check = check
        self.catalogue = catalogue
        self.compiler = compiler
        self.regimes = regimes
        self.deadlines = deadlines

    def articles(self, raw) -> tuple[m.Article, ...]:
        out = []
        if not isinstance(raw, list) or not raw:
            self.check.err("articles moet een lijst met minstens één artikel zijn")
            return ()
        numbers = set()
        fields = {"number", "title", "summary", "text", "law_articles", "rules"}
        for i, spec in enumerate(raw, 1):
            number = spec.get("number") if isinstance(spec, dict) else None
            if isinstance(number, float):
                self.check.err(
                    f"artikelnummer {number} is als getal gelezen; zet het tussen "
                    'aanhalingstekens, zoals "4.10"',
                    where=f"artikel nr. {i} in de lijst",
                )
                number = str(number)
            elif isinstance(number, int) and not isinstance(number, bool):
                number = str(number)
            elif not isinstance(number, str) or not number.strip():
                self.check.err(
                    "ontbrekend of ongeldig artikelnummer", where=f"artikel nr. {i} in de lijst"
                )
                number = f"#{i}"
            if not self.check.keys(spec, fields, {"number", "title"}, article=number):
                continue
            if number in numbers:
                self.check.err("artikelnummer komt twee keer voor", article=number)
            numbers.add(number)
            title = self.check.string(spec.get("title"), "title", article=number) or ""
            summary = (
                self.check.text(spec["summary"], "summary", article=number)
                if spec.get("summary") is not None
                else None
            )
            law_articles = spec.get("law_articles") or []
            if not isinstance(law_articles, list) or not all(
                isinstance(x, str) for x in law_articles
            ):
                self.check.err("law_articles moet een lijst van teksten zijn", article=number)
                law_articles = []
            rules_raw = spec.get("rules") or []
            if not isinstance(rules_raw, list):
                self.check.err("rules moet een lijst zijn", article=number)
                rules_raw = []
            rules = []
            for rspec in rules_raw:
                rule = self.rule(rspec, number, title)
                if rule is not None:
                    rules.append(rule)
            out.append(
                m.Article(
                    number, title, summary, spec.get("text"), tuple(law_articles), tuple(rules)
                )
            )
        return tuple(out)

    def rule(self, spec, number, title) -> m.Rule | None:
        rid = spec.get("id") if isinstance(spec, dict) else None
        if not isinstance(rid, str) or not ID.match(rid):
            self.check.err(f"ongeldig of ontbrekend regel-id {rid!r}", article=number)
            rid = rid if isinstance(rid, str) else "?"
        loc = {"article": number, "rule": rid}
        if not self.check.keys(spec, RULE_KEYS, RULE_REQUIRED, **loc):
            return None
        ok = True

        regime = self.regimes.get(spec.get("regime"))
        if regime is None:
            self.check.err(f"onbekend regime {spec.get('regime')!r}", **loc)
            ok = False
        provision = self.provision(spec.get("provision"), loc)
        kind = self.check.choice(spec.get("kind"), RULE_KINDS, "soort (kind)", **loc)
        if regime and kind and (kind == "referral") != (regime.kind == "referral"):
            self.check.err(
                f"kind {kind} past niet bij regime {regime.id} ({regime.kind}): een "
                "verwijzing (referral) hoort bij een regime met kind: referral",
                **loc,
            )
            ok = False
        life_domain = self.check.choice(spec.get("life_domain"), LIFE_DOMAINS, "leefgebied", **loc)
        scope = self.check.choice(spec.get("scope"), ("member", "household"), "scope", **loc)
        law_article = (
            self.check.string(spec.get("law_article"), "law_article", **loc)
            if ("law_article" in spec)
            else None
        )
        urgency = self.check.choice(
            spec.get("urgency", "normal"), ("normal", "high", "urgent"), "urgentie", **loc
        )
        deadline = None
        if spec.get("deadline") is not None:
            deadline = self.deadlines.get(spec["deadline"])
            if deadline is None:
                self.check.err(f"onbekende termijn {spec['deadline']!r}", **loc)
                ok = False
        urgent_deadline = None
        if spec.get("urgent_deadline") is not None:
            urgent_deadline = self.deadlines.get(spec["urgent_deadline"])
            if urgent_deadline is None:
                self.check.err(f"onbekende termijn {spec['urgent_deadline']!r}", **loc)
                ok = False
        elif (
            deadline is not None
            and deadline.unit in ("weeks", "months")
            and (urgency == "urgent" or spec.get("urgent_when") is not None)
        ):
            # an urgent outcome with only a term of weeks would tell a family in danger to wait
            self.check.err(
                "deze regel kan dringend zijn maar heeft alleen een termijn van weken of "
                "maanden: noem een urgent_deadline (bijv. Wmo 2015 art. 2.3.3, onverwijld)",
                **loc,
            )
            ok = False
        checks = spec.get("municipality_checks") or []
        if not isinstance(checks, list) or not all(isinstance(x, str) for x in checks):
            self.check.err("municipality_checks moet een lijst van vragen (feiten) zijn", **loc)
            checks = []
        for path in checks:
            if path not in self.catalogue.facts:
                self.check.err(f"municipality_checks: onbekende vraag {path!r}", **loc)
                ok = False
        decision = self.check.choice(
            spec.get("decision", "advice"), ("advice", "weigh"), "beslissing", **loc
        )
        toets = None
        if decision == "weigh" and not spec.get("omgekeerde_toets"):
            self.check.err("decision: weigh vraagt om een omgekeerde_toets", **loc)
            ok = False
        elif spec.get("omgekeerde_toets"):
            toets = self.toets(spec["omgekeerde_toets"], loc)
            if decision != "weigh":
                self.check.err("omgekeerde_toets hoort alleen bij decision: weigh", **loc)
        evidence = spec.get("evidence") or []
        if not isinstance(evidence, list):
            self.check.err("evidence moet een lijst zijn", **loc)
            evidence = []
        evidence = [self.check.text(e, "evidence", **loc) for e in evidence]
        explanation = self.check.text(spec.get("explanation"), "explanation", **loc)
        supporting = spec.get("supporting", False)
        if not isinstance(supporting, bool):
            self.check.err("supporting moet true of false zijn", **loc)
            ok = False
        excludes = spec.get("excludes") or []
        if not isinstance(excludes, list) or not all(isinstance(x, str) for x in excludes):
            self.check.err("excludes moet een lijst van regel-id's zijn", **loc)
            excludes = []

        when = urgent_when = None
        if scope:
            when = self.condition(spec.get("when"), scope, loc, "when")
            if spec.get("urgent_when") is not None:
                urgent_when = self.condition(spec["urgent_when"], scope, loc, "urgent_when")
        if (
            not ok
            or None
            in (
                provision,
                kind,
                life_domain,
                scope,
                law_article,
                urgency,
                decision,
                explanation,
                when,
            )
            or None in evidence
        ):
            return None
        if spec.get("urgent_when") is not None and urgent_when is None:
            return None
        fields = self.placeholders(explanation, scope, loc)
        if fields is None:
            return None
        estimate = None
        if spec.get("estimate_per_month") is not None:
            estimate = self.amount(spec["estimate_per_month"], scope, loc)
            if estimate is None:
                return None
        return m.Rule(
            id=rid,
            article_number=number,
            article_title=title,
            regime=regime,
            provision=provision,
            kind=kind,
            life_domain=life_domain,
            scope=scope,
            when=when,
            law_article=law_article,
            urgency=urgency,
            urgent_when=urgent_when,
            deadline=deadline,
            decision=decision,
            omgekeerde_toets=toets,
            evidence=tuple(evidence),
            explanation=explanation,
            excludes=tuple(excludes),
            supporting=supporting,
            urgent_deadline=urgent_deadline,
            municipality_checks=tuple(checks),
            explanation_fields=fields,
            estimate_per_month=estimate,
        )

    def amount(self, text, scope, loc):
        """An expression that gives a number (an amount), compiled like a condition."""
        if not isinstance(text, str):
            self.check.err("estimate_per_month moet een berekening (tekst) zijn", **loc)
            return None
        try:
            amount = self.compiler.compile(text, scope, want=None)
        except CompileError as exc:
            self.check.err(f"estimate_per_month: {exc}", **loc)
            return None
        if amount.node.type not in ("number", "any"):
            self.check.err("estimate_per_month moet een bedrag (getal) opleveren", **loc)
            return None
        return amount

    def placeholders(self, explanation: m.Text, scope: str, loc) -> tuple | None:
        """The `{fact}` placeholders of an explanation, compiled like a condition (so an
        unknown fact or parameter is an error with its place), in both languages alike."""
        names_nl = placeholder_names(explanation.nl)
        if names_nl != placeholder_names(explanation.en):
            self.check.err("explanation: nl en en moeten dezelfde {feiten} noemen", **loc)
            return None
        fields = []
        for name in sorted(names_nl):
            try:
                fields.append((name, self.compiler.compile(name, scope, want=None)))
            except CompileError as exc:
                self.check.err(f"explanation {{{name}}}: {exc}", **loc)
                return None
        return tuple(fields)

    def condition(self, text, scope, loc, what):
        if not isinstance(text, str):
            self.check.err(f"{what} moet een conditie (tekst) zijn", **loc)
            return None
        try:
            return self.compiler.compile(text, scope)
        except CompileError as exc:
            self.check.err(f"{what}: {exc}" if what != "when" else str(exc), **loc)
            return None

    def provision(self, raw, loc) -> m.Provision | None:
        if not self.check.keys(raw, {"id", "name"}, {"id", "name"}, **loc):
            return None
        pid = raw.get("id")
        if not isinstance(pid, str) or not ID.match(pid):
            self.check.err(f"ongeldig provision-id {pid!r}", **loc)
            return None
        name = self.check.text(raw.get("name"), "provision.name", **loc)
        return m.Provision(pid, name) if name else None

    def toets(self, raw, loc) -> m.OmgekeerdeToets | None:
        fields = {"desired_effect", "law_purpose", "weighing"}
        if not self.check.keys(raw, fields, fields, **loc):
            return None
        texts = [
            self.check.text(raw.get(k), f"omgekeerde_toets.{k}", **loc) for k in sorted(fields)
        ]
        if None in texts:
            return None
        desired, law_purpose, weighing = texts
        return m.OmgekeerdeToets(desired, law_purpose, weighing)


def check_rule_ids(check: Checker, rules) -> dict[str, m.Rule]:
    by_id: dict[str, m.Rule] = {}
    for rule in rules:
        if rule.id in by_id:
            other = by_id[rule.id]
            check.err(
                f"regel-id komt ook voor in artikel {other.article_number}",
                article=rule.article_number,
                rule=rule.id,
            )
        by_id[rule.id] = rule
    for rule in rules:
        for target in rule.excludes:
            loc = {"article": rule.article_number, "rule": rule.id}
            other = by_id.get(target)
            if other is None:
                check.err(f"excludes noemt onbekende regel {target}", **loc)
            elif other.scope != rule.scope:
                check.err(f"excludes {target}: beide regels moeten dezelfde scope hebben", **loc)
            elif rule.id in other.excludes or target == rule.id:
                check.err(f"{rule.id} en {target} sluiten elkaar uit; dan valt allebei weg", **loc)
    return by_id
