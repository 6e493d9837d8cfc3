package org.gatehouse.device.camera.internal;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;

/**
 * OpenCV's HOG people detector (Dalal-Triggs, {@link HOGDescriptor#getDefaultPeopleDetector()}: a linear SVM built
 * into OpenCV, no weights to download) through JavaCV. A frame is scaled to {@code person.width} (up or down), searched
 * with a 8x8 window stride over an image pyramid (scale 1.05) and the windows grouped; a window whose SVM weight is
 * at least {@code person.min.weight} is a person. The detection window is 64x128 pixels: people shorter than about
 * 128 pixels at the detection width are not found, so a camera that sees people small needs a larger
 * {@code person.width}. Not thread-safe (one per detection thread); {@link #close} frees the native objects.
 */
final class PersonDetector implements AutoCloseable {

    /** A person: box in pixels of the full frame, the SVM weight and a score 0..1 ({@code 1 - e^-weight}). */
    record Person(int x, int y, int width, int height, double weight) {
        double score() {
            return score(weight);
        }

        static double score(double weight) {
            return weight <= 0 ? 0 : 1 - Math.exp(-weight);
        }
    }

    private final int width;
    private final double minWeight;
    private final HOGDescriptor hog;
    private final Mat svm; // kept referenced: the descriptor holds it

    /**
     * @param width     frames are scaled to this width; 0 never
     * @param minWeight smallest SVM weight that counts as a person
     * @throws UnsatisfiedLinkError when the OpenCV natives cannot be loaded on this platform
     */
    PersonDetector(int width, double minWeight) {
        loadNatives();
        this.width = width;
        this.minWeight = minWeight;
        this.hog = new HOGDescriptor();
        this.svm = new Mat(HOGDescriptor.getDefaultPeopleDetector());
        hog.setSVMDetector(svm);
    }

    /** Loads the OpenCV natives (from the embedded jars, into JavaCPP's cache directory). */
    static void loadNatives() {
        Natives.configure();
        Loader.load(opencv_objdetect.class);
    }

    /** @return the people in the frame, in pixels of the frame, strongest first */
    List<Person> detect(BufferedImage image) {
        BufferedImage bgr = bgr(image);
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        List<Person> found = new ArrayList<>();
        try (Mat full = new Mat(h, w, CV_8UC3); Mat small = new Mat(); RectVector boxes = new RectVector()) {
            full.data().put(data, 0, w * h * 3);
            Mat in = full;
            double k = 1.0;
            if (width > 0 && width != w) {
                k = (double) width / w;
                opencv_imgproc.resize(full, small, new Size(width, Math.max(1, (int) Math.round(h * k))), 0, 0,
                        k < 1 ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_LINEAR);
                in = small;
            }
            double[] weights = new double[0];
            try (org.bytedeco.javacpp.DoublePointer wp = new org.bytedeco.javacpp.DoublePointer()) {
                hog.detectMultiScale(in, boxes, wp, 0, new Size(8, 8), new Size(16, 16), 1.05, 2, false);
                weights = new double[(int) boxes.size()];
                if (!wp.isNull() && wp.limit() >= boxes.size()) {
                    wp.get(weights);
                }
            }
            for (int i = 0; i < boxes.size(); i++) {
                double wt = i < weights.length ? weights[i] : 0;
                if (wt < minWeight) {
                    continue;
                }
                Rect r = boxes.get(i);
                found.add(new Person((int) Math.round(r.x() / k), (int) Math.round(r.y() / k),
                        (int) Math.round(r.width() / k), (int) Math.round(r.height() / k), wt));
            }
        }
        found.sort((a, b) -> Double.compare(b.weight(), a.weight()));
        return found;
    }

    /** @return the image in the packed 3-byte BGR layout OpenCV reads */
    static BufferedImage bgr(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getDataBuffer() instanceof DataBufferByte b
                && b.getData().length == image.getWidth() * image.getHeight() * 3) {
            return image;
        }
        BufferedImage c = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = c.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return c;
    }

    @Override
    public void close() {
        hog.close();
        svm.close();
    }
}
