package org.gatehouse.routes.danger.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.gatehouse.routes.danger}. */
@ObjectClassDefinition(name = "Gatehouse danger-zone warnings",
        description = "Warnings of presences in danger zones (ponds, labs, chemical stores) to the zone's responsible"
                + " staff and the duty leader, with the snapshot and the camera's live view")
public @interface DangerRoutesConfig {
    @AttributeDefinition(name = "Enabled", description = "Send the warnings at all")
    boolean enabled() default true;

    @AttributeDefinition(name = "Public base URL", required = false, description = "Public address of the site"
            + " (https://school.example): console link <base>/gatehouse/#/alarms/<id>, signed snapshot link"
            + " <base>/gatehouse/api/s/<token>, live view <base>/gatehouse/api/live/<token> (empty: no links)")
    String public_base_url() default "";

    @AttributeDefinition(name = "Snapshot link hours", description = "How long a signed snapshot link stays valid")
    int snapshot_link_hours() default 72;

    @AttributeDefinition(name = "Live view minutes", description = "How long a live-view link stays valid (1..1440)")
    int live_minutes() default 15;

    @AttributeDefinition(name = "Duty post", required = false, description = "Duty post whose people on duty now are"
            + " told as well as the zone's responsible staff (empty: nobody from the roster)")
    String duty_post() default "leader";

    @AttributeDefinition(name = "Language", description = "Language of recipients who chose none: zh-CN or en")
    String language() default "zh-CN";

    @AttributeDefinition(name = "Time zone", description = "Time zone of the times in the messages")
    String timezone() default "Asia/Shanghai";
}
