"""The intake form, one small WTForms class per page, and the registry that orders the pages,
says when each applies and how its answers map onto the intake contract
(`forms/intake.schema.json`). Imports nothing from `portal`."""
