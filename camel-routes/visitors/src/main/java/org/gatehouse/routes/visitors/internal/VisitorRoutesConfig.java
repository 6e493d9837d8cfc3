package org.gatehouse.routes.visitors.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.gatehouse.routes.visitors} (shared by the visit and the watchlist routes). */
@ObjectClassDefinition(name = "Gatehouse visitor and watchlist messages",
        description = "Visit requests, decisions, arrivals and overstays to hosts, visitors and the guard room;"
                + " watchlist hits to the security staff and the duty leader")
public @interface VisitorRoutesConfig {
    @AttributeDefinition(name = "Enabled", description = "Send the messages at all")
    boolean enabled() default true;

    @AttributeDefinition(name = "Public base URL", required = false, description = "Public address of the site"
            + " (https://school.example): console links <base>/gatehouse/#/visits/<id> and #/alarms/<id>, signed"
            + " snapshot links <base>/gatehouse/api/s/<token> (empty: no links)")
    String public_base_url() default "";

    @AttributeDefinition(name = "Snapshot link hours", description = "How long a signed snapshot link stays valid")
    int snapshot_link_hours() default 72;

    @AttributeDefinition(name = "Guard room ids", required = false, description = "Person ids of the guard-room"
            + " staff (comma-separated), told about overstaying visitors")
    String guardroom_ids() default "";

    @AttributeDefinition(name = "Security ids", required = false, description = "Person ids of the security staff"
            + " (comma-separated), told about watchlist hits")
    String security_ids() default "";

    @AttributeDefinition(name = "Duty post", required = false, description = "Duty post whose people on duty now are"
            + " told about overstays and watchlist hits (empty: nobody from the roster)")
    String duty_post() default "leader";

    @AttributeDefinition(name = "Language", description = "Language of recipients who chose none: zh-CN or en")
    String language() default "zh-CN";

    @AttributeDefinition(name = "Time zone", description = "Time zone of the times in the messages")
    String timezone() default "Asia/Shanghai";
}
