"""The front desk fills in the resident's form with a walk-in resident (issue #3).

The same intake pages and validation (portal/intake/), on a draft with channel front_desk and
the staff member as `acting_staff_id`; a denser layout; identity check and the resident's
agreement recorded before sending. Only the staff member filling in a draft can open it.
Service: `lookup` (and portal/services/front_desk.py). Pages: `views`.
"""
