"""`flask whatif DRAFT [--from DATE] [--to DATE] [--csv FILE]`: the what-if from the command
line (the same run as the page's, kept in the database so the page shows it too). It runs in
this process, with a progress line; Ctrl+C leaves the run for the sweep to finish."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import Flask

from portal import clock
from portal.extensions import db


def init_app(app: Flask) -> None:
    @app.cli.command("figures-refresh")
    def figures_refresh_command() -> None:
        """Bring the management figures' rollup up to date (the Cijfers page reads it)."""
        from portal.insight import figures_rollup

        seconds = figures_rollup.refresh()
        click.echo(f"cijfers bijgewerkt in {seconds:.1f} s")

    @app.cli.command("whatif")
    @click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--from", "period_from", default=None, help="Intakes from this day (JJJJ-MM-DD).")
    @click.option("--to", "period_to", default=None, help="Intakes up to this day (JJJJ-MM-DD).")
    @click.option(
        "--csv",
        "csv_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write every change (pseudonymised) to this CSV file.",
    )
    def whatif_command(draft: Path, period_from, period_to, csv_path) -> None:
        """Re-evaluate the stored intakes under the live verordening and DRAFT; print the
        difference per regime and provision."""
        from portal.insight import drafts, whatif
        from portal.insight.models import VerordeningDraft, WhatIfChange, WhatIfRun

        try:
            start = date.fromisoformat(period_from) if period_from else None
            end = date.fromisoformat(period_to) if period_to else None
        except ValueError as exc:
            raise click.BadParameter(f"geen datum (JJJJ-MM-DD): {exc}") from None
        content = draft.read_bytes()
        try:
            version = drafts.load(draft.name, content)
        except drafts.DraftInvalid as exc:
            for p in exc.problems:
                where = f"{p.file}" + (f", regel {p.line}" if p.line else "")
                click.echo(f"{where}: {p.place + ': ' if p.place else ''}{p.reason}", err=True)
            raise click.ClickException(f"het concept heeft {len(exc.problems)} fout(en)") from None
        row = VerordeningDraft(
            name=drafts.clean_name(draft.name),
            content=content,
            content_hash=drafts.content_hash(content),
            verordening_id=version.id[:100],
            uploaded_at=clock.now(),
        )
        db.session.add(row)
        db.session.flush()
        run = whatif.create(row, None, start, end)
        db.session.commit()

        def progress(done: int, total: int) -> None:
            click.echo(f"\r{done}/{total} intakes", nl=False, err=True)

        state = whatif.execute(run.id, progress=progress)
        click.echo("", err=True)
        run = db.session.get(WhatIfRun, run.id)
        summary = run.summary or {}
        click.echo(f"Berekening {run.id}: {state}. Vergeleken: {run.live_id} met {version.id}.")
        if state == "failed":
            raise click.ClickException(run.error or "mislukt")
        click.echo(
            f"{summary.get('intakes', 0)} intakes, {summary.get('households_changed', 0)} "
            f"huishoudens met een verandering, {summary.get('skipped', 0)} overgeslagen."
        )
        for p in summary.get("provisions", []):
            click.echo(
                f"  {p['regime']} / {p['provision']}: +{p['gained']} -{p['lost']} "
                f"spoed {p['urgency']} termijn {p['term']}; per maand (verordening) "
                f"{p['verordening_month_cents'] / 100:.2f}, plannen {p['plan_cents'] / 100:.2f}"
            )
        for move, n in (summary.get("triage") or {}).items():
            click.echo(f"  soort vraag {move}: {n}")
        if csv_path:
            import csv

            with csv_path.open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out, delimiter=";")
                writer.writerow(
                    [
                        "pseudoniem",
                        "regeling",
                        "voorziening",
                        "regel",
                        "lid",
                        "wijziging",
                        "was",
                        "wordt",
                        "kosten_cent",
                        "bron",
                    ]
                )
                for c in db.session.scalars(
                    db.select(WhatIfChange)
                    .where(WhatIfChange.run_id == run.id)
                    .order_by(WhatIfChange.id)
                ):
                    writer.writerow(
                        [
                            c.pseudonym,
                            c.regime,
                            c.provision_id,
                            c.rule_id,
                            c.member or "",
                            c.change,
                            c.was or "",
                            c.now or "",
                            c.cost_cents or "",
                            c.cost_source or "",
                        ]
                    )
            click.echo(f"Wijzigingen geschreven naar {csv_path}.")
