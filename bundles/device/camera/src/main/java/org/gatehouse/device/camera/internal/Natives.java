package org.gatehouse.device.camera.internal;

import java.nio.file.Paths;

/**
 * JavaCPP native loading, as in face-opencv: the FFmpeg natives are resources of the embedded
 * {@code *-linux-x86_64} jars, which JavaCPP copies into its cache directory and loads from there. In Karaf that
 * directory is {@code ${karaf.data}/javacpp} (the one face-opencv uses), outside Karaf JavaCPP's default unless
 * {@code org.bytedeco.javacpp.cachedir} is set. Nothing is downloaded.
 */
final class Natives {
    static final String CACHEDIR = "org.bytedeco.javacpp.cachedir";

    private Natives() {
    }

    static void configure() {
        String data = System.getProperty("karaf.data");
        if (data != null && System.getProperty(CACHEDIR) == null) {
            System.setProperty(CACHEDIR, Paths.get(data, "javacpp").toString());
        }
    }
}
