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
}
