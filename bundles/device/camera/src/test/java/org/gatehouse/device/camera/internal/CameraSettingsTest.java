package org.gatehouse.device.camera.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CameraSettingsTest {

    /** A config with the annotation defaults, overridden by {@code values} (keys are method names). */
    static CameraConfig config(Map<String, Object> values) {
        return (CameraConfig) Proxy.newProxyInstance(CameraConfig.class.getClassLoader(),
                new Class<?>[] { CameraConfig.class }, (p, m, a) -> values.containsKey(m.getName())
                        ? values.get(m.getName()) : m.getDefaultValue());
    }

    static CameraSettings settings(String url, Object... more) {
        Map<String, Object> v = new HashMap<>();
        v.put("device_id", "gate-cam-1");
        v.put("url", url);
        for (int i = 0; i < more.length; i += 2) {
            v.put((String) more[i], more[i + 1]);
        }
        return CameraSettings.from(config(v));
    }

    static String refused(String url, Object... more) {
        return assertThrows(IllegalArgumentException.class, () -> settings(url, more)).getMessage();
    }

    @Test
    void defaults() {
        CameraSettings s = settings("rtsp://cam.local:554/stream1");
        assertEquals("facegate", s.deviceType());
        assertEquals(5.0, s.sampleFps());
        assertEquals(60, s.minFacePx());
        assertEquals(1500, s.trackGapMillis());
        assertEquals(0.3, s.trackIou());
        assertEquals(10_000, s.maxTrackMillis());
        assertEquals(1000, s.reconnectMinMillis());
        assertEquals(60_000, s.reconnectMaxMillis());
        assertEquals("tcp", s.rtspTransport());
        assertTrue(s.network());
        assertTrue(s.rtsp());
        assertFalse(s.loop());
    }

    @Test
    void filesAndPaths() {
        assertEquals(Path.of("/srv/video/gate.mp4"), settings("file:///srv/video/gate.mp4").file());
        assertEquals(Path.of("/srv/video/gate.mp4"), settings("file:/srv/video/gate.mp4").file());
        assertEquals(Path.of("video/gate.mp4"), settings("file:video/gate.mp4").file());
        CameraSettings p = settings("/srv/video/gate.mp4");
        assertFalse(p.network());
        assertEquals("/srv/video/gate.mp4", p.source());
        assertTrue(settings("https://cam.local/live.ts").network());
    }

    @Test
    void passwordsNeverShow() {
        CameraSettings s = settings("rtsp://admin:s3cret@10.0.0.9:554/Streaming/Channels/101");
        assertEquals("rtsp://admin:***@10.0.0.9:554/Streaming/Channels/101", s.shownUrl());
        assertEquals("cannot open rtsp://admin:***@cam/1: x", CameraSettings.redact("cannot open rtsp://admin:pw@cam/1: x"));
        String m = refused("rtsp://admin:s3cret@", "sample_fps", 5.0);
        assertFalse(m.contains("s3cret"), m);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertTrue(refused("ftp://cam/x").startsWith("url 'ftp://cam/x' must start with rtsp://"));
        assertTrue(refused("concat:/a.mp4|/b.mp4").startsWith("url "), "FFmpeg's other protocols are not opened");
        assertTrue(refused("rtsp:///nohost").contains("has no host"));
        assertEquals("url is required", refused(" "));
        assertTrue(refused("/v.mp4", "sample_fps", 0.0).startsWith("sample.fps"));
        assertTrue(refused("/v.mp4", "track_iou", 1.5).startsWith("track.iou"));
        assertTrue(refused("/v.mp4", "device_type", "fence").startsWith("device.type 'fence'"));
        assertTrue(refused("/v.mp4", "reconnect_min_ms", 5000L, "reconnect_max_ms", 1000L).startsWith("reconnect.min.ms"));
        assertTrue(refused("/v.mp4", "rtsp_transport", "sctp").startsWith("rtsp.transport"));
        assertTrue(refused("/v.mp4", "min_face_px", 0).startsWith("min.face.px"));
        Map<String, Object> v = new HashMap<>();
        v.put("url", "/v.mp4");
        assertEquals("device.id is required", assertThrows(IllegalArgumentException.class,
                () -> CameraSettings.from(config(v))).getMessage());
    }

    @Test
    void backoffDoublesUpToTheLongestDelay() {
        CameraDriver d = new CameraDriver(settings("/v.mp4", "reconnect_min_ms", 1000L, "reconnect_max_ms", 5000L),
                null, null, "test");
        assertEquals(1000, d.backoff(0));
        assertEquals(2000, d.backoff(1));
        assertEquals(4000, d.backoff(2));
        assertEquals(5000, d.backoff(3));
        assertEquals(5000, d.backoff(40));
    }

    @Test
    void personDetectionKeys() {
        CameraSettings d = settings("rtsp://cam.local:554/stream1");
        assertEquals("faces", d.detect());
        assertTrue(d.faces());
        assertFalse(d.persons());
        assertEquals(500, d.personIntervalMillis());
        assertEquals(2, d.personMinFrames());
        assertEquals(30, d.personRepeatSeconds());
        assertEquals(640, d.personWidth());
        assertEquals(Path.of(System.getProperty("karaf.data", "data"), "gatehouse", "snapshots", "camera"), d.snapshotDir());
        CameraSettings both = settings("rtsp://cam.local:554/stream1", "detect", " Both ");
        assertTrue(both.faces() && both.persons());
        CameraSettings persons = settings("rtsp://cam.local:554/stream1", "detect", "persons", "snapshot_dir", "/srv/snaps");
        assertFalse(persons.faces());
        assertEquals(Path.of("/srv/snaps"), persons.snapshotDir());
        assertEquals("detect 'cars' must be faces, persons or both", refused("rtsp://c/1", "detect", "cars"));
        assertTrue(refused("rtsp://c/1", "person_min_frames", 0).contains("person.min.frames"));
        assertTrue(refused("rtsp://c/1", "person_width", 64).contains("person.width 64"));
        assertTrue(refused("rtsp://c/1", "live_fps", 0.0).contains("live.fps"));
    }
}
