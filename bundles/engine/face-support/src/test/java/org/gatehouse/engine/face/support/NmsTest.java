package org.gatehouse.engine.face.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class NmsTest {
    private static FaceBox box(float x, float y, float s, float score) {
        return new FaceBox(x, y, x + s, y + s, score, new float[0]);
    }

    @Test
    void keepsTheBestOfOverlappingBoxesAndSeparateFaces() {
        List<FaceBox> kept = Nms.apply(List.of(
                box(100, 100, 50, 0.80f), box(103, 102, 50, 0.95f), box(98, 99, 52, 0.90f), // one face
                box(300, 100, 40, 0.70f), // another face
                box(104, 104, 10, 0.99f)), // small box inside the first: IoU < 0.4, kept
                0.4f, 100);
        assertEquals(3, kept.size());
        assertEquals(0.99f, kept.get(0).score());
        assertEquals(0.95f, kept.get(1).score());
        assertEquals(0.70f, kept.get(2).score());
    }

    @Test
    void iouOfKnownBoxes() {
        assertEquals(1f, box(0, 0, 10, 1).iou(box(0, 0, 10, 1)), 1e-6);
        assertEquals(50f / 150f, box(0, 0, 10, 1).iou(box(5, 0, 10, 1)), 1e-6);
        assertEquals(0f, box(0, 0, 10, 1).iou(box(20, 0, 10, 1)), 1e-6);
    }

    @Test
    void topKAndDegenerateBoxes() {
        List<FaceBox> kept = Nms.apply(List.of(box(0, 0, 10, 0.5f), box(100, 0, 10, 0.6f), box(200, 0, 10, 0.7f),
                new FaceBox(5, 5, 5, 9, 0.99f, new float[0])), 0.4f, 2);
        assertEquals(2, kept.size());
        assertEquals(0.7f, kept.get(0).score());
    }

    @Test
    void containedBoxesAreSuppressedButNeighboursKept() {
        List<FaceBox> kept = Nms.suppressContained(List.of(box(0, 0, 100, 0.9f), box(20, 20, 40, 0.8f),
                box(90, 0, 100, 0.7f)), 0.6f);
        assertEquals(2, kept.size());
        assertEquals(0.7f, kept.get(1).score());
    }
}
