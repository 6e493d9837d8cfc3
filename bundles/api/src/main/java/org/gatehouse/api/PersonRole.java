package org.gatehouse.api;

/** The role of a person at the school. */
public enum PersonRole { STUDENT, STAFF, GUARDIAN, VISITOR, WATCHLIST }
