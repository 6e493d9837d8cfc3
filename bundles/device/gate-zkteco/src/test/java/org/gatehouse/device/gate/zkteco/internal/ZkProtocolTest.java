package org.gatehouse.device.gate.zkteco.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import org.gatehouse.api.PersonRole;
import org.gatehouse.api.access.RosterEntry;
import org.junit.jupiter.api.Test;

/** The text shapes of the protocol, one by one. */
class ZkProtocolTest {

    @Test
    void punchLines() {
        ZkProtocol.Punch p = ZkProtocol.punch("1001\t2026-03-02 07:31:05\t1\t15\t0\t0");
        assertEquals("1001", p.pin());
        assertEquals(LocalDateTime.of(2026, 3, 2, 7, 31, 5), p.time());
        assertEquals(1, p.status());
        assertEquals(15, p.verify());
        ZkProtocol.Punch bare = ZkProtocol.punch("s-7\t2026-03-02 07:31:05");
        assertEquals(-1, bare.status());
        assertNull(ZkProtocol.punch("1001 2026-03-02 07:31:05"));
        assertNull(ZkProtocol.punch("\t2026-03-02 07:31:05\t0\t15"));
        assertNull(ZkProtocol.punch("1001\t02/03/2026 07:31\t0\t15"));

        ZkProtocol.Punches all = ZkProtocol.punches("1001\t2026-03-02 07:31:05\t0\t15\r\n\r\nbad\n");
        assertEquals(1, all.punches().size());
        assertEquals(1, all.malformed());
        assertEquals("bad", all.example());
        assertEquals("x\\ty?z", ZkProtocol.punches("x\ty\u001bz").example());
    }

    @Test
    void photoUploads() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        byte[] header = "PIN=20260302073105-1001.jpg\nSN=CN1\nsize=7\nCMD=uploadphoto"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[header.length + 1 + jpeg.length + 2]; // two stray bytes after size
        System.arraycopy(header, 0, body, 0, header.length);
        System.arraycopy(jpeg, 0, body, header.length + 1, jpeg.length);
        ZkProtocol.Photo photo = ZkProtocol.photo(body);
        assertEquals("1001", photo.pin());
        assertEquals(LocalDateTime.of(2026, 3, 2, 7, 31, 5), photo.time());
        assertArrayEquals(jpeg, photo.image());

        assertThrows(IllegalArgumentException.class, () -> ZkProtocol.photo("PIN=x".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ZkProtocol.photo("SN=1\0abc".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ZkProtocol.photo("PIN=2026-1001.jpg\0abc".getBytes()));
        assertThrows(IllegalArgumentException.class,
                () -> ZkProtocol.photo("PIN=20260302073105-1001.jpg\0".getBytes()));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ZkProtocol.photo("PIN=20260302073105-1001.jpg\nsize=x\0ab".getBytes())).getMessage()
                .contains("size"));
    }

    @Test
    void commandResults() {
        List<ZkProtocol.Result> results = ZkProtocol.results("ID=17&Return=0&CMD=DATA\nID=18&Return=-1004&CMD=DATA\n"
                + "Return=0\nID=x&Return=0");
        assertEquals(2, results.size());
        assertEquals(new ZkProtocol.Result(18, -1004, "DATA"), results.get(1));
    }

    @Test
    void commands() {
        RosterEntry entry = new RosterEntry("1001", "张三\n", PersonRole.STUDENT, "7-1", null, null, "ab");
        assertEquals("C:5:DATA UPDATE USERINFO PIN=1001\tName=张三\tPri=0\tPasswd=\tCard=\tGrp=1"
                + "\tTZ=0000000100000000\tVerify=0", ZkProtocol.command(5, ZkProtocol.userInfo(entry)));
        assertEquals("DATA UPDATE BIOPHOTO PIN=1001\tType=9\tSize=4\tContent=AQID",
                ZkProtocol.facePhoto("1001", new byte[] {1, 2, 3}, false));
        assertEquals("DATA UPDATE USERPIC PIN=1001\tSize=4\tContent=AQID",
                ZkProtocol.facePhoto("1001", new byte[] {1, 2, 3}, true));
        assertEquals("DATA DELETE USERINFO PIN=1001", ZkProtocol.deleteUser("1001"));
        assertTrue(ZkProtocol.isPin("s-1001"));
        assertTrue(!ZkProtocol.isPin("a b") && !ZkProtocol.isPin("a=b") && !ZkProtocol.isPin(""));
    }

    @Test
    void settingsRefuseBadKeys() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZkSettings("g", "bad sn", null,
                java.time.ZoneId.of("UTC"), 1, 1, 1, 1, 1, 1024, 1, 0, false, "AC_UNLOCK", "v")).getMessage()
                .startsWith("serial"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZkSettings("g", "SN1", null,
                java.time.ZoneId.of("UTC"), 1, 1, 0, 1, 1, 1024, 1, 0, false, "AC_UNLOCK", "v")).getMessage()
                .startsWith("sync.max.per.second"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZkSettings(null, "SN1", null,
                java.time.ZoneId.of("UTC"), 1, 1, 1, 1, 1, 1024, 1, 0, false, "AC_UNLOCK", "v")).getMessage()
                .startsWith("device.id"));
        assertEquals("sync.in.flight must be 1 to 500, not 0", assertThrows(IllegalArgumentException.class,
                () -> new ZkSettings("g", "SN1", null, java.time.ZoneId.of("UTC"), 1, 1, 1, 0, 1, 1024, 1, 0, false,
                        "AC_UNLOCK", "v")).getMessage());
        assertEquals("commands.per.request must be 1 to 1000, not 0", assertThrows(IllegalArgumentException.class,
                () -> new ZkSettings("g", "SN1", null, java.time.ZoneId.of("UTC"), 1, 1, 1, 1, 0, 1024, 1, 0, false,
                        "AC_UNLOCK", "v")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZkSettings.addresses("10.0.0.5, gate.local"))
                .getMessage().startsWith("addresses 'gate.local'"));
        assertEquals(2, ZkSettings.addresses("10.0.0.5, ::1,").size());
    }
}
