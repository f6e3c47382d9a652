"""The Wmo client-experience survey (Wmo 2015 art. 2.5.1, issue #18, docs/survey.md).

A resident whose plan has run `SURVEY_AFTER_DAYS` is invited once (written by
`portal.services.survey.invite_due`, a scheduled job); they answer the standard questions on
Mijn aanvraag. The answers are stored apart from the file: `SurveyResponse` and `SurveyAnswer`
hold the answers, the quarter and the team, never the household or the invitation.

Entry points: `service.aggregate(first, last, team_id)` (counts per question and answer, cells
under 5 suppressed), `service.answer(...)`, `service.open_invitations(bsn)`; pages: `views`
(the resident page nested in /mijn, the staff page nested in /medewerkers).
"""
