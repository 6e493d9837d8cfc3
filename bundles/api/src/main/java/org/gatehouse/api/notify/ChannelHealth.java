package org.gatehouse.api.notify;

/** A channel's view of its own health. */
public enum ChannelHealth { UNKNOWN, UP, DEGRADED, DOWN }
