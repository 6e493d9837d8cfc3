package org.gatehouse.device.camel.internal;

import java.util.Map;

/**
 * One mapping rule {@code map.<n>.*}: when {@code when} (or {@code restore}) matches, the message gives one event of
 * {@code type}. With neither predicate the rule matches every readable message.
 *
 * @param name     {@code map.<n>}
 * @param when     the predicate of an event that starts a condition; null: not tested
 * @param restore  the predicate of an event that ends it ({@code state=restore}); null: never
 * @param type     event type
 * @param device   another registered device the event is for; null: this device
 * @param zone     zone; null: the device's
 * @param severity severity name (INFO, WARNING, MAJOR, CRITICAL); null: INFO
 * @param id       the vendor's event id, made deterministic per device; null: the spine assigns one
 * @param time     when it happened (ISO-8601 instant or epoch milliseconds); null: now
 * @param attrs    attributes by name
 */
record Rule(String name, Condition when, Condition restore, Template type, Template device, Template zone,
            Template severity, Template id, Template time, Map<String, Template> attrs) {

    /** @return the rule as the integrator configured it, for {@code MappingResult#rule} */
    String describe(boolean restored) {
        Condition c = restored ? restore : when;
        return c == null ? name : name + (restored ? ".restore: " : ": ") + c;
    }
}
