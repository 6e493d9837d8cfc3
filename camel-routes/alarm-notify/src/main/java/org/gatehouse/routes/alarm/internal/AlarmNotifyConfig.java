package org.gatehouse.routes.alarm.internal;

import org.gatehouse.api.Severity;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.gatehouse.routes.alarm}. */
@ObjectClassDefinition(name = "Gatehouse alarm notification",
        description = "Which alarm transitions are sent to which notification channels")
public @interface AlarmNotifyConfig {
    @AttributeDefinition(name = "Channels", description = "Channel kinds every alarm is sent to (webhook, sms, email, "
            + "...), and zone-staff: the responsible staff of the alarm's zone, each on their own phone or e-mail")
    String[] channels() default {"webhook", "zone-staff"};

    @AttributeDefinition(name = "Channel filters", required = false,
            description = "Entries kind=(ldap filter) choosing the channel services of a kind, "
                    + "e.g. sms=(gatehouse.notify.provider=acme-sms)")
    String[] filters() default {};

    @AttributeDefinition(name = "Fallback channels", required = false,
            description = "Entries kind=fallbackKind, e.g. push=sms: a message that keeps failing on its channel "
                    + "moves to the fallback (a CRITICAL one at once when its channel is absent)")
    String[] fallbacks() default {};

    @AttributeDefinition(name = "Transitions", description = "Comma-separated alarm transitions that are sent")
    String transitions() default "RAISED,ESCALATED";

    @AttributeDefinition(name = "Language", description = "Language of the texts: zh-CN or en")
    String language() default "zh-CN";

    @AttributeDefinition(name = "Minimum severity", description = "Alarms below this severity are not sent")
    Severity min_severity() default Severity.WARNING;

    @AttributeDefinition(name = "On duty from severity", description = "RAISED alarms of at least this severity also "
            + "go to everyone on duty now (duty roster), each on their own phone or e-mail; empty to turn off",
            required = false)
    String on_duty_min_severity() default "CRITICAL";

    @AttributeDefinition(name = "Reminders", description = "Send the reminders of unacknowledged CRITICAL alarms "
            + "(transition REMINDED, every alarm.remind.critical.minutes of the core) to the recipients of RAISED: the "
            + "channels and the people on duty; only when RAISED is among the transitions")
    boolean reminders() default true;

    @AttributeDefinition(name = "Escalation post", description = "Duty post notified when an alarm is escalated "
            + "(nobody acknowledged it in time); empty to turn off", required = false)
    String escalation_post() default "leader";
}
