package org.gatehouse.device.camera.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.DeviceStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * franck.mp4 streamed live over HTTP (MPEG-TS) by the Debian {@code ffmpeg} command, at its real rate ({@code -re}),
 * to the driver on loopback. Skipped, saying so, when {@code ffmpeg} is not installed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NetworkStreamTest {

    static String ffmpeg() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, "ffmpeg");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    @Test
    void aLiveHttpStreamIsOnlineItsPersonCapturedAndItsEndReconnected() throws Exception {
        String ffmpeg = ffmpeg();
        Assumptions.assumeTrue(ffmpeg != null, "SKIPPED: the ffmpeg command is not installed (Debian: apt-get install"
                + " -y ffmpeg); the network stream test needs it as the HTTP video server");
        // a live stream is sampled by the wall clock: frames that arrive while the models still load are skipped
        Video.gallery();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/live.ts";
        Process server = new ProcessBuilder(ffmpeg, "-nostdin", "-v", "error", "-re", "-t", "6", "-i",
                Video.franck().toString(), "-c", "copy", "-f", "mpegts", "-listen", "1", url)
                .redirectErrorStream(true).redirectOutput(new File("target/ffmpeg-server.log")).start();
        List<FaceTracker.Capture> captures = new CopyOnWriteArrayList<>();
        RecordingSink sink = new RecordingSink();
        CameraDriver d = CameraDriverTest.driver(CameraDriverTest.settings(url, "max_track_ms", 300_000L), captures);
        try {
            d.attach(sink); // may try before ffmpeg listens: refused, then again after 50 ms
            CameraDriverTest.await("the stream to end", () -> sink.reasons.contains("stream ended")
                    && sink.statuses.size() == sink.reasons.size(), 60_000);
        } finally {
            d.detach();
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        int online = sink.statuses.indexOf(DeviceStatus.ONLINE);
        assertTrue(online >= 0, "online: " + sink.reasons);
        assertEquals("receiving 360x288 from " + url, sink.reasons.get(online));
        assertEquals(DeviceStatus.OFFLINE, sink.statuses.get(sink.reasons.indexOf("stream ended")));
        assertTrue(d.sampled() >= 20, "about 6 s at 5 frames/s: " + d.sampled());
        assertEquals(1, captures.size(), "one person, in view for the whole stream");
        assertEquals("franck", Video.identify(Video.gallery(), captures.get(0).jpeg()).getKey());
    }
}
