package org.gatehouse.routes.access.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.gatehouse.routes.access} (shared by the passage and the school message routes). */
@ObjectClassDefinition(name = "Gatehouse access notification",
        description = "Face gate passages, fevers, early leaves, leave passes and absences to guardians, teachers and"
                + " the school doctors")
public @interface AccessNotifyConfig {
    @AttributeDefinition(name = "Enabled", description = "Send the messages at all")
    boolean enabled() default true;

    @AttributeDefinition(name = "Snapshot base URL", required = false, description = "Public base URL of the REST"
            + " API; the snapshot link is <base>/s/<signed token> (empty: no link)")
    String snapshot_base_url() default "";

    @AttributeDefinition(name = "Snapshot link hours", description = "How long a snapshot link stays valid")
    int snapshot_link_hours() default 72;

    @AttributeDefinition(name = "Guardian window minutes", description = "At most one passage message per student"
            + " and direction within this many minutes; repeats are dropped")
    int guardian_window_minutes() default 10;

    @AttributeDefinition(name = "Doctor ids", required = false, description = "Person ids of the school doctors"
            + " (comma-separated), told about fevers")
    String doctor_ids() default "";

    @AttributeDefinition(name = "Language", description = "Language of recipients who chose none: zh-CN or en")
    String language() default "zh-CN";

    @AttributeDefinition(name = "Time zone", description = "Time zone of the times in the messages")
    String timezone() default "Asia/Shanghai";
}
