"""The resident's intake: start, one page at a time, save and resume, check, submit, confirm.

Pages: `views` (the blueprint, with its routes in one module per part of the journey);
`journey` works out which page comes next; `store` keeps the draft.
"""
