package org.gatehouse.device.fence.dc09.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.gatehouse.device.fence.dc09.internal.Dc09Exception.Reply;

/**
 * The SIA DC-09 (ANSI/SIA DC-09-2013) frame format, both ways:
 * {@code <LF>CRC0LLL"ID"seq[Rrcvr]Lpref#acct[data][x...]_HH:MM:SS,MM-DD-YYYY<CR>}.
 *
 * <p>CRC is CRC-16/ARC of the text from the first {@code "} to the end of the timestamp, as four hex digits; LLL is
 * the length of that text, three hex digits after a {@code 0}. An encrypted message has {@code *} before its id and,
 * from after the {@code [} to the end, the hex of AES-CBC (zero IV, the account's 128/192/256-bit key) over
 * {@code pad|data][x...]_timestamp}, the pad being 1 to 16 random characters that make the text a whole number of
 * 16-byte blocks. Replies: {@code ACK} (encrypted as {@code *ACK} for an encrypted message), {@code NAK} (never
 * encrypted, with the receiver's time), {@code DUH}.
 */
final class Dc09Codec {
    static final byte LF = 0x0A;
    static final byte CR = 0x0D;
    /** The longest text a frame can hold (LLL is three hex digits), plus CRC and length. */
    static final int MAX_FRAME = 8 + 0xFFF;

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-uuuu");

    private static final Pattern HEADER = Pattern.compile(
            "\"(\\*?)([A-Z0-9][A-Z0-9-]{0,15})\"(\\d{4})(?:R([0-9A-Fa-f]{1,6}))?L([0-9A-Fa-f]{1,6})"
                    + "(?:#([0-9A-Fa-f]{3,16}))?(?:A[0-9A-Fa-f]{0,6})?\\[(.*)", Pattern.DOTALL);
    private static final Pattern REST = Pattern.compile(
            "([^\\]\\[]*)\\]((?:\\[[^\\]\\[]*\\])*)(?:_(\\d{2}:\\d{2}:\\d{2},\\d{2}-\\d{2}-\\d{4}))?");
    private static final Pattern BLOCK = Pattern.compile("\\[([^\\]\\[]*)\\]");
    private static final Pattern HEX = Pattern.compile("(?:[0-9A-Fa-f]{2})+");
    private static final byte[] PAD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Random RANDOM = new SecureRandom();

    /** Finds the key of an account. */
    @FunctionalInterface
    interface Keys {
        /**
         * @return the AES key of the account, null when it reports in plain text
         * @throws Dc09Exception DUH when the account is unknown
         */
        byte[] key(Dc09Message header) throws Dc09Exception;
    }

    private Dc09Codec() {
    }

    /** @return CRC-16/ARC (poly 0x8005 reflected, init 0) of the bytes */
    static int crc(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** @return the complete frame of a message text: LF, CRC, length, the text, CR */
    static byte[] frame(String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        if (body.length > 0xFFF) {
            throw new IllegalArgumentException("a DC-09 message holds at most 4095 characters");
        }
        String head = String.format("%04X0%03X", crc(body), body.length);
        byte[] out = new byte[body.length + 10];
        out[0] = LF;
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 1, 8);
        System.arraycopy(body, 0, out, 9, body.length);
        out[out.length - 1] = CR;
        return out;
    }

    /**
     * Parses the inside of a frame (between LF and CR).
     *
     * @throws Dc09Exception NAK when CRC, length or format are wrong, DUH when the account is unknown, the message
     *                       is encrypted when it should not be or the other way round, or it does not decrypt
     */
    static Dc09Message parse(byte[] inner, Keys keys) throws Dc09Exception {
        if (inner.length < 9) {
            throw new Dc09Exception(Reply.NAK, "truncated frame (" + inner.length + " bytes)");
        }
        String crcText = ascii(inner, 0, 4);
        String lenText = ascii(inner, 4, 8);
        if (!crcText.matches("[0-9A-Fa-f]{4}") || !lenText.matches("0[0-9A-Fa-f]{3}")) {
            throw new Dc09Exception(Reply.NAK, "no CRC and length at the start of the frame ('" + crcText + lenText
                    + "')");
        }
        int length = Integer.parseInt(lenText, 16);
        int actual = inner.length - 8;
        if (length != actual) {
            throw new Dc09Exception(Reply.NAK, "wrong length: frame says " + length + ", holds " + actual);
        }
        byte[] body = new byte[actual];
        System.arraycopy(inner, 8, body, 0, actual);
        int crc = crc(body);
        if (crc != Integer.parseInt(crcText, 16)) {
            throw new Dc09Exception(Reply.NAK, String.format("wrong CRC: frame says %s, computed %04X", crcText, crc));
        }
        for (byte b : body) {
            if (b < 0x20 || b > 0x7E) {
                throw new Dc09Exception(Reply.NAK, "the message holds a control or non-ASCII byte");
            }
        }
        String text = new String(body, StandardCharsets.US_ASCII);
        Matcher h = HEADER.matcher(text);
        if (!h.matches()) {
            throw new Dc09Exception(Reply.NAK, "not a DC-09 message: " + shorten(text));
        }
        boolean encrypted = !h.group(1).isEmpty();
        Dc09Message header = new Dc09Message(h.group(2), encrypted, h.group(3), h.group(4), h.group(5), h.group(6),
                null, null, null, null);
        String rest = h.group(7);
        if (encrypted) {
            byte[] key = header.account() == null ? null : keys.key(header);
            if (key == null) {
                throw new Dc09Exception(Reply.DUH, "account " + header.account()
                        + " sent an encrypted message but has no key", header);
            }
            rest = decrypt(rest, key, header);
        } else if (header.account() != null && keys.key(header) != null) {
            throw new Dc09Exception(Reply.DUH, "account " + header.account()
                    + " has a key but sent a plain message", header);
        }
        Matcher r = REST.matcher(rest);
        if (!r.matches()) {
            throw new Dc09Exception(encrypted ? Reply.DUH : Reply.NAK,
                    "malformed data block: " + shorten(rest), header);
        }
        List<String> ext = new ArrayList<>();
        Matcher b = BLOCK.matcher(r.group(2));
        while (b.find()) {
            ext.add(b.group(1));
        }
        String stamp = r.group(3);
        Instant ts = null;
        if (stamp != null) {
            try {
                ts = LocalDateTime.parse(stamp, STAMP).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw new Dc09Exception(Reply.NAK, "bad timestamp " + stamp, header);
            }
        } else if (encrypted) {
            throw new Dc09Exception(Reply.NAK, "an encrypted message needs a timestamp", header);
        }
        return new Dc09Message(header.id(), encrypted, header.seq(), header.receiver(), header.prefix(),
                header.account(), r.group(1), ext, ts, stamp);
    }

    private static String decrypt(String hex, byte[] key, Dc09Message header) throws Dc09Exception {
        if (!HEX.matcher(hex).matches() || hex.length() % 32 != 0) {
            throw new Dc09Exception(Reply.DUH, "account " + header.account()
                    + ": encrypted block is not whole AES blocks of hex", header);
        }
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, key).doFinal(HexFormat.of().parseHex(hex));
        } catch (GeneralSecurityException e) {
            throw new Dc09Exception(Reply.DUH, "account " + header.account() + ": cannot decrypt: " + e.getMessage(),
                    header);
        }
        int bar = -1;
        for (int i = 0; i < plain.length && bar < 0; i++) {
            if (plain[i] == '|') {
                bar = i;
            }
        }
        String text = bar < 0 ? null : new String(plain, bar + 1, plain.length - bar - 1, StandardCharsets.ISO_8859_1);
        if (text == null || !text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new Dc09Exception(Reply.DUH, "account " + header.account()
                    + ": message does not decrypt with the account's key (wrong key?)", header);
        }
        return text;
    }

    private static Cipher cipher(int mode, byte[] key) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        return c;
    }

    /** @return the hex (upper case) of {@code pad|text}, encrypted, the pad filling the last block (16 if aligned) */
    static String encrypt(String text, byte[] key) {
        byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        int pad = 16 - (data.length + 1) % 16;
        byte[] block = new byte[pad + 1 + data.length];
        for (int i = 0; i < pad; i++) {
            block[i] = PAD_CHARS[RANDOM.nextInt(PAD_CHARS.length)];
        }
        block[pad] = '|';
        System.arraycopy(data, 0, block, pad + 1, data.length);
        try {
            return HexFormat.of().withUpperCase().formatHex(cipher(Cipher.ENCRYPT_MODE, key).doFinal(block));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("AES key of " + key.length + " bytes: " + e.getMessage(), e);
        }
    }

    /** @return the timestamp text of an instant ({@code HH:MM:SS,MM-DD-YYYY}, UTC) */
    static String stamp(Instant at) {
        return STAMP.format(at.atOffset(ZoneOffset.UTC));
    }

    /**
     * Builds a message frame, as a panel sends it (the tests, the benchmark and the README's examples).
     *
     * @param key null for a plain message
     * @param at  the timestamp; null for none (plain only)
     */
    static byte[] message(String id, String seq, String receiver, String prefix, String account, String data,
                          List<String> extended, Instant at, byte[] key) {
        StringBuilder tail = new StringBuilder(data).append(']');
        for (String x : extended == null ? List.<String>of() : extended) {
            tail.append('[').append(x).append(']');
        }
        if (at != null) {
            tail.append('_').append(stamp(at));
        }
        StringBuilder text = new StringBuilder().append('"').append(key != null ? "*" : "").append(id).append('"')
                .append(seq);
        if (receiver != null) {
            text.append('R').append(receiver);
        }
        text.append('L').append(prefix).append('#').append(account).append('[');
        text.append(key != null ? encrypt(tail.toString(), key) : tail);
        return frame(text.toString());
    }

    /** @return the ACK of a message, encrypted with the key when the message was encrypted */
    static byte[] ack(Dc09Message m, Instant now, byte[] key) {
        return reply(m.encrypted() ? "*ACK" : "ACK", m, now, m.encrypted() ? key : null);
    }

    /** @return the DUH of a message whose header was read, or of an unreadable one */
    static byte[] duh(Dc09Message m, Instant now) {
        if (m == null || m.account() == null) {
            return frame("\"DUH\"0000R0L0A0[]_" + stamp(now));
        }
        return reply("DUH", m, now, null);
    }

    /** @return the NAK, with the receiver's time so that the panel can set its clock; never encrypted */
    static byte[] nak(Instant now) {
        return frame("\"NAK\"0000R0L0A0[]_" + stamp(now));
    }

    private static byte[] reply(String id, Dc09Message m, Instant now, byte[] key) {
        StringBuilder text = new StringBuilder().append('"').append(id).append('"').append(m.seq());
        if (m.receiver() != null) {
            text.append('R').append(m.receiver());
        }
        text.append('L').append(m.prefix()).append('#').append(m.account()).append('[');
        String tail = "]_" + stamp(now);
        text.append(key != null ? encrypt(tail, key) : tail);
        return frame(text.toString());
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** @return the text cut to 60 characters for a log line */
    static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
