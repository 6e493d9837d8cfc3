-- Gatehouse schema version 9: a person's received notices (GET /me/notices) are read by person.
CREATE INDEX NOTICE_RECIPIENTS_PERSON ON NOTICE_RECIPIENTS(PERSON_ID);
