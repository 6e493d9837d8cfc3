package org.gatehouse.opcua.internal;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.opcua.OpcUaServerAdmin;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.visitor.VisitService;
import org.gatehouse.support.osgi.ServiceInstance;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the OPC UA server with the configuration {@code etc/org.gatehouse.opcua.server.cfg} (defaults without one) and
 * registers it as {@link OpcUaServerAdmin} once it listens. Sites, events and audit are required; arming, passages
 * and visits are used when present; the alarm service (for the alarm conditions) restarts the server when it comes.
 */
@Component(name = OpcUaComponent.PID, configurationPid = OpcUaComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {}, immediate = true)
@Designate(ocd = OpcUaConfig.class)
public class OpcUaComponent {
    static final String PID = "org.gatehouse.opcua.server";
    private static final Logger LOG = LoggerFactory.getLogger(OpcUaComponent.class);

    private final ServiceInstance<OpcUaServerAdmin> instance = new ServiceInstance<>(OpcUaServerAdmin.class, PID, LOG);
    private final Backend backend = new Backend();

    @Reference
    private SiteService sites;
    @Reference
    private EventService events;
    @Reference
    private AuditService audit;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private AlarmService alarms;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindArming(ArmingService s) {
        backend.arming(s);
    }

    void unbindArming(ArmingService s) {
        if (backend.arming == s) {
            backend.arming(null);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPassages(PassageService s) {
        backend.passages(s);
    }

    void unbindPassages(PassageService s) {
        if (backend.passages == s) {
            backend.passages(null);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindVisits(VisitService s) {
        backend.visits(s);
    }

    void unbindVisits(VisitService s) {
        if (backend.visits == s) {
            backend.visits(null);
        }
    }

    @Activate
    void activate(BundleContext context, OpcUaConfig config) throws Exception {
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        OpcUaSettings settings = instance.settings(() -> OpcUaSettings.from(config, etc));
        backend.sites(sites).events(events).audit(audit).alarms(alarms);
        GatehouseServer server = new GatehouseServer(settings, backend,
                new JaasLogin(settings.realm(), OpcUaComponent.class.getClassLoader()), ZoneId.systemDefault());
        try {
            server.start();
        } catch (Exception e) {
            LOG.error("OPC UA server not started on {}:{}: {}", settings.bindAddress(), settings.port(),
                    e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
        instance.register(context, server, Map.of("opcua.endpoint", settings.endpointUrl()), server::close);
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }
}
