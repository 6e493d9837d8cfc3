package org.gatehouse.device.camera.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one camera; one factory configuration per camera. */
@ObjectClassDefinition(id = "org.gatehouse.device.camera", name = "Gatehouse camera (server decides)",
        description = "Reads a video stream, tracks faces and hands the best frame of each person to the gate decision.")
public @interface CameraConfig {

    @AttributeDefinition(name = "Device id", description = "Id of the registered device (type facegate or camera).")
    String device_id();

    @AttributeDefinition(name = "Device type", description = "facegate (a camera at a gate) or camera.", required = false)
    String device_type() default "facegate";

    @AttributeDefinition(name = "Video URL", description = "rtsp://, rtsps://, http://, https://, file: or a file path.")
    String url();

    @AttributeDefinition(name = "Sampled frames per second", required = false)
    double sample_fps() default 5;

    @AttributeDefinition(name = "Smallest face (pixels)", description = "Shorter side of a face box; smaller faces are ignored.",
            required = false, min = "1")
    int min_face_px() default 60;

    @AttributeDefinition(name = "Detection width (pixels)",
            description = "Frames wider than this are scaled down to find faces (the capture keeps the full frame); 0: never.",
            required = false, min = "0")
    int detect_width() default 640;

    @AttributeDefinition(name = "Frames before a track counts", description = "A face seen in fewer sampled frames yields no capture.",
            required = false, min = "1")
    int min_track_frames() default 2;

    @AttributeDefinition(name = "Track gap (ms)", description = "A track ends when its face is not seen for this long.",
            required = false, min = "1")
    long track_gap_ms() default 1500;

    @AttributeDefinition(name = "Track overlap (IoU)", description = "Box overlap that continues a track, 0..1.", required = false)
    double track_iou() default 0.3;

    @AttributeDefinition(name = "Longest track segment (ms)",
            description = "A face still in view after this long yields a capture and starts a new segment.", required = false)
    long max_track_ms() default 10000;

    @AttributeDefinition(name = "First reconnect delay (ms)", required = false, min = "1")
    long reconnect_min_ms() default 1000;

    @AttributeDefinition(name = "Longest reconnect delay (ms)", required = false, min = "1")
    long reconnect_max_ms() default 60000;

    @AttributeDefinition(name = "RTSP transport", description = "tcp or udp.", required = false)
    String rtsp_transport() default "tcp";

    @AttributeDefinition(name = "Network timeout (ms)", description = "Open and read timeout of network streams.",
            required = false, min = "1")
    long timeout_ms() default 10000;

    @AttributeDefinition(name = "Loop a file", description = "Start a file again when it ends (demos).", required = false)
    boolean loop() default false;

    @AttributeDefinition(name = "What to detect", description = "faces (the gate decision), persons (presence events) or both.",
            required = false)
    String detect() default "faces";

    @AttributeDefinition(name = "Person detection interval (ms)",
            description = "At most one frame per this long goes to the person detector; frames are dropped while it is busy.",
            required = false, min = "1")
    long person_interval_ms() default 500;

    @AttributeDefinition(name = "Person frames", description = "Consecutive analysed frames with a person before a presence.",
            required = false, min = "1")
    int person_min_frames() default 2;

    @AttributeDefinition(name = "Presence repeat (s)", description = "At most one presence event per this long while people stay.",
            required = false, min = "1")
    int person_repeat_seconds() default 30;

    @AttributeDefinition(name = "Person detection width (pixels)",
            description = "Frames are scaled to this width for the person detector; 0: never.", required = false, min = "0")
    int person_width() default 640;

    @AttributeDefinition(name = "Person detector threshold",
            description = "Smallest HOG/SVM weight that counts as a person (higher: fewer false detections).", required = false)
    double person_min_weight() default 0.3;

    @AttributeDefinition(name = "Snapshot directory",
            description = "Where presence snapshots are kept; empty: ${karaf.data}/gatehouse/snapshots/camera.", required = false)
    String snapshot_dir() default "";

    @AttributeDefinition(name = "Snapshot retention (days)", required = false, min = "1")
    int snapshot_retention_days() default 30;

    @AttributeDefinition(name = "Live view frames per second", description = "Most JPEG encodings per second for live viewers.",
            required = false)
    double live_fps() default 4;
}
