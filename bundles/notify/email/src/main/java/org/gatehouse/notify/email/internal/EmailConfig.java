package org.gatehouse.notify.email.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one SMTP account; one factory configuration per account. */
@ObjectClassDefinition(id = "org.gatehouse.notify.email", name = "Gatehouse e-mail channel",
        description = "Sends notifications as e-mail (text and HTML) through one SMTP server.")
public @interface EmailConfig {

    @AttributeDefinition(name = "SMTP host", description = "Host name or address of the SMTP server.")
    String host();

    @AttributeDefinition(name = "SMTP port", description = "25 or 587 for SMTP (with STARTTLS), 465 for SMTPS.",
            required = false, min = "1", max = "65535")
    int port() default 25;

    @AttributeDefinition(name = "STARTTLS", description = "Upgrade to TLS when the server offers STARTTLS.",
            required = false)
    boolean starttls() default true;

    @AttributeDefinition(name = "STARTTLS required", description = "Refuse to send when the server does not offer "
            + "STARTTLS.", required = false)
    boolean starttls_required() default false;

    @AttributeDefinition(name = "SMTPS", description = "Connect with TLS from the start (SMTPS, usually port 465).",
            required = false)
    boolean ssl() default false;

    @AttributeDefinition(name = "User name", description = "SMTP AUTH user name; empty for no authentication.",
            required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", description = "SMTP AUTH password; empty takes "
            + "ORG_GATEHOUSE_NOTIFY_EMAIL_PASSWORD from the environment.", required = false,
            type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "From", description = "Sender address, for example "
            + "\"Gatehouse <guard@school.example>\".")
    String from();

    @AttributeDefinition(name = "Connect timeout (ms)", required = false, min = "1")
    long connect_timeout_ms() default 5000;

    @AttributeDefinition(name = "Read/write timeout (ms)", required = false, min = "1")
    long timeout_ms() default 10000;

    @AttributeDefinition(name = "Provider", description = "Value of the service property gatehouse.notify.provider.",
            required = false)
    String provider() default "email";
}
