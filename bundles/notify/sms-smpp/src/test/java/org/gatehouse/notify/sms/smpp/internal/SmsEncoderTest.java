package org.gatehouse.notify.sms.smpp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SmsEncoderTest {

    @Test
    void singleGsmUpTo160Septets() {
        SmsEncoder.Encoded e = SmsEncoder.encode("a".repeat(160), 7);
        assertEquals(1, e.segments().size());
        assertEquals(0x00, e.dataCoding());
        assertEquals(160, e.segments().get(0).length);
        assertEquals(2, SmsEncoder.encode("a".repeat(161), 7).segments().size());
    }

    @Test
    void gsmSegmentsHold153SeptetsAndNeverSplitAnEscape() {
        // 152 plain characters then '{' (2 septets): the escape pair moves to the second segment.
        SmsEncoder.Encoded e = SmsEncoder.encode("a".repeat(152) + "{" + "b".repeat(10), 0x1ff);
        assertEquals(2, e.segments().size());
        byte[] first = e.segments().get(0);
        assertArrayEquals(new byte[] {5, 0, 3, (byte) 0xff, 2, 1}, Arrays.copyOf(first, 6));
        assertEquals(6 + 152, first.length);
        byte[] second = e.segments().get(1);
        assertArrayEquals(new byte[] {5, 0, 3, (byte) 0xff, 2, 2, 0x1b, 0x28}, Arrays.copyOf(second, 8));
    }

    @Test
    void ucs2LimitsAndSurrogatePairs() {
        SmsEncoder.Encoded single = SmsEncoder.encode("告".repeat(70), 1);
        assertEquals(0x08, single.dataCoding());
        assertEquals(1, single.segments().size());
        assertEquals(140, single.segments().get(0).length);
        SmsEncoder.Encoded two = SmsEncoder.encode("告".repeat(71), 1);
        assertEquals(2, two.segments().size());
        assertEquals(6 + 134, two.segments().get(0).length);
        // 66 units then an emoji (2 units): the pair goes to the next segment.
        SmsEncoder.Encoded emoji = SmsEncoder.encode("告".repeat(66) + "\uD83D\uDEA8" + "告".repeat(10), 1);
        assertEquals(6 + 132, emoji.segments().get(0).length);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        emoji.segments().forEach(s -> all.write(s, 6, s.length - 6));
        assertEquals("告".repeat(66) + "\uD83D\uDEA8" + "告".repeat(10), Smsc.decode(all.toByteArray(), 8));
    }

    @Test
    void alphabetChoice() {
        assertTrue(SmsEncoder.isGsm("Gate 2 open\n[ok] {x} ~ | \\ ^ @ $ _"));
        assertFalse(SmsEncoder.isGsm("back`tick"));
        assertFalse(SmsEncoder.isGsm("café"));
        assertFalse(SmsEncoder.isGsm("告警"));
        assertFalse(SmsEncoder.isGsm("tab\there"));
    }

    @Test
    void tooManySegments() {
        assertThrows(IllegalArgumentException.class, () -> SmsEncoder.encode("告".repeat(67 * 255 + 1), 1));
    }
}
