package org.gatehouse.routes.rules.internal;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;

/**
 * Decides what an event does to alarms: a restore event clears, an ignored type does nothing, an event of at least
 * the minimum severity or of an always-raise type raises, anything else is dropped. Ignored types win over restore.
 */
public final class AlarmRules {
    /** What to do with one event. */
    public enum Decision { CLEAR, IGNORE, RAISE, DROP }

    private final Severity minSeverity;
    private final List<String> alwaysTypes;
    private final List<String> ignoreTypes;

    public AlarmRules(Severity minSeverity, List<String> alwaysTypes, List<String> ignoreTypes) {
        this.minSeverity = Objects.requireNonNull(minSeverity, "minSeverity");
        this.alwaysTypes = clean(alwaysTypes);
        this.ignoreTypes = clean(ignoreTypes);
    }

    static AlarmRules of(AlarmRulesConfig config) {
        return new AlarmRules(config.min_severity(), List.of(config.always_types()), List.of(config.ignore_types()));
    }

    public Decision decide(SecurityEvent event) {
        if (matches(ignoreTypes, event.type())) {
            return Decision.IGNORE;
        }
        if (event.isRestore()) {
            return Decision.CLEAR;
        }
        Severity severity = event.severity() == null ? Severity.INFO : event.severity();
        if (severity.atLeast(minSeverity) || matches(alwaysTypes, event.type())) {
            return Decision.RAISE;
        }
        return Decision.DROP;
    }

    /** @return a Camel predicate true when the body (a SecurityEvent) gets this decision */
    public Predicate is(Decision decision) {
        return exchange -> decide(exchange.getIn().getBody(SecurityEvent.class)) == decision;
    }

    Severity minSeverity() {
        return minSeverity;
    }

    private static boolean matches(List<String> patterns, String type) {
        if (type == null) {
            return false;
        }
        for (String p : patterns) {
            if (p.equals("*") || p.equals(type) || p.endsWith("*") && type.startsWith(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> clean(List<String> types) {
        return types == null ? List.of()
                : types.stream().filter(Objects::nonNull).flatMap(t -> Stream.of(t.split(",")))
                .map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "min.severity=" + minSeverity + " always.types=" + alwaysTypes + " ignore.types=" + ignoreTypes;
    }
}
