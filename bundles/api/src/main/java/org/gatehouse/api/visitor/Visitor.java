package org.gatehouse.api.visitor;

/**
 * Who visits, as given by the visitor or the guard room.
 *
 * @param name     1..100 characters
 * @param phone    a phone number (digits, spaces, {@code +-()}; 5..20 digits), may be null
 * @param idNumber a resident identity card number (18 characters, the last may be X) or another document number
 *                 (6..32 letters and digits), may be null; stored, and shown only masked
 *                 ({@code 3601**********1234}: the first 4 and last 4 kept)
 */
public record Visitor(String name, String phone, String idNumber) {
}
