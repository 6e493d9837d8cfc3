package org.gatehouse.api;

import java.util.List;

/**
 * One page of a query result.
 *
 * @param items  the items of this page
 * @param total  how many match in all
 * @param offset index of the first item
 * @param limit  page size asked for
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {
    public Page {
        items = List.copyOf(items);
    }
}
