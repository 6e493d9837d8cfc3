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

    /**
     * Drops every box whose intersection with a better-scoring kept box covers more than {@code fraction} of its own
     * area (a part of a face found again by a coarser anchor).
     *
     * @param boxes boxes best score first, as {@link #apply} returns them
     */
    public static List<FaceBox> suppressContained(List<FaceBox> boxes, float fraction) {
        List<FaceBox> kept = new ArrayList<>();
        outer:
        for (FaceBox b : boxes) {
            for (FaceBox k : kept) {
                float ix = Math.min(b.x2(), k.x2()) - Math.max(b.x1(), k.x1());
                float iy = Math.min(b.y2(), k.y2()) - Math.max(b.y1(), k.y1());
                if (ix > 0 && iy > 0 && ix * iy > fraction * Math.min(b.area(), k.area())) {
                    continue outer;
                }
            }
            kept.add(b);
        }
        return kept;
    }
}
