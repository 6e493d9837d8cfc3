package org.gatehouse.support.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void variableNamesFollowThePidAndKey() {
        assertEquals("ORG_GATEHOUSE_NOTIFY_SMS_HTTP_AUTH_TOKEN",
                Secrets.variable("org.gatehouse.notify.sms.http", "auth.token"));
        assertEquals("ORG_GATEHOUSE_NOTIFY_WEBHOOK_SECRET", Secrets.variable("org.gatehouse.notify.webhook", "secret"));
        assertEquals("ORG_GATEHOUSE_NOTIFY_X_Y_PASSWORD", Secrets.variable("org.gatehouse.notify.x-y", "password"));
    }

    @Test
    void theConfigurationWinsThenTheEnvironmentThenEmpty() {
        Map<String, String> env = Map.of("APP_SECRET", "from-env");
        assertEquals("in-cfg ", Secrets.orEnvironment("in-cfg ", "APP_SECRET", env::get));
        assertEquals("from-env", Secrets.orEnvironment("", "APP_SECRET", env::get));
        assertEquals("from-env", Secrets.orEnvironment(null, "APP_SECRET", env::get));
        assertEquals("", Secrets.orEnvironment("", "OTHER", env::get));
    }

    @Test
    void theProcessEnvironmentIsTheDefaultLookup() {
        assertEquals(System.getenv("PATH"), Secrets.ENVIRONMENT.apply("PATH"));
    }
}
