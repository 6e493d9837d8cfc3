-- Gatehouse schema version 8: sign-in users linked to person records (a guardian user to its GUARDIAN person, a
-- teacher user to its STAFF person). No foreign key: deleting a person drops its links through the account domain,
-- which audits the removal.
CREATE TABLE USER_LINKS (
  USER_NAME VARCHAR(64) NOT NULL PRIMARY KEY,
  PERSON_ID VARCHAR(64) NOT NULL,
  LINKED_MS BIGINT NOT NULL,
  LINKED_BY VARCHAR(64) NOT NULL
);
CREATE INDEX USER_LINKS_PERSON ON USER_LINKS(PERSON_ID);
