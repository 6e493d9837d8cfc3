package org.gatehouse.api.access;

import java.time.Instant;

/**
 * A passage reported by a face terminal that recognises on the device (Hikvision, ZKTeco): the terminal already
 * matched (or failed to match) the face against the roster the platform synced to it.
 *
 * @param deviceId      the face gate (a registered {@code facegate} device) the terminal is
 * @param eventKey      the terminal's own unique key of this event (serial number, or time + person): reporting
 *                      the same key twice records one passage; at most 200 characters
 * @param personId      the person id the terminal matched ({@code employeeNoString}, a ZKTeco PIN), null if none
 * @param matched       the terminal's verdict: true for a face that passed, false for a failed match or a refusal
 * @param temperature   body temperature in Celsius, null if the terminal measured none
 * @param feverFlag     the terminal's own abnormal-temperature flag, null if it sent none
 * @param picture       the terminal's picture of the face (JPEG/PNG bytes), null if it sent none
 * @param pictureFormat {@code jpg} or {@code png}, null when there is no picture
 * @param time          when the terminal saw the face (with the terminal's offset applied), null for now
 */
public record TerminalEvent(String deviceId, String eventKey, String personId, boolean matched, Float temperature,
                            Boolean feverFlag, byte[] picture, String pictureFormat, Instant time) {
}
