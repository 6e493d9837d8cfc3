package org.gatehouse.notify.sms.smpp.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a text into the short_message payloads of one or more submit_sm PDUs.
 * <p>
 * Texts of printable ASCII (plus line breaks) except the backtick use the GSM 03.38 default alphabet, one unpacked
 * septet per octet with data_coding 0x00 (the usual SMPP convention); {@code [ \ ] ^ { | } ~} take two septets
 * (escape 0x1B). Any other text uses UCS-2 (UTF-16BE, data_coding 0x08). Long texts are split into segments that
 * each start with a concatenation UDH with an 8-bit reference (00 03 ref total seq): 153 septets or 67 UTF-16 units
 * per segment, 160 or 70 for a single message. A segment never splits an escape pair or a surrogate pair.
 */
final class SmsEncoder {

    static final byte DATA_CODING_GSM = 0x00;
    static final byte DATA_CODING_UCS2 = 0x08;
    static final int GSM_SINGLE = 160;
    static final int GSM_SEGMENT = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_SEGMENT = 67;
    static final int MAX_SEGMENTS = 255;

    /**
     * The encoded message.
     *
     * @param dataCoding data_coding of every PDU
     * @param segments   short_message of each PDU, including the UDH when there are several
     */
    record Encoded(byte dataCoding, List<byte[]> segments) {
        boolean concatenated() {
            return segments.size() > 1;
        }
    }

    private SmsEncoder() {
    }

    /**
     * @param reference concatenation reference (low 8 bits used), ignored for a single segment
     * @throws IllegalArgumentException when the text needs more than 255 segments
     */
    static Encoded encode(String text, int reference) {
        boolean gsm = isGsm(text);
        // Units: one entry per character as encoded, never split across segments.
        List<byte[]> units = new ArrayList<>(text.length());
        if (gsm) {
            for (int i = 0; i < text.length(); i++) {
                units.add(gsmSeptets(text.charAt(i)));
            }
        } else {
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int n = Character.charCount(cp);
                units.add(text.substring(i, i + n).getBytes(StandardCharsets.UTF_16BE));
                i += n;
            }
        }
        int unitSize = gsm ? 1 : 2; // octets per septet or UTF-16 unit
        int single = gsm ? GSM_SINGLE : UCS2_SINGLE;
        int perSegment = gsm ? GSM_SEGMENT : UCS2_SEGMENT;
        int total = 0;
        for (byte[] u : units) {
            total += u.length / unitSize;
        }
        byte dataCoding = gsm ? DATA_CODING_GSM : DATA_CODING_UCS2;
        if (total <= single) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            units.forEach(out::writeBytes);
            return new Encoded(dataCoding, List.of(out.toByteArray()));
        }
        List<ByteArrayOutputStream> bodies = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        int used = 0;
        for (byte[] u : units) {
            int size = u.length / unitSize;
            if (used + size > perSegment) {
                bodies.add(current);
                current = new ByteArrayOutputStream();
                used = 0;
            }
            current.writeBytes(u);
            used += size;
        }
        bodies.add(current);
        if (bodies.size() > MAX_SEGMENTS) {
            throw new IllegalArgumentException("text needs " + bodies.size() + " segments, more than "
                    + MAX_SEGMENTS);
        }
        List<byte[]> segments = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            ByteArrayOutputStream pdu = new ByteArrayOutputStream();
            pdu.write(0x05); // UDH length
            pdu.write(0x00); // IEI: concatenated short messages, 8-bit reference
            pdu.write(0x03); // IE length
            pdu.write(reference & 0xff);
            pdu.write(bodies.size());
            pdu.write(i + 1);
            pdu.writeBytes(bodies.get(i).toByteArray());
            segments.add(pdu.toByteArray());
        }
        return new Encoded(dataCoding, List.copyOf(segments));
    }

    /** @return whether every character is printable ASCII other than the backtick, or a line break */
    static boolean isGsm(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == '\n' || c == '\r' || (c >= 0x20 && c <= 0x7e && c != '`');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** @return the GSM 03.38 septets of a character accepted by {@link #isGsm} */
    static byte[] gsmSeptets(char c) {
        return switch (c) {
            case '@' -> new byte[] {0x00};
            case '$' -> new byte[] {0x02};
            case '_' -> new byte[] {0x11};
            case '[' -> new byte[] {0x1b, 0x3c};
            case '\\' -> new byte[] {0x1b, 0x2f};
            case ']' -> new byte[] {0x1b, 0x3e};
            case '^' -> new byte[] {0x1b, 0x14};
            case '{' -> new byte[] {0x1b, 0x28};
            case '|' -> new byte[] {0x1b, 0x40};
            case '}' -> new byte[] {0x1b, 0x29};
            case '~' -> new byte[] {0x1b, 0x3d};
            default -> new byte[] {(byte) c}; // letters, digits, space, \n, \r and the rest share ASCII codes
        };
    }
}
