package org.gatehouse.notify.webhook.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one webhook target; one factory configuration per target. */
@ObjectClassDefinition(id = "org.gatehouse.notify.webhook", name = "Gatehouse webhook channel",
        description = "Posts notifications as JSON to an HTTP(S) endpoint, optionally signed with HMAC-SHA256.")
public @interface WebhookConfig {

    @AttributeDefinition(name = "URL", description = "http:// or https:// URL the notifications are posted to.")
    String url();

    @AttributeDefinition(name = "Secret", description = "HMAC-SHA256 key of the X-Gatehouse-Signature header; "
            + "empty sends unsigned requests unless ORG_GATEHOUSE_NOTIFY_WEBHOOK_SECRET is set.",
            required = false, type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String secret() default "";

    @AttributeDefinition(name = "Provider", description = "Value of the service property gatehouse.notify.provider.",
            required = false)
    String provider() default "webhook";

    @AttributeDefinition(name = "Connect timeout (ms)", required = false, min = "1")
    long connect_timeout_ms() default 3000;

    @AttributeDefinition(name = "Request timeout (ms)", required = false, min = "1")
    long request_timeout_ms() default 5000;

    @AttributeDefinition(name = "Extra header name", description = "Name of an extra request header, for example "
            + "Authorization; empty for none.", required = false)
    String header_name() default "";

    @AttributeDefinition(name = "Extra header value", required = false)
    String header_value() default "";
}
