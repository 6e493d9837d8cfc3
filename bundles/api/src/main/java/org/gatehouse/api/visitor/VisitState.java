package org.gatehouse.api.visitor;

/**
 * The life of a visit: {@code PENDING -> APPROVED|REJECTED -> ARRIVED -> LEFT}; a PENDING or APPROVED visit whose
 * window ends becomes {@code EXPIRED}; the host or the guard room may cancel a PENDING or APPROVED one
 * ({@code CANCELLED}).
 */
public enum VisitState { PENDING, APPROVED, REJECTED, ARRIVED, LEFT, EXPIRED, CANCELLED }
