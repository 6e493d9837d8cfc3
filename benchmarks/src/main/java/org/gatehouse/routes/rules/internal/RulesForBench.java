package org.gatehouse.routes.rules.internal;

import java.util.List;

import org.apache.camel.RoutesBuilder;
import org.gatehouse.api.Severity;

/** The alarm rules route as its DS component builds it (default rules), for benchmarks outside OSGi. */
public final class RulesForBench {
    private RulesForBench() {
    }

    /** @return route gatehouse-alarm-rules on {@code gatehouse-event:*}: severity >= min raises, a restore clears */
    public static RoutesBuilder routes(Severity min) {
        return new AlarmRulesRoutes(new AlarmRules(min, List.of(), List.of()), AlarmRulesRoutes.SOURCE);
    }
}
