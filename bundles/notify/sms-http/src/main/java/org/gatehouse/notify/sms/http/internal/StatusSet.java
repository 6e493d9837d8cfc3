package org.gatehouse.notify.sms.http.internal;

import java.util.ArrayList;
import java.util.List;

/** A set of HTTP status codes written as a comma-separated list of codes and ranges, e.g. {@code 200-299,302}. */
final class StatusSet {

    private final String text;
    private final List<int[]> ranges;

    private StatusSet(String text, List<int[]> ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /**
     * @param key configuration key, used in error messages
     * @throws IllegalArgumentException unless every item is a code or range within 100-599
     */
    static StatusSet parse(String key, String value) {
        String v = value == null ? "" : value.trim();
        List<int[]> ranges = new ArrayList<>();
        if (!v.isEmpty()) {
            for (String item : v.split(",")) {
                String t = item.trim();
                if (t.isEmpty()) {
                    continue;
                }
                String[] ends = t.split("-", -1);
                if (ends.length > 2) {
                    throw bad(key, v, t);
                }
                int low = code(key, v, ends[0]);
                int high = ends.length == 2 ? code(key, v, ends[1]) : low;
                if (high < low) {
                    throw bad(key, v, t);
                }
                ranges.add(new int[] {low, high});
            }
        }
        return new StatusSet(v, List.copyOf(ranges));
    }

    private static int code(String key, String value, String s) {
        try {
            int code = Integer.parseInt(s.trim());
            if (code >= 100 && code <= 599) {
                return code;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, value, s.trim());
    }

    private static IllegalArgumentException bad(String key, String value, String item) {
        return new IllegalArgumentException(key + " '" + value + "': '" + item
                + "' is not an HTTP status (100-599) or range such as 200-299");
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean contains(int status) {
        for (int[] r : ranges) {
            if (status >= r[0] && status <= r[1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
