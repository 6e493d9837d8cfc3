package org.gatehouse.routes.rules.internal;

import org.gatehouse.api.Severity;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.gatehouse.routes.rules}. */
@ObjectClassDefinition(name = "Gatehouse alarm rules",
        description = "Which events raise alarms, and which restore events clear them")
public @interface AlarmRulesConfig {
    @AttributeDefinition(name = "Minimum severity", description = "Events of this severity or higher raise an alarm")
    Severity min_severity() default Severity.WARNING;

    @AttributeDefinition(name = "Always raise", required = false,
            description = "Event types that raise an alarm whatever their severity; 'fence.*' matches a prefix")
    String[] always_types() default {};

    @AttributeDefinition(name = "Ignore", required = false,
            description = "Event types that never raise or clear an alarm; 'fence.*' matches a prefix")
    String[] ignore_types() default {};
}
