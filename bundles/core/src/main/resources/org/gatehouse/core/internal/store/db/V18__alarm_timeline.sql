-- Gatehouse schema version 18 (issue 12): the alarm timeline and reminders.
-- The events folded into an alarm, in order (the alarm domain's table; before V18 only ALARMS.LAST_EVENT_ID was kept).
CREATE TABLE ALARM_EVENTS (
  ALARM_ID BIGINT NOT NULL,
  EVENT_ID VARCHAR(128) NOT NULL,
  TIME_MS BIGINT NOT NULL,
  NR INTEGER NOT NULL,
  PRIMARY KEY (ALARM_ID, EVENT_ID)
);
CREATE INDEX ALARM_EVENTS_NR ON ALARM_EVENTS(ALARM_ID, NR);
-- Reminders of unacknowledged CRITICAL alarms: when the last one went out (the raise when none has) and how many.
ALTER TABLE ALARMS ADD COLUMN REMIND_MS BIGINT;
ALTER TABLE ALARMS ADD COLUMN REMIND_CNT INTEGER NOT NULL DEFAULT 0;
-- Every delivery attempt of an outbox message (the outbox domain's table; OUTBOX itself keeps only the last one).
CREATE TABLE OUTBOX_ATTEMPTS (
  ID BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  MESSAGE_ID VARCHAR(36) NOT NULL,
  ATTEMPT INTEGER NOT NULL,
  TIME_MS BIGINT NOT NULL,
  OUTCOME VARCHAR(16) NOT NULL,
  CHANNEL VARCHAR(32),
  PROVIDER VARCHAR(100),
  RECIPIENT VARCHAR(500),
  ERROR VARCHAR(1000)
);
CREATE INDEX OUTBOX_ATTEMPTS_MESSAGE ON OUTBOX_ATTEMPTS(MESSAGE_ID, ID);
-- Messages of one alarm are found by their dedupe key prefix alarm-<id>- (OUTBOX.DEDUPE_KEY is unique, so indexed).
