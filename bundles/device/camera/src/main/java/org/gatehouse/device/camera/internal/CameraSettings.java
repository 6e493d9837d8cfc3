package org.gatehouse.device.camera.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Set;

import org.gatehouse.support.config.Configs;

/**
 * Validated settings of one camera.
 *
 * @param deviceId        registered device id
 * @param deviceType      {@code facegate} or {@code camera}
 * @param url             the configured URL or path, as written
 * @param sampleFps       frames analysed per second of video
 * @param minFacePx       shorter side of the smallest face tracked
 * @param detectWidth     frames wider than this are scaled down to this width to find faces; 0 never
 * @param minTrackFrames  sampled frames a face must be seen in before its track yields a capture
 * @param trackGapMillis  a track ends when its face is unseen this long
 * @param trackIou        box overlap that continues a track
 * @param maxTrackMillis  a track segment longer than this yields a capture and a new segment starts
 * @param reconnectMinMillis first reconnect delay, doubled per consecutive failure
 * @param reconnectMaxMillis longest reconnect delay
 * @param rtspTransport   {@code tcp} or {@code udp}
 * @param timeoutMillis   network open and read timeout
 * @param loop            start a file again when it ends
 * @param detect          {@code faces}, {@code persons} or {@code both}
 * @param personIntervalMillis at most one frame per this long goes to the person detector
 * @param personMinFrames consecutive analysed frames with a person before a presence event
 * @param personRepeatSeconds at most one presence event per this long
 * @param personWidth     frames are scaled to this width for the person detector; 0 never
 * @param personMinWeight smallest HOG/SVM weight that counts as a person
 * @param snapshotDir     where presence snapshots are written
 * @param snapshotRetentionDays presence snapshots older than this are deleted
 * @param liveFps         most live-view JPEG encodings per second
 */
record CameraSettings(String deviceId, String deviceType, String url, double sampleFps, int minFacePx,
                      int detectWidth, int minTrackFrames, long trackGapMillis, double trackIou, long maxTrackMillis,
                      long reconnectMinMillis, long reconnectMaxMillis, String rtspTransport, long timeoutMillis,
                      boolean loop, String detect, long personIntervalMillis, int personMinFrames,
                      int personRepeatSeconds, int personWidth, double personMinWeight, Path snapshotDir,
                      int snapshotRetentionDays, double liveFps) {

    static final Set<String> DETECT = Set.of("faces", "persons", "both");

    static final Set<String> TYPES = Set.of("facegate", "camera");
    static final Set<String> NETWORK = Set.of("rtsp", "rtsps", "http", "https");

    CameraSettings {
        Configs.required("device.id", deviceId);
        if (!TYPES.contains(deviceType)) {
            throw new IllegalArgumentException("device.type '" + deviceType + "' must be facegate or camera");
        }
        Configs.required("url", url);
        String scheme = scheme(url);
        if (scheme != null && !NETWORK.contains(scheme) && !scheme.equals("file")) {
            throw new IllegalArgumentException("url '" + redact(url) + "' must start with rtsp://, rtsps://, http://,"
                    + " https:// or file:, or be a file path");
        }
        if (scheme != null && NETWORK.contains(scheme)) {
            Configs.url("url", url, redact(url), NETWORK.stream().sorted().toList());
        }
        if (!(sampleFps > 0 && sampleFps <= 60)) {
            throw new IllegalArgumentException("sample.fps " + sampleFps + " must be above 0 and at most 60");
        }
        if (detectWidth != 0 && detectWidth < 160) {
            throw new IllegalArgumentException("detect.width " + detectWidth + " must be 0 (never scale) or at least 160");
        }
        if (minFacePx < 1 || minTrackFrames < 1) {
            throw new IllegalArgumentException("min.face.px and min.track.frames must be at least 1");
        }
        if (trackGapMillis < 1 || maxTrackMillis < 1 || timeoutMillis < 1) {
            throw new IllegalArgumentException("track.gap.ms, max.track.ms and timeout.ms must be at least 1");
        }
        if (!(trackIou > 0 && trackIou < 1)) {
            throw new IllegalArgumentException("track.iou " + trackIou + " must be between 0 and 1 (exclusive)");
        }
        if (reconnectMinMillis < 1 || reconnectMaxMillis < reconnectMinMillis) {
            throw new IllegalArgumentException("reconnect.min.ms (" + reconnectMinMillis
                    + ") must be at least 1 and reconnect.max.ms (" + reconnectMaxMillis + ") not below it");
        }
        if (!rtspTransport.equals("tcp") && !rtspTransport.equals("udp")) {
            throw new IllegalArgumentException("rtsp.transport '" + rtspTransport + "' must be tcp or udp");
        }
        if (!DETECT.contains(detect)) {
            throw new IllegalArgumentException("detect '" + detect + "' must be faces, persons or both");
        }
        if (personIntervalMillis < 1 || personMinFrames < 1 || personRepeatSeconds < 1 || snapshotRetentionDays < 1) {
            throw new IllegalArgumentException("person.interval.ms, person.min.frames, person.repeat.seconds and"
                    + " snapshot.retention.days must be at least 1");
        }
        if (personWidth != 0 && personWidth < 128) {
            throw new IllegalArgumentException("person.width " + personWidth + " must be 0 (never scale) or at least 128");
        }
        if (!Double.isFinite(personMinWeight)) {
            throw new IllegalArgumentException("person.min.weight must be a number");
        }
        if (!(liveFps > 0 && liveFps <= 30)) {
            throw new IllegalArgumentException("live.fps " + liveFps + " must be above 0 and at most 30");
        }
    }

    /** @return whether faces go to the gate decision */
    boolean faces() {
        return !detect.equals("persons");
    }

    /** @return whether people are detected for presence events */
    boolean persons() {
        return !detect.equals("faces");
    }

    /** Reads and validates a configuration. */
    static CameraSettings from(CameraConfig c) {
        return new CameraSettings(Configs.trim(c.device_id()), lower(c.device_type()), Configs.trim(c.url()),
                c.sample_fps(), c.min_face_px(), c.detect_width(), c.min_track_frames(), c.track_gap_ms(), c.track_iou(),
                c.max_track_ms(), c.reconnect_min_ms(), c.reconnect_max_ms(), lower(c.rtsp_transport()),
                c.timeout_ms(), c.loop(), lower(c.detect()), c.person_interval_ms(), c.person_min_frames(),
                c.person_repeat_seconds(), c.person_width(), c.person_min_weight(), snapshotDir(c.snapshot_dir()),
                c.snapshot_retention_days(), c.live_fps());
    }

    /** The default snapshot directory: {@code ${karaf.data}/gatehouse/snapshots/camera}. */
    static Path snapshotDir(String configured) {
        String d = Configs.trim(configured);
        if (d == null || d.isEmpty()) {
            return Path.of(System.getProperty("karaf.data", "data"), "gatehouse", "snapshots", "camera");
        }
        return Path.of(d);
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    /** @return whether the source is a network stream (it reconnects when it ends); else a file */
    boolean network() {
        String s = scheme(url);
        return s != null && NETWORK.contains(s);
    }

    boolean rtsp() {
        String s = scheme(url);
        return "rtsp".equals(s) || "rtsps".equals(s);
    }

    /** @return what FFmpeg opens: the URL of a network stream, the path of a file */
    String source() {
        if (network()) {
            return url;
        }
        return file().toString();
    }

    /** @return the file of a {@code file:} URL or a path */
    Path file() {
        if (url.startsWith("file:")) {
            try {
                URI uri = new URI(url);
                if (uri.getPath() != null && uri.isAbsolute() && url.startsWith("file:/")) {
                    return Paths.get(uri);
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a well-formed file URI: the text after "file:"
            }
            return Paths.get(url.substring("file:".length()));
        }
        return Paths.get(url);
    }

    /** @return the URL as logs and statuses show it: no password */
    String shownUrl() {
        return redact(url);
    }

    /** @return the scheme in lower case, null for a path (a single letter before ':' is no scheme) */
    static String scheme(String url) {
        int colon = url.indexOf(':');
        if (colon < 2) {
            return null;
        }
        String s = url.substring(0, colon);
        return s.matches("[A-Za-z][A-Za-z0-9+.-]*") ? s.toLowerCase(Locale.ROOT) : null;
    }

    /** @return the text with the password of {@code scheme://user:password@host} replaced by {@code ***} */
    static String redact(String text) {
        return text == null ? null : text.replaceAll("(?<=://)([^/@:\\s]*):[^/@\\s]*@", "$1:***@");
    }
}
