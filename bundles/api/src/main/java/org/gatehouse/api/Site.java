package org.gatehouse.api;

/**
 * A campus.
 *
 * @param id       stable identifier, lower-kebab case (for example {@code north-campus})
 * @param name     display name
 * @param timezone IANA time zone of the campus, for hours and reports (for example {@code Asia/Shanghai})
 * @param address  postal address, may be null
 */
public record Site(String id, String name, String timezone, String address) {
}
