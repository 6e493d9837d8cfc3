package org.gatehouse.notify.sms.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one HTTP SMS gateway; one factory configuration per gateway account. */
@ObjectClassDefinition(id = "org.gatehouse.notify.sms.http", name = "Gatehouse SMS over HTTP",
        description = "Sends SMS through a cloud SMS provider's HTTP API, described by a URL and body template.")
public @interface SmsHttpConfig {

    /** The default body: a JSON object with recipient, text and outbox message id. */
    String DEFAULT_BODY = "{\"to\":\"{{recipient}}\",\"text\":\"{{text}}\",\"id\":\"{{id}}\"}";

    @AttributeDefinition(name = "URL", description = "http:// or https:// URL of the send API; may contain "
            + "placeholders, which are URL-encoded.")
    String url();

    @AttributeDefinition(name = "Method", description = "POST or GET (GET sends no body).", required = false)
    String method() default "POST";

    @AttributeDefinition(name = "Content type", description = "Content-Type of the body; selects the escaping "
            + "of placeholder values (JSON, form-urlencoded, XML, else none).", required = false)
    String content_type() default "application/json";

    @AttributeDefinition(name = "Body template", description = "Request body with placeholders such as "
            + "{{recipient}} and {{text}}.", required = false)
    String body_template() default DEFAULT_BODY;

    @AttributeDefinition(name = "Header names", description = "Extra request header names, paired with header "
            + "values by position.", required = false)
    String[] header_names() default {};

    @AttributeDefinition(name = "Header values", description = "Extra request header values; may contain "
            + "placeholders such as {{token}}.", required = false)
    String[] header_values() default {};

    @AttributeDefinition(name = "Auth token", description = "Secret usable as {{token}}; empty takes "
            + "ORG_GATEHOUSE_NOTIFY_SMS_HTTP_AUTH_TOKEN from the environment.", required = false,
            type = AttributeType.PASSWORD)
    String auth_token() default "";

    @AttributeDefinition(name = "Success statuses", description = "HTTP statuses that mean accepted, for "
            + "example 200-299 or 200,202.", required = false)
    String success_status() default "200-299";

    @AttributeDefinition(name = "Success body regex", description = "When set, a success status also needs a "
            + "body in which this regex is found; empty accepts any body.", required = false)
    String success_body_regex() default "";

    @AttributeDefinition(name = "Permanent statuses", description = "HTTP statuses that are not retried; other "
            + "failures are retryable.", required = false)
    String permanent_status() default "400,401,403,404,422";

    @AttributeDefinition(name = "Message id regex", description = "Regex with one group that extracts the "
            + "provider's message id from the response body; empty for none.", required = false)
    String message_id_regex() default "";

    @AttributeDefinition(name = "Timeout (ms)", description = "Connect and request timeout.", required = false,
            min = "1")
    long timeout_ms() default 5000;

    @AttributeDefinition(name = "Maximum length", description = "Longer texts are cut and end with an "
            + "ellipsis; 0 for no limit.", required = false, min = "0")
    int max_length() default 0;

    @AttributeDefinition(name = "Provider", description = "Value of the service property "
            + "gatehouse.notify.provider.", required = false)
    String provider() default "sms-http";
}
