"""Insight for the municipality (issue #18, docs/insight.md): what a draft verordening would
change on the stored intakes (the what-if, a background job), and management figures.

Entry points: `whatif.execute(run_id)` (one what-if, run by a worker), `figures.compute(filters)`
(the dashboard's SQL aggregates). Pages: `views` (nested in the staff blueprint by
`create_app`, /medewerkers/beleid). Celery tasks: `tasks` (the hand-off's worker imports them).
CLI: `flask whatif DRAFT`.
"""
