package org.gatehouse.core.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of PID org.gatehouse.core (etc/org.gatehouse.core.cfg). */
@ObjectClassDefinition(name = "Gatehouse core", description = "Store, event spine, alarms and outbox")
public @interface CoreConfig {
    @AttributeDefinition(description = "Escalate a RAISED alarm after this many minutes unacknowledged (0 = never)")
    long escalation_after_minutes() default 5;

    @AttributeDefinition(description = "Highest escalation level")
    int escalation_max_level() default 3;

    @AttributeDefinition(description = "How often to look for alarms to escalate or remind, in seconds")
    int escalation_check_seconds() default 15;

    @AttributeDefinition(description = "Remind the people on duty of an unacknowledged CRITICAL alarm every this many"
            + " minutes until someone acknowledges, resolves or clears it (0 = never)")
    long alarm_remind_critical_minutes() default 5;

    @AttributeDefinition(description = "For tests and tuning: the reminder period in seconds; above 0 it replaces"
            + " alarm.remind.critical.minutes")
    long alarm_remind_critical_seconds() default 0;

    @AttributeDefinition(description = "First retry delay of a failed message, in seconds (doubles each attempt)")
    long outbox_retry_initial_seconds() default 2;

    @AttributeDefinition(description = "Longest retry delay, in seconds")
    long outbox_retry_max_seconds() default 300;

    @AttributeDefinition(description = "A message not delivered after this many hours fails as expired")
    long outbox_max_age_hours() default 24;

    @AttributeDefinition(description = "Failed attempts on a message's channel before its fallback channel is used")
    int outbox_fallback_after_attempts() default 2;

    @AttributeDefinition(description = "Messages below CRITICAL to one recipient per rolling hour (0 = no limit)")
    int outbox_rate_per_recipient_per_hour() default 20;

    @AttributeDefinition(description = "Quiet hours HH:MM-HH:MM when messages below CRITICAL wait (empty = none)")
    String outbox_quiet_hours() default "";

    @AttributeDefinition(description = "Time zone of the quiet hours")
    String outbox_quiet_timezone() default "Asia/Shanghai";

    @AttributeDefinition(description = "Events stored but not yet dispatched to routes before ingest blocks")
    int spine_queue_capacity() default 10000;

    @AttributeDefinition(description = "Threads dispatching events to routes; events of one device stay in order")
    int spine_dispatch_threads() default 4;

    @AttributeDefinition(description = "At start, how long the spine waits for routes to subscribe before dispatching")
    int spine_wait_for_routes_seconds() default 30;

    @AttributeDefinition(description = "Face engine to use: gatehouse.engine.id of a RecognitionEngine service")
    String face_engine() default "onnx";

    @AttributeDefinition(description = "Cosine similarity threshold of a gate passage")
    float face_threshold_gate() default 0.45f;

    @AttributeDefinition(description = "Cosine similarity threshold of a visitor identification")
    float face_threshold_visitor() default 0.45f;

    @AttributeDefinition(description = "Cosine similarity threshold of a watchlist search (stricter than the gate)")
    float face_threshold_watchlist() default 0.50f;

    @AttributeDefinition(description = "Gate threshold when the engine runs the clean model set (dlib-resnet-v1)")
    float face_threshold_clean_gate() default 0.93f;

    @AttributeDefinition(description = "Visitor threshold when the engine runs the clean model set (dlib-resnet-v1)")
    float face_threshold_clean_visitor() default 0.93f;

    @AttributeDefinition(description = "Watchlist threshold when the engine runs the clean model set (dlib-resnet-v1)")
    float face_threshold_clean_watchlist() default 0.94f;

    @AttributeDefinition(description = "Smallest face (shorter box side, pixels) of an enrollment photo")
    int face_enroll_min_size() default 80;

    @AttributeDefinition(description = "Smallest face (pixels) searched in a probe")
    int face_identify_min_size() default 40;

    @AttributeDefinition(description = "Smallest sharpness (variance of the Laplacian) of an enrollment photo")
    float face_min_sharpness() default 30f;

    @AttributeDefinition(description = "Largest yaw (degrees off frontal) of an enrollment photo")
    float face_max_yaw() default 35f;

    @AttributeDefinition(description = "Students need a guardian consent before face enrollment")
    boolean face_consent_required() default true;

    @AttributeDefinition(description = "Enrollment photos per person")
    int face_max_templates_per_person() default 5;

    @AttributeDefinition(description = "Threads a large 1:N search is split into")
    int face_search_threads() default 2;

    @AttributeDefinition(description = "Directory of passage snapshots (empty = ${karaf.data}/gatehouse/snapshots)")
    String snapshot_dir() default "";

    @AttributeDefinition(description = "Passage snapshots older than this many days are deleted (daily)")
    int snapshot_retention_days() default 30;

    @AttributeDefinition(description = "A gate temperature at or above this (Celsius) flags the passage fever (event WARNING)")
    float gate_fever_celsius() default 37.3f;

    @AttributeDefinition(description = "A fever denies the passage (false: it is only flagged)")
    boolean gate_fever_deny() default false;

    @AttributeDefinition(description = "The same person at the same gate within this many seconds counts once (0 = off)")
    int gate_repeat_seconds() default 60;

    @AttributeDefinition(description = "Time zone of attendance days and snapshot folders")
    String gate_timezone() default "Asia/Shanghai";

    @AttributeDefinition(description = "Time of a school day (HH:mm, gate time zone) when absent students' guardians"
            + " and their homeroom teachers are told")
    String attendance_absent_time() default "09:00";

    @AttributeDefinition(description = "Cosine similarity at which an unknown face joins a stranger cluster (its"
            + " repeats fold into one alarm)")
    float stranger_cluster_threshold() default 0.45f;
    @AttributeDefinition(description = "Visitor faces and ID numbers are deleted this many days after the window")
    int visitor_retention_days() default 30;

    @AttributeDefinition(description = "Longest time window of a visit, in hours")
    int visitor_max_window_hours() default 24;

    @AttributeDefinition(description = "A host's invitation link works at most this many hours")
    int visitor_invitation_hours() default 72;

    @AttributeDefinition(description = "Longest bypass of a perimeter zone, in hours ahead")
    int perimeter_bypass_max_hours() default 72;
}
