package org.gatehouse.api.danger;

/** What makes a zone dangerous; the messages name it. */
public enum DangerKind { WATER, LAB, CHEMICAL_STORE, CONSTRUCTION }
