package org.gatehouse.api.stranger;

import java.time.Instant;

/**
 * One cluster of captures of the same unknown face under a rule, and its alarm.
 *
 * @param id          cluster id
 * @param ruleId      the rule
 * @param zoneId      the zone of the first capture
 * @param count       captures folded into it
 * @param firstAt     first capture
 * @param lastAt      latest capture
 * @param bestPassage the passage with the best snapshot (largest, sharpest face)
 * @param alarmId     the alarm, once raised
 */
public record StrangerAlert(long id, String ruleId, String zoneId, int count, Instant firstAt, Instant lastAt,
                            Long bestPassage, Long alarmId) {
}
