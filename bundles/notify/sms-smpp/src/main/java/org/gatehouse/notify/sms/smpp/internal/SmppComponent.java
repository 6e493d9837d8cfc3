package org.gatehouse.notify.sms.smpp.internal;

import java.util.Map;

import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.support.config.Secrets;
import org.gatehouse.support.osgi.ServiceInstance;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMPP channel per factory configuration {@code etc/org.gatehouse.notify.sms.smpp-<alias>.cfg}. Delivery
 * receipts go to the {@link OutboxService} when one is present.
 */
@Component(name = SmppComponent.PID, configurationPid = SmppComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SmppConfig.class, factory = true)
public class SmppComponent {

    static final String PID = "org.gatehouse.notify.sms.smpp";

    private static final Logger LOG = LoggerFactory.getLogger(SmppComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile OutboxService outbox;

    private final ServiceInstance<NotificationChannel> instance =
            new ServiceInstance<>(NotificationChannel.class, PID, LOG);

    @Activate
    void activate(BundleContext context, SmppConfig config) {
        SmppSettings settings = instance.settings(() -> SmppSettings.from(config, Secrets.ENVIRONMENT));
        SmppChannel channel = new SmppChannel(settings, this::receipt);
        instance.register(context, channel, serviceProperties(settings), channel::close);
        LOG.info("SMPP channel '{}' sends through {}:{} as {} from {}", settings.provider(), settings.host(),
                settings.port(), settings.systemId(), settings.sourceAddress());
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }

    void receipt(SmppChannel.Receipt r) {
        OutboxService o = outbox;
        if (o == null) {
            LOG.info("No outbox service; dropping delivery receipt {} {} ({}) from {}", r.providerMessageId(),
                    r.delivered() ? "delivered" : "failed", r.detail(), r.provider());
            return;
        }
        boolean matched = o.receipt(r.provider(), r.providerMessageId(), r.delivered(), r.detail());
        if (!matched) {
            LOG.debug("Delivery receipt {} from {} matched no sent message", r.providerMessageId(), r.provider());
        }
    }

    static Map<String, Object> serviceProperties(SmppSettings settings) {
        return Map.of(NotificationChannel.CHANNEL, SmppChannel.CHANNEL_KIND,
                NotificationChannel.PROVIDER, settings.provider());
    }
}
