package org.gatehouse.core.internal.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Thresholds per use and per model set: the clean set (dlib-resnet-v1) has its own. */
class FaceSettingsTest {
    @Test
    void theCleanSetHasItsOwnThresholds() {
        FaceSettings s = FaceSettings.defaults();
        assertEquals(0.45f, s.threshold("gate", "fr-feature@87aacdfe5751"));
        assertEquals(0.45f, s.threshold("gate", null));
        assertEquals(0.93f, s.threshold("gate", "dlib-resnet-v1@6b6d28cb459e"));
        assertEquals(0.93f, s.threshold("visitor", "dlib-resnet-v1@6b6d28cb459e"));
        assertEquals(0.94f, s.threshold("watchlist", "dlib-resnet-v1@6b6d28cb459e/opencv"));
        assertTrue(Float.isNaN(s.threshold("door", "dlib-resnet-v1@6b6d28cb459e")));
        FaceSettings site = new FaceSettings("onnx", 0.45f, 0.45f, 0.5f, 80, 40, 30f, 35f, true, 5, 2, 0.95f, 0.9f, 0.96f);
        assertEquals(0.95f, site.threshold("gate", "dlib-resnet-v1@x"));
        assertEquals(0.5f, site.threshold("watchlist", "fr-feature@x"));
    }

    @Test
    void aCleanThresholdOutsideTheCosineRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FaceSettings("onnx", 0.45f, 0.45f, 0.5f, 80, 40, 30f, 35f, true, 5, 2, 1.5f, 0.9f, 0.9f));
        assertEquals("face.threshold.* must be within -1..1, not 1.5", e.getMessage());
    }
}
