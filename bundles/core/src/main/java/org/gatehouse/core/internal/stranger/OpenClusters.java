package org.gatehouse.core.internal.stranger;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;

import org.gatehouse.api.stranger.StrangerAlert;

/**
 * The open clusters of unknown faces in memory: each one's centroid (the normalised mean of its L2-normalised
 * embeddings) and what its row holds. At most {@code max} are kept; the least recently seen is forgotten first. Not
 * thread-safe: callers hold the set's monitor.
 */
public final class OpenClusters {
    private final int max;
    private final LinkedHashMap<Long, Cluster> byId = new LinkedHashMap<>(256, 0.75f, true);

    public OpenClusters(int max) {
        this.max = max;
    }

    /**
     * @param since only clusters whose last capture is at or after this (epoch ms)
     * @param min   the smallest cosine similarity to join
     * @return the most similar open cluster of the rule and model, or null
     */
    public Cluster nearest(String ruleId, String model, float[] v, long since, float min) {
        Cluster best = null;
        float bestScore = -2f;
        for (Cluster c : byId.values()) {
            if (c.last < since || !c.ruleId.equals(ruleId) || !c.model.equals(model) || c.dim != v.length) {
                continue;
            }
            float s = c.similarity(v);
            if (s >= min && s > bestScore) {
                best = c;
                bestScore = s;
            }
        }
        return best;
    }

    /** Keeps a cluster under its stored id, forgetting the least recently seen beyond the bound. */
    public void put(long id, Cluster c) {
        c.id = id;
        byId.put(id, c);
        Iterator<Long> oldest = byId.keySet().iterator();
        while (byId.size() > max) {
            oldest.next();
            oldest.remove();
        }
    }

    public Cluster get(long id) {
        return byId.get(id);
    }

    public int size() {
        return byId.size();
    }

    /** One open cluster: the running sum of its normalised embeddings and what its row holds. */
    public static final class Cluster {
        final String ruleId;
        final String zoneId;
        final String deviceId;
        final String model;
        final int dim;
        final float[] sum;
        final float[] centroid;
        final long first;
        long id;
        int count;
        long last;
        Long bestPassage;
        long bestQuality;
        Long alarmId;

        /** An empty cluster of a rule, opened by a capture at {@code deviceId} at {@code first} (epoch ms). */
        public Cluster(String ruleId, String zoneId, String deviceId, String model, int dim, long first) {
            this.ruleId = ruleId;
            this.zoneId = zoneId;
            this.deviceId = deviceId;
            this.model = model;
            this.dim = dim;
            this.sum = new float[dim];
            this.centroid = new float[dim];
            this.first = first;
            this.last = first;
        }

        /** Adds an L2-normalised embedding captured at {@code at} (epoch ms). */
        public void add(float[] v, long at) {
            double n = 0;
            for (int i = 0; i < dim; i++) {
                sum[i] += v[i];
                n += (double) sum[i] * sum[i];
            }
            double inv = n == 0 ? 0 : 1 / Math.sqrt(n);
            for (int i = 0; i < dim; i++) {
                centroid[i] = (float) (sum[i] * inv);
            }
            count++;
            last = Math.max(last, at);
        }

        float similarity(float[] v) {
            float s = 0;
            for (int i = 0; i < dim; i++) {
                s += centroid[i] * v[i];
            }
            return s;
        }

        StrangerAlert alert() {
            return new StrangerAlert(id, ruleId, zoneId, count, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last),
                    bestPassage, alarmId);
        }
    }
}
