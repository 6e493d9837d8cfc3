package org.gatehouse.routes.access.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.gatehouse.routes.access}. */
@ObjectClassDefinition(name = "Gatehouse access notification",
        description = "Face gate passages of students are sent to their bound guardians")
public @interface AccessNotifyConfig {
    @AttributeDefinition(name = "Enabled", description = "Send passages of students to their guardians")
    boolean enabled() default true;

    @AttributeDefinition(name = "Snapshot base URL", required = false, description = "Public base URL of the REST"
            + " API; the snapshot link is <base>/passages/<id>/snapshot (empty: no link)")
    String snapshot_base_url() default "";

    @AttributeDefinition(name = "Language", description = "Language of guardians who chose none: zh-CN or en")
    String language() default "zh-CN";

    @AttributeDefinition(name = "Time zone", description = "Time zone of the times in the messages")
    String timezone() default "Asia/Shanghai";
}
