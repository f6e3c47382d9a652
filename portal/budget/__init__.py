"""One household budget (issue #17): per household the provisions of every regime with their
allocated budget per period and the spending booked against them, entered by staff or imported
as CSV; one budget line when the verordening allows an integrated budget.

Entry point: `portal.budget.service` (summary, add_line, book, import_csv). Pages:
`portal.budget.views` (nested in the staff blueprint). docs/household-budget.md."""
