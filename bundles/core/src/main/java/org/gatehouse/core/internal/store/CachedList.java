package org.gatehouse.core.internal.store;

import java.util.List;
import java.util.function.Supplier;

/**
 * A list read from the store once and kept until a change says it is stale (rules every event is checked against).
 * A change commits first and then calls {@link #forget}; a reader that loaded the old list during the change cannot
 * keep it afterwards, as loading and forgetting share one lock.
 *
 * @param <T> the element type
 */
public final class CachedList<T> {
    private final Supplier<List<T>> load;
    private final Object lock = new Object();
    private volatile List<T> value;

    /** @param load reads the list (in its own transaction) */
    public CachedList(Supplier<List<T>> load) {
        this.load = load;
    }

    /** @return the cached list, read now when a change made it stale */
    public List<T> get() {
        List<T> v = value;
        if (v == null) {
            synchronized (lock) {
                v = value;
                if (v == null) {
                    v = List.copyOf(load.get());
                    value = v;
                }
            }
        }
        return v;
    }

    /** Marks the list stale, after the change that made it so has committed. */
    public void forget() {
        synchronized (lock) {
            value = null;
        }
    }
}
