package org.gatehouse.engine.face.support;

/**
 * A detector candidate in source pixels.
 *
 * @param x1        left
 * @param y1        top
 * @param x2        right
 * @param y2        bottom
 * @param score     confidence 0..1
 * @param keypoints detector key points x0,y0,x1,y1,... (may be empty)
 */
public record FaceBox(float x1, float y1, float x2, float y2, float score, float[] keypoints) {
    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    public float area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    /** @return intersection over union with another box */
    public float iou(FaceBox o) {
        float ix = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        float iy = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (ix <= 0 || iy <= 0) {
            return 0f;
        }
        float inter = ix * iy;
        return inter / (area() + o.area() - inter);
    }
}
