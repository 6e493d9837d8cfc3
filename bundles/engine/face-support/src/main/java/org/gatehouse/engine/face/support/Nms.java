package org.gatehouse.engine.face.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression. */
public final class Nms {
    private Nms() {
    }

    /**
     * Keeps the best-scoring box of every group of boxes overlapping by more than {@code iouThreshold}.
     *
     * @param boxes        candidates (not modified)
     * @param iouThreshold overlap above which the lower-scoring box is dropped
     * @param topK         maximum number of boxes considered, best first
     * @return kept boxes, best score first
     */
    public static List<FaceBox> apply(List<FaceBox> boxes, float iouThreshold, int topK) {
        List<FaceBox> sorted = new ArrayList<>(boxes);
        sorted.removeIf(b -> b.width() <= 0 || b.height() <= 0);
        sorted.sort(Comparator.comparingDouble(FaceBox::score).reversed());
        if (sorted.size() > topK) {
            sorted = sorted.subList(0, topK);
        }
        List<FaceBox> kept = new ArrayList<>();
        boolean[] dropped = new boolean[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            if (dropped[i]) {
                continue;
            }
            FaceBox a = sorted.get(i);
            kept.add(a);
            for (int j = i + 1; j < sorted.size(); j++) {
                if (!dropped[j] && a.iou(sorted.get(j)) > iouThreshold) {
                    dropped[j] = true;
                }
            }
        }
        return kept;
    }
}
