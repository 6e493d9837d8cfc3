package org.gatehouse.routes.alarm.internal;

import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.Severity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route {@value #ROUTE_ID}: alarms of the configured transitions and at least the minimum severity are queued in the
 * outbox once per configured channel kind, with that kind's filter. Published as a RoutesBuilder service that the
 * platform CamelContext picks up; a configuration change restarts the component, so the route is removed and added.
 * The configuration PID is the component name; the configuration is optional (DS defaults).
 */
@Component(name = "org.gatehouse.routes.alarm", service = RoutesBuilder.class, property = "gatehouse.routes=true")
@Designate(ocd = AlarmNotifyConfig.class)
public class AlarmNotifyRoutes extends RouteBuilder {
    public static final String ROUTE_ID = "gatehouse-alarm-notify";

    private static final Logger LOG = LoggerFactory.getLogger(AlarmNotifyRoutes.class);

    /** Route that sends to the people on duty. */
    public static final String ON_DUTY_ROUTE_ID = "gatehouse-alarm-notify-on-duty";
    static final String ON_DUTY_ENDPOINT = "direct:gatehouse-alarm-notify-on-duty";

    private NotifyPlan plan;
    private final String source;
    /** Severity from which RAISED alarms go to everyone on duty; null for never. */
    private Severity onDutyMin;
    /** Post notified of escalations; null for none. */
    private String escalationPost;
    /** Whether REMINDED alarms go where RAISED ones go. */
    private boolean reminders = true;

    /** For DS. */
    public AlarmNotifyRoutes() {
        this.source = null;
    }

    /** For tests: another source endpoint instead of the plan's gatehouse-alarm URI. */
    AlarmNotifyRoutes(NotifyPlan plan, String source) {
        this(plan, source, null, null);
    }

    /** For tests: with the duty roster targets. */
    AlarmNotifyRoutes(NotifyPlan plan, String source, Severity onDutyMin, String escalationPost) {
        this(plan, source, onDutyMin, escalationPost, true);
    }

    /** For tests: with the duty roster targets and the reminders switch; a null source is the plan's. */
    AlarmNotifyRoutes(NotifyPlan plan, String source, Severity onDutyMin, String escalationPost, boolean reminders) {
        this.plan = plan;
        this.source = source;
        this.onDutyMin = onDutyMin;
        this.escalationPost = escalationPost;
        this.reminders = reminders;
    }

    @Activate
    void activate(AlarmNotifyConfig config) {
        plan = NotifyPlan.of(config);
        String min = config.on_duty_min_severity();
        onDutyMin = min == null || min.isBlank() ? null : Severity.valueOf(min.trim().toUpperCase(java.util.Locale.ROOT));
        String post = config.escalation_post();
        escalationPost = post == null || post.isBlank() ? null : post.trim();
        reminders = config.reminders();
        if (!plan.unusedFilterKinds().isEmpty()) {
            LOG.warn("Filters for {} are ignored: those kinds are not in channels {}", plan.unusedFilterKinds(),
                    plan.channels());
        }
    }

    /** @return true when the body is an Alarm of at least the given severity */
    static Predicate severityAtLeast(Severity min) {
        return exchange -> {
            Alarm alarm = exchange.getIn().getBody(Alarm.class);
            return alarm != null && alarm.severity() != null && alarm.severity().atLeast(min);
        };
    }

    /** @return whether the transition goes to everyone on duty: RAISED, and REMINDED when reminders are on */
    private boolean raisedOrReminded(String transition) {
        return "RAISED".equals(transition) || reminders && "REMINDED".equals(transition);
    }

    @Override
    public void configure() {
        java.util.List<String> all = new java.util.ArrayList<>(plan.targetUris());
        boolean duty = onDutyMin != null || escalationPost != null;
        if (duty) {
            all.add(ON_DUTY_ENDPOINT);
            configureOnDuty();
        }
        String[] targets = all.toArray(String[]::new);
        if (targets.length == 0) {
            from(source != null ? source : plan.sourceUri(reminders)).routeId(ROUTE_ID)
                .log(LoggingLevel.WARN, LOG, "No notification channels configured; alarm not sent");
            return;
        }
        from(source != null ? source : plan.sourceUri(reminders)).routeId(ROUTE_ID).description("Alarm notification: " + plan)
            .filter(severityAtLeast(plan.minSeverity()))
                .multicast().to(targets).end()
            .end();
    }

    /**
     * Route {@value #ON_DUTY_ROUTE_ID}: an escalated alarm goes to the escalation post on duty (the duty leader); a
     * raised alarm of at least the on-duty severity goes to everyone on duty, and so does each of its reminders
     * (REMINDED: nobody acknowledged it within the core's reminder period).
     */
    private void configureOnDuty() {
        String language = plan.language();
        var choice = from(ON_DUTY_ENDPOINT).routeId(ON_DUTY_ROUTE_ID).description("Alarms to the people on duty")
            .choice();
        if (escalationPost != null) {
            choice.when(header("GatehouseAlarmTransition").isEqualTo("ESCALATED"))
                .to("gatehouse-notify:on-duty?language=" + language + "&post=" + escalationPost);
        }
        if (onDutyMin != null) {
            choice.when(exchange -> raisedOrReminded(exchange.getIn().getHeader("GatehouseAlarmTransition", "RAISED",
                    String.class)) && severityAtLeast(onDutyMin).matches(exchange))
                .to("gatehouse-notify:on-duty?language=" + language);
        }
        choice.end();
    }
}
