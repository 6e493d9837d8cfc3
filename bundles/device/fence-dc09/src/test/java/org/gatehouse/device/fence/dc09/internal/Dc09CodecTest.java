package org.gatehouse.device.fence.dc09.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.gatehouse.device.fence.dc09.internal.Dc09Exception.Reply;
import org.junit.jupiter.api.Test;

/** The frame format of ANSI/SIA DC-09-2013, both ways, from its text (no receiver). */
class Dc09CodecTest {
    private static final Instant AT = Instant.parse("2026-12-02T10:15:30Z");
    private static final byte[] KEY = Panel.DEMO_KEY;

    private static byte[] inner(byte[] frame) {
        assertEquals(0x0A, frame[0]);
        assertEquals(0x0D, frame[frame.length - 1]);
        return Arrays.copyOfRange(frame, 1, frame.length - 1);
    }

    private static String text(byte[] frame) {
        return new String(inner(frame), StandardCharsets.US_ASCII);
    }

    @Test
    void crcIsCrc16Arc() {
        // the check value of CRC-16/ARC
        assertEquals(0xBB3D, Dc09Codec.crc("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void plainContactIdFrameHasCrcLengthAndTimestamp() throws Exception {
        byte[] f = Dc09Codec.message("ADM-CID", "0001", "0", "0", "1234", "#1234|1130 01 001", List.of(), AT, null);
        String t = text(f);
        String body = "\"ADM-CID\"0001R0L0#1234[#1234|1130 01 001]_10:15:30,12-02-2026";
        assertEquals(body, t.substring(8));
        assertEquals(String.format("%04X0%03X", Dc09Codec.crc(body.getBytes(StandardCharsets.US_ASCII)),
                body.length()), t.substring(0, 8));
        Dc09Message m = Dc09Codec.parse(inner(f), h -> null);
        assertEquals("ADM-CID", m.id());
        assertEquals("0001", m.seq());
        assertEquals("0", m.receiver());
        assertEquals("0", m.prefix());
        assertEquals("1234", m.account());
        assertEquals("#1234|1130 01 001", m.data());
        assertEquals(AT, m.timestamp());
        List<Signal> s = Signal.parse(m);
        assertEquals(List.of(new Signal("E130", false, "001", "01")), s);
    }

    @Test
    void encryptedFrameDecryptsWithTheAccountKey() throws Exception {
        byte[] f = Dc09Codec.message("ADM-CID", "0002", null, "0", "5678", "#5678|3137 02 005",
                List.of("Vhttp://cam/1"), AT, KEY);
        String t = text(f);
        assertTrue(t.substring(8).startsWith("\"*ADM-CID\"0002L0#5678["), t);
        String hex = t.substring(t.indexOf('[') + 1);
        assertEquals(0, hex.length() % 32, "whole AES blocks");
        // decrypt independently of the codec: pad, '|', the data, the extended data and the timestamp
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(new byte[16]));
        String plain = new String(c.doFinal(HexFormat.of().parseHex(hex)), StandardCharsets.US_ASCII);
        assertTrue(plain.endsWith("|#5678|3137 02 005][Vhttp://cam/1]_10:15:30,12-02-2026"), plain);
        Dc09Message m = Dc09Codec.parse(inner(f), h -> KEY);
        assertTrue(m.encrypted());
        assertNull(m.receiver());
        assertEquals(List.of("Vhttp://cam/1"), m.extended());
        assertEquals(List.of(new Signal("R137", true, "005", "02")), Signal.parse(m));
    }

    @Test
    void alignedTextGetsSixteenPadCharacters() throws Exception {
        // '|' + 15 characters = 16: already aligned, so a whole block of pad goes in front
        String hex = Dc09Codec.encrypt("]_10:15:30,12-0", KEY);
        assertEquals(64, hex.length());
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(new byte[16]));
        String plain = new String(c.doFinal(HexFormat.of().parseHex(hex)), StandardCharsets.US_ASCII);
        assertEquals(16 + 16, plain.length());
        assertEquals('|', plain.charAt(16), plain);
        assertEquals(-1, plain.substring(0, 16).indexOf('|'), "pad characters are not '|'");
    }

    @Test
    void aes192And256Keys() throws Exception {
        for (int n : new int[] {24, 32}) {
            byte[] key = new byte[n];
            Arrays.fill(key, (byte) 7);
            byte[] f = Dc09Codec.message("SIA-DCS", "0003", "1", "2", "ABC1", "#ABC1|Nri1/BA002", List.of(), AT, key);
            Dc09Message m = Dc09Codec.parse(inner(f), h -> key);
            assertEquals(List.of(new Signal("BA", false, "002", "1")), Signal.parse(m));
        }
    }

    @Test
    void siaBlockWithSeveralEvents() throws Exception {
        byte[] f = Dc09Codec.message("SIA-DCS", "0004", "0", "0", "1234", "#1234|Nid12/ri2/TA003/ri3/BR004",
                List.of(), AT, null);
        assertEquals(List.of(new Signal("TA", false, "003", "2"), new Signal("BR", false, "004", "3")),
                Signal.parse(Dc09Codec.parse(inner(f), h -> null)));
    }

    @Test
    void wrongCrcLengthAndTruncationAreNak() {
        byte[] f = inner(Panel.cid("1234", "0005", "1130", "001", null));
        byte[] crc = f.clone();
        crc[0] = (byte) (crc[0] == 'A' ? 'B' : 'A');
        assertEquals(Reply.NAK, assertThrows(Dc09Exception.class, () -> Dc09Codec.parse(crc, h -> null)).reply());
        byte[] body = f.clone();
        body[20] = (byte) (body[20] == '1' ? '2' : '1'); // a changed character: the CRC no longer matches
        assertTrue(assertThrows(Dc09Exception.class, () -> Dc09Codec.parse(body, h -> null)).getMessage()
                .startsWith("wrong CRC"));
        byte[] cut = Arrays.copyOf(f, f.length - 5);
        assertTrue(assertThrows(Dc09Exception.class, () -> Dc09Codec.parse(cut, h -> null)).getMessage()
                .startsWith("wrong length"));
        assertEquals(Reply.NAK, assertThrows(Dc09Exception.class,
                () -> Dc09Codec.parse("12".getBytes(StandardCharsets.US_ASCII), h -> null)).reply());
        String notDc09 = "not a frame at all, really";
        byte[] junk = Dc09Codec.frame(notDc09);
        assertTrue(assertThrows(Dc09Exception.class, () -> Dc09Codec.parse(inner(junk), h -> null)).getMessage()
                .startsWith("not a DC-09 message"));
    }

    @Test
    void wrongKeyAndMissingKeyAreDuh() {
        byte[] f = inner(Panel.cid("5678", "0006", "1130", "001", KEY));
        byte[] other = new byte[16];
        Dc09Exception wrong = assertThrows(Dc09Exception.class, () -> Dc09Codec.parse(f, h -> other));
        assertEquals(Reply.DUH, wrong.reply());
        assertTrue(wrong.getMessage().contains("wrong key"), wrong.getMessage());
        assertEquals(Reply.DUH, assertThrows(Dc09Exception.class, () -> Dc09Codec.parse(f, h -> null)).reply());
        byte[] plain = inner(Panel.cid("5678", "0007", "1130", "001", null));
        assertEquals(Reply.DUH, assertThrows(Dc09Exception.class, () -> Dc09Codec.parse(plain, h -> KEY)).reply());
    }

    @Test
    void replies() throws Exception {
        Dc09Message m = Dc09Codec.parse(inner(Panel.cid("1234", "0042", "1130", "001", null, AT)), h -> null);
        assertEquals("\"ACK\"0042R0L0#1234[]_10:15:30,12-02-2026", text(Dc09Codec.ack(m, AT, null)).substring(8));
        assertEquals("\"DUH\"0042R0L0#1234[]_10:15:30,12-02-2026", text(Dc09Codec.duh(m, AT)).substring(8));
        assertEquals("\"NAK\"0000R0L0A0[]_10:15:30,12-02-2026", text(Dc09Codec.nak(AT)).substring(8));
        // every reply is a valid frame itself
        Dc09Message nak = Dc09Codec.parse(inner(Dc09Codec.nak(AT)), h -> null);
        assertEquals("NAK", nak.id());
        assertEquals(AT, nak.timestamp());

        Dc09Message e = Dc09Codec.parse(inner(Panel.cid("5678", "0043", "1130", "001", KEY, AT)), h -> KEY);
        String ack = text(Dc09Codec.ack(e, AT, KEY));
        assertTrue(ack.substring(8).startsWith("\"*ACK\"0043R0L0#5678["), ack);
        Dc09Message parsed = Dc09Codec.parse(inner(Dc09Codec.ack(e, AT, KEY)), h -> KEY);
        assertEquals("ACK", parsed.id());
        assertTrue(parsed.encrypted());
        assertEquals("", parsed.data());
        assertEquals(AT, parsed.timestamp());
    }

    @Test
    void eventTableDefaultsAndOverrides() {
        EventTable t = new EventTable(java.util.Map.of("E133", EventTable.entry("E133", "fence.intrusion:CRITICAL"),
                "R401", EventTable.entry("R401", "fence.armed:INFO")));
        assertEquals("fence.intrusion", t.lookup(new Signal("E130", false, "1", "1")).type());
        assertEquals(org.gatehouse.api.Severity.CRITICAL, t.lookup(new Signal("E133", false, "1", "1")).severity());
        EventTable.Entry restore = t.lookup(new Signal("R130", true, "1", "1"));
        assertEquals("fence.intrusion", restore.type());
        assertTrue(restore.restore());
        assertEquals("fence.tamper", t.lookup(new Signal("E137", false, "1", "1")).type());
        assertEquals("fence.wire.cut", t.lookup(new Signal("E371", false, "1", "1")).type());
        assertEquals("fence.battery.low", t.lookup(new Signal("E302", false, "0", "1")).type());
        assertEquals("fence.disarmed", t.lookup(new Signal("E401", false, "3", "1")).type());
        EventTable.Entry armed = t.lookup(new Signal("R401", true, "3", "1"));
        assertEquals("fence.armed", armed.type());
        assertEquals(false, armed.restore());
        assertTrue(t.lookup(new Signal("BR", false, "1", "1")).restore());
        assertEquals(EventTable.OTHER, t.lookup(new Signal("E999", false, "1", "1")).type());
        assertThrows(IllegalArgumentException.class, () -> EventTable.entry("E130", "Fence Intrusion"));
        assertThrows(IllegalArgumentException.class, () -> EventTable.entry("E130", "fence.intrusion:LOUD"));
    }
}
