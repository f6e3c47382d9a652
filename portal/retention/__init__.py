"""Data that ends on time (issue #19, docs/retention.md): retention terms per regime
(`rules`), the purge hook interface other data owners register with (`hooks`), legal holds and
Jeugdwet 7.3.9 destruction requests (`service`, `models`), and their pages (`views`: staff
pages nested in the staff blueprint, the resident's request nested in /mijn).

The purge itself reads and removes every feature's rows, so it lives in
`portal/services/retention.py`; `flask purge [--dry-run]` and the Celery task
`retention.purge` call it.
"""
