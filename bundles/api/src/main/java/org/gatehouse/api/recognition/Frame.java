package org.gatehouse.api.recognition;

/**
 * An image: encoded bytes (JPEG or PNG) as received.
 *
 * @param data   encoded image bytes
 * @param format {@code jpeg} or {@code png}, may be null to sniff
 */
public record Frame(byte[] data, String format) {
}
