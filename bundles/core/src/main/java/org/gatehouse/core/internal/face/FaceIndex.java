package org.gatehouse.core.internal.face;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * In-memory 1:N index of the templates of one model. Vectors are L2-normalised and quantised to {@code short} (scale
 * 32767) in contiguous blocks; the scan computes integer dot products ({@code |dot| <= 32767^2} fits an int) with the
 * Vector API when the JVM has {@code jdk.incubator.vector} ({@link VectorDot}), else with a scalar loop (C2 of Java 17
 * does not vectorise it), splits large scans over the search threads, keeps a shortlist per scanning thread, and re-scores the shortlist in float (the probe in full
 * precision against the de-quantised template). Adds and removes take effect at once (a removed slot is filled with
 * the last one). Thread-safe: searches share a read lock, changes take the write lock.
 */
public final class FaceIndex {
    /** Vectors per block: one block of 512-d vectors is 4 MiB. */
    static final int BLOCK = 4096;
    private static final float SCALE = 32767f;
    /** Below this size one thread scans everything. */
    static final int PARALLEL_MIN = 16_384;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FaceIndex.class);
    /** Whether the Vector API kernel runs here (see {@link VectorDot}); {@code -Dgatehouse.face.vector=false} turns it off. */
    static final boolean VECTOR_AVAILABLE = probeVector();

    private final String modelId;
    private final int dim;
    private final boolean vector;
    private final ExecutorService pool;
    private final int threads;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<short[]> blocks = new ArrayList<>();
    private long[] ids = new long[BLOCK];
    private String[] persons = new String[BLOCK];
    private final Map<Long, Integer> slotOf = new HashMap<>();
    private int size;

    /**
     * @param pool    threads for large scans, may be null for a single-threaded scan
     * @param threads how many parts a large scan is split into
     */
    public FaceIndex(String modelId, int dim, ExecutorService pool, int threads) {
        this(modelId, dim, pool, threads, VECTOR_AVAILABLE);
    }

    /** @param vector use the Vector API kernel (only if {@link #VECTOR_AVAILABLE}) */
    FaceIndex(String modelId, int dim, ExecutorService pool, int threads, boolean vector) {
        this.vector = vector && VECTOR_AVAILABLE;
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be positive");
        }
        this.modelId = modelId;
        this.dim = dim;
        this.pool = pool;
        this.threads = pool == null ? 1 : Math.max(1, threads);
    }

    private static boolean probeVector() {
        if (!Boolean.parseBoolean(System.getProperty("gatehouse.face.vector", "true"))) {
            LOG.info("Face index: scalar scan (gatehouse.face.vector=false)");
            return false;
        }
        try {
            int lanes = VectorDot.check();
            LOG.info("Face index: Vector API scan, {} int lanes", lanes);
            return true;
        } catch (Throwable e) { // NoClassDefFoundError without the module or the OSGi export
            LOG.info("Face index: scalar scan (the JVM runs without --add-modules jdk.incubator.vector: {})",
                    e.toString());
            return false;
        }
    }

    /** @return whether this index scans with the Vector API */
    public boolean vectorised() {
        return vector;
    }

    public String modelId() {
        return modelId;
    }

    public int dim() {
        return dim;
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One search result: a template, its person and its cosine similarity. */
    public record Hit(long templateId, String personId, float score) {
    }

    /** L2-normalises and quantises a vector. */
    static short[] quantise(float[] v) {
        float[] n = normalise(v);
        short[] q = new short[n.length];
        for (int i = 0; i < n.length; i++) {
            q[i] = (short) Math.round(Math.max(-1f, Math.min(1f, n[i])) * SCALE);
        }
        return q;
    }

    public static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        double inv = n == 0 ? 0 : 1 / Math.sqrt(n);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }

    /** Adds (or replaces) a template. */
    public void add(long templateId, String personId, float[] vector) {
        check(vector);
        short[] q = quantise(vector);
        lock.writeLock().lock();
        try {
            Integer existing = slotOf.get(templateId);
            int slot = existing != null ? existing : size;
            if (existing == null) {
                ensureCapacity(size + 1);
                size++;
            }
            System.arraycopy(q, 0, blocks.get(slot / BLOCK), (slot % BLOCK) * dim, dim);
            ids[slot] = templateId;
            persons[slot] = personId;
            slotOf.put(templateId, slot);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a template; @return whether it was there */
    public boolean remove(long templateId) {
        lock.writeLock().lock();
        try {
            Integer slot = slotOf.remove(templateId);
            if (slot == null) {
                return false;
            }
            int last = size - 1;
            if (slot != last) {
                System.arraycopy(blocks.get(last / BLOCK), (last % BLOCK) * dim, blocks.get(slot / BLOCK),
                        (slot % BLOCK) * dim, dim);
                ids[slot] = ids[last];
                persons[slot] = persons[last];
                slotOf.put(ids[slot], slot);
            }
            persons[last] = null;
            size = last;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes every template of a person; @return how many */
    public int removePerson(String personId) {
        lock.writeLock().lock();
        try {
            List<Long> gone = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                if (personId.equals(persons[i])) {
                    gone.add(ids[i]);
                }
            }
            gone.forEach(this::remove);
            return gone.size();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void ensureCapacity(int n) {
        while (blocks.size() * BLOCK < n) {
            blocks.add(new short[BLOCK * dim]);
        }
        if (ids.length < n) {
            int cap = Math.max(n, ids.length * 2);
            ids = Arrays.copyOf(ids, cap);
            persons = Arrays.copyOf(persons, cap);
        }
    }

    private void check(float[] v) {
        if (v == null || v.length != dim) {
            throw new IllegalArgumentException("vector of " + (v == null ? 0 : v.length) + " dimensions, index of "
                    + modelId + " has " + dim);
        }
    }

    /**
     * The best template of each of the {@code topK} most similar persons.
     *
     * @param probe the probe vector (normalised here)
     */
    public List<Hit> search(float[] probe, int topK) {
        check(probe);
        float[] p = normalise(probe);
        short[] q = quantise(p);
        lock.readLock().lock();
        try {
            if (size == 0) {
                return List.of();
            }
            // a person may own several templates: a longer shortlist still yields topK distinct persons
            int shortlist = Math.min(size, topK * 4 + 8);
            int parts = size >= PARALLEL_MIN ? threads : 1;
            int[] slots;
            if (parts == 1) {
                slots = scan(q, 0, size, shortlist).slots();
            } else {
                List<Future<Top>> futures = new ArrayList<>();
                int step = (size + parts - 1) / parts;
                // whole blocks per part keep the scans on separate memory
                step = ((step + BLOCK - 1) / BLOCK) * BLOCK;
                for (int from = step; from < size; from += step) {
                    int f = from;
                    int t = Math.min(size, from + step);
                    futures.add(pool.submit(() -> scan(q, f, t, shortlist)));
                }
                Top merged = scan(q, 0, Math.min(size, step), shortlist);
                for (Future<Top> fu : futures) {
                    Top other;
                    try {
                        other = fu.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("index scan failed", e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("index scan interrupted", e);
                    }
                    merged.mergeFrom(other);
                }
                slots = merged.slots();
            }
            // exact re-score in float, best template per person
            Map<String, Hit> best = new LinkedHashMap<>();
            for (int slot : slots) {
                short[] b = blocks.get(slot / BLOCK);
                int off = (slot % BLOCK) * dim;
                float s = 0;
                for (int i = 0; i < dim; i++) {
                    s += p[i] * b[off + i];
                }
                s /= SCALE;
                Hit h = new Hit(ids[slot], persons[slot], s);
                best.merge(h.personId(), h, (a, c) -> a.score() >= c.score() ? a : c);
            }
            List<Hit> out = new ArrayList<>(best.values());
            out.sort((a, c) -> Float.compare(c.score(), a.score()));
            return out.size() > topK ? new ArrayList<>(out.subList(0, topK)) : out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Scans slots [from, to). */
    private Top scan(short[] q, int from, int to, int k) {
        Top top = new Top(k);
        int[] wide = null;
        if (vector) {
            wide = new int[dim];
            for (int i = 0; i < dim; i++) {
                wide[i] = q[i];
            }
        }
        int slot = from;
        while (slot < to) {
            short[] b = blocks.get(slot / BLOCK);
            int end = Math.min(to, (slot / BLOCK + 1) * BLOCK);
            int off = (slot % BLOCK) * dim;
            for (; slot < end; slot++, off += dim) {
                int s = vector ? VectorDot.dot(wide, b, off, dim) : dot(q, b, off, dim);
                if (s > top.min) {
                    top.offer(s, slot);
                }
            }
        }
        return top;
    }

    /**
     * The scalar inner loop: shorts multiplied into int sums, in pairs and two accumulators (about 1.5x faster than
     * the plain loop on C2 of Java 17, which does not vectorise either form).
     */
    static int dot(short[] a, short[] b, int off, int n) {
        int s0 = 0;
        int s1 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[off + i] + a[i + 1] * b[off + i + 1];
            s1 += a[i + 2] * b[off + i + 2] + a[i + 3] * b[off + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[off + i];
        }
        return s0 + s1;
    }

    /** A bounded shortlist of the highest integer scores. */
    private static final class Top {
        final int[] scores;
        final int[] slots;
        int n;
        int min = Integer.MIN_VALUE;

        Top(int k) {
            scores = new int[k];
            slots = new int[k];
        }

        void offer(int score, int slot) {
            if (n < scores.length) {
                scores[n] = score;
                slots[n] = slot;
                n++;
                if (n == scores.length) {
                    min = minValue();
                }
                return;
            }
            int at = 0;
            for (int i = 1; i < n; i++) {
                if (scores[i] < scores[at]) {
                    at = i;
                }
            }
            scores[at] = score;
            slots[at] = slot;
            min = minValue();
        }

        private int minValue() {
            int m = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                m = Math.min(m, scores[i]);
            }
            return m;
        }

        void mergeFrom(Top other) {
            for (int i = 0; i < other.n; i++) {
                if (n < scores.length || other.scores[i] > min) {
                    offer(other.scores[i], other.slots[i]);
                }
            }
        }

        int[] slots() {
            return Arrays.copyOf(slots, n);
        }
    }

    /** @return bytes held by the vectors and ids (an estimate of the index's heap) */
    public long bytes() {
        lock.readLock().lock();
        try {
            return (long) blocks.size() * BLOCK * dim * 2 + (long) ids.length * (8 + 4) + slotOf.size() * 64L;
        } finally {
            lock.readLock().unlock();
        }
    }
}
