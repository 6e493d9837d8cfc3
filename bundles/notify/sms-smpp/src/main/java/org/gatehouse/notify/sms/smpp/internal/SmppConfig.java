package org.gatehouse.notify.sms.smpp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one SMPP 3.4 account at an SMSC; one factory configuration per account. */
@ObjectClassDefinition(id = "org.gatehouse.notify.sms.smpp", name = "Gatehouse SMS channel over SMPP",
        description = "Sends SMS through an SMSC with SMPP 3.4 (bound as transceiver) and reports delivery receipts.")
public @interface SmppConfig {

    @AttributeDefinition(name = "Host", description = "Host name or address of the SMSC.")
    String host();

    @AttributeDefinition(name = "Port", required = false, min = "1", max = "65535")
    int port() default 2775;

    @AttributeDefinition(name = "System id", description = "ESME account name given by the SMSC operator.")
    String system_id();

    @AttributeDefinition(name = "Password", description = "Bind password; empty takes "
            + "ORG_GATEHOUSE_NOTIFY_SMS_SMPP_PASSWORD from the environment.", required = false,
            type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "System type", required = false)
    String system_type() default "";

    @AttributeDefinition(name = "Source address", description = "Sender number or alphanumeric name (up to 11 "
            + "characters).")
    String source_address();

    @AttributeDefinition(name = "Source TON", description = "Type of number of the source address; -1 chooses "
            + "from the address: 5 (alphanumeric) for a name, 1 (international) for +digits, 0 (unknown) for digits.",
            required = false, min = "-1", max = "6")
    int source_ton() default -1;

    @AttributeDefinition(name = "Source NPI", description = "Numbering plan of the source address; -1 chooses "
            + "from the address: 0 (unknown) for a name or digits, 1 (ISDN) for +digits.", required = false,
            min = "-1", max = "18")
    int source_npi() default -1;

    @AttributeDefinition(name = "Destination TON", required = false, min = "0", max = "6")
    int dest_ton() default 1;

    @AttributeDefinition(name = "Destination NPI", required = false, min = "0", max = "18")
    int dest_npi() default 1;

    @AttributeDefinition(name = "Bind timeout (ms)", required = false, min = "1")
    long bind_timeout_ms() default 5000;

    @AttributeDefinition(name = "Submit timeout (ms)", required = false, min = "1")
    long submit_timeout_ms() default 5000;

    @AttributeDefinition(name = "Enquire link interval (s)", required = false, min = "1")
    int enquire_link_seconds() default 30;

    @AttributeDefinition(name = "Max submits per second", required = false, min = "1")
    int max_per_second() default 10;

    @AttributeDefinition(name = "Registered delivery", description = "Ask the SMSC for delivery receipts.",
            required = false)
    boolean registered_delivery() default true;

    @AttributeDefinition(name = "Provider", description = "Value of the service property gatehouse.notify.provider.",
            required = false)
    String provider() default "sms-smpp";
}
