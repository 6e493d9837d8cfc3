-- Gatehouse schema version 11: the school calendar (terms, and the days that differ from a term's weekday rule:
-- holidays on weekdays, make-up days 调休 on weekends) and the arrival rules per grade. Days are ISO strings
-- (yyyy-MM-dd, ordered as text) in the site time zone; times are HH:mm.
CREATE TABLE SCHOOL_TERMS (
  ID VARCHAR(64) NOT NULL PRIMARY KEY,
  NAME VARCHAR(100) NOT NULL,
  FROM_DAY VARCHAR(10) NOT NULL,
  TO_DAY VARCHAR(10) NOT NULL
);
CREATE TABLE CALENDAR_DAYS (
  DAY_ISO VARCHAR(10) NOT NULL PRIMARY KEY,
  SCHOOL_DAY SMALLINT NOT NULL,
  NOTE VARCHAR(100)
);
CREATE TABLE ATTENDANCE_RULES (
  GRADE VARCHAR(32) NOT NULL PRIMARY KEY,
  ARRIVE_BY VARCHAR(5) NOT NULL,
  LEAVE_AFTER VARCHAR(5) NOT NULL
);
