package org.gatehouse.core.internal.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

class FaceIndexTest {
    private static float[] random(Random r, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static float cosine(float[] a, float[] b) {
        double d = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return (float) (d / Math.sqrt(na * nb));
    }

    /** Brute force in double precision: the index must rank the same and score within the quantisation error. */
    @Test
    void topKMatchesBruteForceSingleAndMultiThreaded() throws Exception {
        int dim = 128;
        int n = FaceIndex.PARALLEL_MIN + 3 * FaceIndex.BLOCK + 17; // forces a split over threads and partial blocks
        Random r = new Random(42);
        float[][] vs = new float[n][];
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            assertTrue(FaceIndex.VECTOR_AVAILABLE, "surefire runs with --add-modules jdk.incubator.vector");
            FaceIndex single = new FaceIndex("m", dim, null, 1);
            FaceIndex multi = new FaceIndex("m", dim, pool, 2);
            FaceIndex scalar = new FaceIndex("m", dim, pool, 2, false);
            assertTrue(single.vectorised());
            assertFalse(scalar.vectorised());
            for (int i = 0; i < n; i++) {
                vs[i] = random(r, dim);
                single.add(i, "p" + i, vs[i]);
                multi.add(i, "p" + i, vs[i]);
                scalar.add(i, "p" + i, vs[i]);
            }
            for (int q = 0; q < 20; q++) {
                int target = r.nextInt(n);
                float[] probe = vs[target].clone();
                for (int i = 0; i < dim; i++) {
                    probe[i] += 0.3f * (float) r.nextGaussian();
                }
                int best = -1;
                float bestScore = -2;
                for (int i = 0; i < n; i++) {
                    float s = cosine(probe, vs[i]);
                    if (s > bestScore) {
                        bestScore = s;
                        best = i;
                    }
                }
                for (FaceIndex idx : List.of(single, multi, scalar)) {
                    List<FaceIndex.Hit> hits = idx.search(probe, 5);
                    assertEquals(5, hits.size());
                    assertEquals(best, hits.get(0).templateId());
                    assertEquals(bestScore, hits.get(0).score(), 1e-3);
                    for (int i = 1; i < hits.size(); i++) {
                        assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), "ranked best first");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removeFillsTheSlotAndSearchesSeeChangesAtOnce() {
        FaceIndex idx = new FaceIndex("m", 8, null, 1);
        Random r = new Random(1);
        float[] a = random(r, 8);
        float[] b = random(r, 8);
        float[] c = random(r, 8);
        idx.add(1, "alice", a);
        idx.add(2, "bob", b);
        idx.add(3, "carol", c);
        assertEquals("alice", idx.search(a, 1).get(0).personId());
        assertTrue(idx.remove(1));
        assertFalse(idx.remove(1));
        assertEquals(2, idx.size());
        assertFalse(idx.search(a, 3).stream().anyMatch(h -> h.personId().equals("alice")));
        assertEquals("carol", idx.search(c, 1).get(0).personId(), "the moved slot is still found");
        assertEquals(3, idx.search(c, 1).get(0).templateId());
        idx.add(4, "bob", c);
        assertEquals(2, idx.removePerson("bob"), "templates 2 and 4");
        assertEquals(1, idx.size());
    }

    @Test
    void onePersonWithSeveralTemplatesIsOneCandidate() {
        FaceIndex idx = new FaceIndex("m", 4, null, 1);
        idx.add(1, "alice", new float[] {1, 0, 0, 0});
        idx.add(2, "alice", new float[] {0.9f, 0.1f, 0, 0});
        idx.add(3, "bob", new float[] {0, 1, 0, 0});
        List<FaceIndex.Hit> hits = idx.search(new float[] {1, 0, 0, 0}, 5);
        assertEquals(List.of("alice", "bob"), hits.stream().map(FaceIndex.Hit::personId).toList());
        assertEquals(1, hits.get(0).templateId());
        assertEquals(1.0f, hits.get(0).score(), 1e-4);
        assertEquals(0.0f, hits.get(1).score(), 1e-4);
    }

    @Test
    void vectorAndScalarKernelsAgreeExactly() {
        Random r = new Random(3);
        for (int n : new int[] {1, 7, 16, 33, 512, 515}) {
            short[] a = new short[n];
            short[] b = new short[n + 5];
            int[] wide = new int[n];
            int expect = 0;
            for (int i = 0; i < n; i++) {
                a[i] = (short) (r.nextInt(65535) - 32767);
                wide[i] = a[i];
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (short) (r.nextInt(65535) - 32767);
            }
            for (int i = 0; i < n; i++) {
                expect += a[i] * b[5 + i];
            }
            assertEquals(expect, FaceIndex.dot(a, b, 5, n), "scalar, n=" + n);
            assertEquals(expect, VectorDot.dot(wide, b, 5, n), "vector, n=" + n);
        }
    }

    @Test
    void dimensionsAreChecked() {
        FaceIndex idx = new FaceIndex("m", 4, null, 1);
        assertThrows(IllegalArgumentException.class, () -> idx.add(1, "a", new float[3]));
        assertThrows(IllegalArgumentException.class, () -> idx.search(new float[5], 1));
        assertEquals(List.of(), idx.search(new float[4], 1));
    }
}
