package org.gatehouse.engine.face.opencv.internal;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;

/**
 * JavaCPP native loading. The natives (OpenCV, OpenBLAS, the JNI glue) are resources of the embedded
 * {@code *-linux-x86_64} jars; JavaCPP's {@link Loader} copies them into its cache directory and loads them from there.
 * In Karaf that directory is {@code ${karaf.data}/javacpp} (so {@code bin/karaf clean} removes it and nothing is written
 * to the user's home); outside Karaf JavaCPP's default ({@code ~/.javacpp/cache}) unless
 * {@code org.bytedeco.javacpp.cachedir} is set. Nothing is downloaded.
 */
final class Natives {
    static final String CACHEDIR = "org.bytedeco.javacpp.cachedir";
    static final String PLATFORM = "org.bytedeco.javacpp.platform";

    private Natives() {
    }

    /** Sets the cache directory under {@code karaf.data} when running in Karaf and not configured otherwise. */
    static void configure() {
        String data = System.getProperty("karaf.data");
        if (data != null && System.getProperty(CACHEDIR) == null) {
            System.setProperty(CACHEDIR, cacheDir(data).toString());
        }
    }

    static Path cacheDir(String karafData) {
        return Paths.get(karafData, "javacpp");
    }

    /**
     * Loads the OpenCV core and DNN natives (and OpenBLAS they link to).
     *
     * @throws UnsatisfiedLinkError when this platform has no natives in the bundle (only linux-x86_64 is embedded)
     */
    static synchronized void load() {
        configure();
        String platform = Loader.getPlatform();
        if (!platform.equals("linux-x86_64")) {
            throw new UnsatisfiedLinkError("this bundle embeds OpenCV natives for linux-x86_64 only, not " + platform
                    + " (" + PLATFORM + ")");
        }
        Loader.load(opencv_core.class);
        Loader.load(opencv_dnn.class);
    }

    static String opencvVersion() {
        return opencv_core.CV_VERSION;
    }
}
