package org.gatehouse.models.dlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** dlib's primitive encodings on small hand-made byte streams (values as dlib's serialize.h writes them). */
class DlibDatReaderTest {

    /** Builds byte streams the way dlib writes them. */
    static final class Dlib {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Dlib bytes(int... b) {
            for (int x : b) {
                out.write(x);
            }
            return this;
        }

        /** dlib's pack_int. */
        Dlib integer(long v) {
            int neg = v < 0 ? 0x80 : 0;
            long m = Math.abs(v);
            byte[] buf = new byte[8];
            int size = 0;
            do {
                buf[size++] = (byte) (m & 0xff);
                m >>>= 8;
            } while (m != 0);
            out.write(size | neg);
            out.write(buf, 0, size);
            return this;
        }

        Dlib string(String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            integer(b.length);
            out.writeBytes(b);
            return this;
        }

        Dlib floats(float... v) {
            ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) {
                b.putFloat(f);
            }
            out.writeBytes(b.array());
            return this;
        }

        DlibDatReader reader() {
            return new DlibDatReader(out.toByteArray());
        }
    }

    @Test
    void integersOfEveryWidthAndSign() throws Exception {
        DlibDatReader r = new Dlib().bytes(0x01, 0x02).bytes(0x81, 0x05).bytes(0x02, 0x34, 0x12).bytes(0x01, 0x00)
                .integer(-123456789012L).integer(Long.MAX_VALUE).reader();
        assertEquals(2, r.readInt());
        assertEquals(-5, r.readInt());
        assertEquals(0x1234, r.readInt());
        assertEquals(0, r.readInt());
        assertEquals(-123456789012L, r.readInt());
        assertEquals(Long.MAX_VALUE, r.readInt());
        r.expectEnd();
    }

    @Test
    void invalidIntegerControlByteIsAClearError() {
        DlibFormatException e = assertThrows(DlibFormatException.class, () -> new Dlib().bytes(0x11, 0x02).reader().readInt());
        assertEquals("invalid integer control byte 0x11 (at byte 0)", e.getMessage());
        assertThrows(DlibFormatException.class, () -> new Dlib().bytes(0x00).reader().readInt());
        assertThrows(DlibFormatException.class, () -> new Dlib().bytes(0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9).reader().readInt());
    }

    @Test
    void truncatedIntegerSaysWhatWasMissing() {
        DlibFormatException e = assertThrows(DlibFormatException.class, () -> new Dlib().bytes(0x04, 0x01).reader().readInt());
        assertTrue(e.getMessage().startsWith("unexpected end of file while reading an integer"), e.getMessage());
    }

    @Test
    void portableFloatsAreMantissaThenExponent() throws Exception {
        // 0.6f as dlib stores it: mantissa 10066330, exponent -24 (value = m * 2^e)
        DlibDatReader r = new Dlib().integer(3).integer(-1).integer(-3).integer(2).integer(10066330).integer(-24)
                .integer(0).integer(32000).integer(0).integer(32001).integer(0).integer(32002).reader();
        assertEquals(1.5, r.readPortableFloat());
        assertEquals(-12.0, r.readPortableFloat());
        assertEquals(0.6f, (float) r.readPortableFloat());
        assertEquals(Double.POSITIVE_INFINITY, r.readPortableFloat());
        assertEquals(Double.NEGATIVE_INFINITY, r.readPortableFloat());
        assertTrue(Double.isNaN(r.readPortableFloat()));
        r.expectEnd();
    }

    @Test
    void stringsAndBools() throws Exception {
        DlibDatReader r = new Dlib().string("relu_").bytes('1', '0').reader();
        assertEquals("relu_", r.readString());
        assertTrue(r.readBool());
        assertFalse(r.readBool());
        DlibFormatException e = assertThrows(DlibFormatException.class, () -> new Dlib().bytes(0x01).reader().readBool());
        assertEquals("invalid bool byte 0x01 (expected '0' or '1') (at byte 0)", e.getMessage());
    }

    @Test
    void tensorsAreFloat32LittleEndianNchw() throws Exception {
        DlibDatReader r = new Dlib().integer(2).integer(1).integer(2).integer(1).integer(2).floats(1f, -2.5f, 3.25f, 1e-7f)
                .integer(2).integer(0).integer(0).integer(0).integer(0)
                .integer(1).integer(1).integer(32).integer(1).integer(1).reader();
        DlibDatReader.Tensor t = r.readTensor("test");
        assertArrayEquals(new int[] {1, 2, 1, 2}, t.shape());
        assertArrayEquals(new float[] {1f, -2.5f, 3.25f, 1e-7f}, t.data());
        assertEquals(0, r.readTensor("empty").size());
        assertArrayEquals(new int[] {1, 32, 1, 1}, r.readAliasTensor("alias"));
        r.expectEnd();
    }

    @Test
    void badTensorVersionAndShortDataAreClearErrors() {
        DlibFormatException v = assertThrows(DlibFormatException.class,
                () -> new Dlib().integer(3).integer(1).integer(1).integer(1).integer(1).floats(1f).reader().readTensor("con params"));
        assertEquals("con params tensor version: expected 2, found 3 (at byte 0)", v.getMessage());
        DlibFormatException s = assertThrows(DlibFormatException.class,
                () -> new Dlib().integer(2).integer(1).integer(1).integer(1).integer(2).floats(1f).reader().readTensor("t"));
        assertTrue(s.getMessage().startsWith("unexpected end of file while reading t tensor data (8 bytes needed, 4 left)"),
                s.getMessage());
    }

    @Test
    void wrongVersionStringNamesBothVersions() {
        DlibFormatException e = assertThrows(DlibFormatException.class,
                () -> new Dlib().string("con_5").reader().expectString("layer", "con_4"));
        assertEquals("layer: expected \"con_4\", found \"con_5\" (at byte 0)", e.getMessage());
    }

    @Test
    void aFileThatIsNotTheResNetIsRefusedAtItsFirstRecord() {
        // a shape predictor starts with int version 1 then a matrix, not "loss_metric_2"
        DlibFormatException e = assertThrows(DlibFormatException.class,
                () -> new Dlib().integer(1).integer(-10).integer(-1).reader().readResNet());
        assertTrue(e.getMessage().startsWith("invalid string length -10"), e.getMessage());
        DlibFormatException v = assertThrows(DlibFormatException.class,
                () -> new Dlib().integer(2).reader().readResNet());
        assertEquals("add_loss_layer version: expected 1, found 2 (at byte 0)", v.getMessage());
        DlibFormatException l = assertThrows(DlibFormatException.class,
                () -> new Dlib().integer(1).string("loss_mmod_").reader().readResNet());
        assertEquals("loss layer: expected \"loss_metric_2\", found \"loss_mmod_\" (at byte 2)", l.getMessage());
    }

    @Test
    void trailingBytesAreRefused() throws Exception {
        DlibDatReader r = new Dlib().integer(7).bytes(0).reader();
        r.readInt();
        DlibFormatException e = assertThrows(DlibFormatException.class, r::expectEnd);
        assertEquals("1 unexpected bytes after the end of the network (at byte 2)", e.getMessage());
    }
}
