package org.gatehouse.opcua.internal;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.server.security.ServerCertificateValidator;
import org.gatehouse.api.opcua.OpcUaCertificate;
import org.gatehouse.api.opcua.OpcUaServerAdmin;
import org.gatehouse.api.opcua.OpcUaStatus;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.EventService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gatehouse OPC UA server: a Milo {@link OpcUaServer} with the endpoints of the settings, the application
 * certificate and PKI under the settings' directory, the {@link GatehouseNamespace} kept in sync with the model,
 * and the alarm conditions. It is also the {@link OpcUaServerAdmin} service.
 */
public final class GatehouseServer implements OpcUaServerAdmin, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatehouseServer.class);
    /** User names and passwords are always encrypted with Basic256Sha256, on the None endpoint too. */
    static final UserTokenPolicy USERNAME = new UserTokenPolicy("username_basic256sha256", UserTokenType.UserName,
            null, null, SecurityPolicy.Basic256Sha256.getUri());

    private final OpcUaSettings settings;
    private final Backend backend;
    private final Login login;
    private final ZoneId timeZone;
    private final Set<String> refusalsLogged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean countersDirty = new AtomicBoolean();

    private ServerCertificate certificate;
    private Pki pki;
    private OpcUaServer server;
    private GatehouseNamespace namespace;
    private AlarmsSeam.Conditions conditions = AlarmsSeam.Conditions.NONE;
    private ScheduledExecutorService timer;
    private AutoCloseable subscription;

    public GatehouseServer(OpcUaSettings settings, Backend backend, Login login, ZoneId timeZone) {
        this.settings = settings;
        this.backend = backend;
        this.login = login;
        this.timeZone = timeZone;
    }

    /** Starts listening; the address space is filled before this returns. */
    public synchronized GatehouseServer start() throws Exception {
        certificate = ServerCertificate.loadOrCreate(settings.directory(), settings);
        pki = new Pki(settings.directory().resolve("pki"));
        ServerCertificateValidator validator = new Refusals(new DefaultServerCertificateValidator(pki.trustList()));
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri(certificate.applicationUri())
                .setApplicationName(LocalizedText.english("Gatehouse OPC UA server"))
                .setProductUri("urn:gatehouse:opcua")
                .setBuildInfo(new BuildInfo("urn:gatehouse:opcua", "Gatehouse", "Gatehouse OPC UA server",
                        OpcUaServer.SDK_VERSION, "", DateTime.now()))
                .setEndpoints(endpoints())
                .setCertificateManager(new DefaultCertificateManager(certificate.keyPair(), certificate.certificate()))
                .setTrustListManager(pki.trustList())
                .setCertificateValidator(validator)
                .setIdentityValidator(new GatehouseIdentityValidator(settings.anonymous(), login))
                .build();
        server = new OpcUaServer(config);
        namespace = new GatehouseNamespace(server, backend, timeZone);
        namespace.startup();
        try {
            server.startup().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
        namespace.sync();
        conditions = AlarmsSeam.start(server, namespace, backend.alarms, GatehouseIdentityValidator::userOf);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-opcua-sync");
            t.setDaemon(true);
            return t;
        });
        long every = settings.resync().toMillis();
        timer.scheduleWithFixedDelay(this::syncQuietly, every, every, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> {
            if (countersDirty.getAndSet(false)) {
                syncQuietly();
            }
        }, 1, 1, TimeUnit.SECONDS);
        EventService events = backend.events;
        if (events != null) {
            subscription = events.subscribe("*", event -> {
                namespace.onEvent(event);
                countersDirty.set(true);
            });
        }
        LOG.info("OPC UA server listening on {} (policies {}, anonymous {}), namespace {}", endpointUrls(),
                policies(), settings.anonymous() ? "read-only" : "off", OpcUaSettings.NAMESPACE_URI);
        return this;
    }

    private void syncQuietly() {
        try {
            namespace.sync();
        } catch (RuntimeException e) {
            LOG.warn("OPC UA address space not synchronised: {}", e.toString());
        }
    }

    private Set<EndpointConfiguration> endpoints() {
        List<UserTokenPolicy> tokens = new ArrayList<>();
        if (settings.anonymous()) {
            tokens.add(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
        }
        tokens.add(USERNAME);
        EndpointConfiguration.Builder base = EndpointConfiguration.newBuilder()
                .setBindAddress(settings.bindAddress())
                .setBindPort(settings.port())
                .setHostname(settings.hostname())
                .setPath(OpcUaSettings.PATH)
                .setCertificate(certificate.certificate())
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .addTokenPolicies(tokens.toArray(new UserTokenPolicy[0]));
        Set<EndpointConfiguration> set = new LinkedHashSet<>();
        if (settings.securityNone()) {
            set.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                    .build());
        } else {
            // clients still need a None channel to read the endpoints: discovery only, no session
            set.add(base.copy().setPath(OpcUaSettings.PATH + "/discovery").setSecurityPolicy(SecurityPolicy.None)
                    .setSecurityMode(MessageSecurityMode.None).build());
        }
        set.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.Sign).build());
        set.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
        return set;
    }

    /** @return the running Milo server (tests) */
    OpcUaServer milo() {
        return server;
    }

    /** @return the namespace (tests, OpcUaBench) */
    public GatehouseNamespace namespace() {
        return namespace;
    }

    /** @return the namespace index of {@code urn:gatehouse:opcua} */
    public int namespaceIndex() {
        return namespace.getNamespaceIndex().intValue();
    }

    // ---- OpcUaServerAdmin

    private List<String> endpointUrls() {
        Set<String> urls = new LinkedHashSet<>();
        for (EndpointDescription e : server.getEndpointDescriptions()) {
            if (!e.getEndpointUrl().endsWith("/discovery")) {
                urls.add(e.getEndpointUrl());
            }
        }
        return List.copyOf(urls);
    }

    private List<String> policies() {
        List<String> policies = new ArrayList<>();
        if (settings.securityNone()) {
            policies.add("None");
        }
        policies.add("Basic256Sha256/Sign");
        policies.add("Basic256Sha256/SignAndEncrypt");
        return policies;
    }

    static String policyOf(Session session) {
        var security = session.getSecurityConfiguration();
        if (security == null || security.getSecurityPolicy() == SecurityPolicy.None) {
            return "None";
        }
        return security.getSecurityPolicy().name() + "/" + security.getSecurityMode().name();
    }

    @Override
    public synchronized OpcUaStatus status() {
        List<OpcUaStatus.OpcUaSession> sessions = new ArrayList<>();
        for (Session s : server.getSessionManager().getAllSessions()) {
            if (s.getIdentityObject() == null) {
                continue; // not activated (yet, or its login was refused)
            }
            UaUser user = GatehouseIdentityValidator.userOf(s);
            String app = s.getClientDescription() == null ? null : s.getClientDescription().getApplicationUri();
            InetAddress address = s.getClientAddress();
            String client = (app == null ? "?" : app) + (address == null ? "" : " " + address.getHostAddress());
            DateTime since = s.getConnectionTime();
            sessions.add(new OpcUaStatus.OpcUaSession(s.getSessionId().toParseableString(), user.user(),
                    List.copyOf(new java.util.TreeSet<>(user.roles())), policyOf(s), client,
                    since == null ? null : since.getJavaInstant()));
        }
        return new OpcUaStatus(endpointUrls(), policies(), settings.anonymous(), certificate.applicationUri(),
                Pki.describe(certificate.certificate(), OpcUaCertificate.State.OWN), sessions,
                (int) server.getMonitoredItemCount().get(), conditions.retained(), OpcUaSettings.NAMESPACE_URI);
    }

    @Override
    public List<OpcUaCertificate> certificates() {
        return pki.certificates();
    }

    @Override
    public OpcUaCertificate trust(String thumbprint, String actor) {
        OpcUaCertificate c = pki.trust(thumbprint);
        refusalsLogged.remove(c.thumbprint());
        audit(actor, "opcua-certificate-trust", c);
        LOG.info("OPC UA client certificate {} ({}) trusted by {}", c.thumbprint(), name(c), actor);
        return c;
    }

    @Override
    public OpcUaCertificate reject(String thumbprint, String actor) {
        OpcUaCertificate c = pki.reject(thumbprint);
        audit(actor, "opcua-certificate-reject", c);
        int closed = closeSessionsOf(c.thumbprint());
        LOG.info("OPC UA client certificate {} ({}) rejected by {}; {} session(s) closed", c.thumbprint(), name(c),
                actor, closed);
        return c;
    }

    @Override
    public void remove(String thumbprint, String actor) {
        OpcUaCertificate c = pki.remove(thumbprint);
        audit(actor, "opcua-certificate-remove", c);
        int closed = c.state() == OpcUaCertificate.State.TRUSTED ? closeSessionsOf(c.thumbprint()) : 0;
        LOG.info("OPC UA client certificate {} ({}) removed by {}; {} session(s) closed", c.thumbprint(), name(c),
                actor, closed);
    }

    private static String name(OpcUaCertificate c) {
        return c.applicationUri() != null ? c.applicationUri() : c.subject();
    }

    private void audit(String actor, String action, OpcUaCertificate c) {
        AuditService audit = backend.audit;
        if (audit != null) {
            audit.record(actor, action, "opcua-certificate", c.thumbprint(), name(c));
        }
    }

    private int closeSessionsOf(String thumbprint) {
        int n = 0;
        for (Session s : server.getSessionManager().getAllSessions()) {
            var security = s.getSecurityConfiguration();
            X509Certificate client = security == null ? null : security.getClientCertificate();
            if (client != null && Pki.thumbprint(client).equals(thumbprint)) {
                server.getSessionManager().killSession(s.getSessionId(), true);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("event subscription not closed: {}", e.toString());
            }
            subscription = null;
        }
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        conditions.close();
        conditions = AlarmsSeam.Conditions.NONE;
        if (namespace != null) {
            namespace.shutdown();
        }
        if (server != null) {
            try {
                server.shutdown().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("OPC UA server did not stop cleanly: {}", e.toString());
            }
        }
        if (pki != null) {
            pki.close();
        }
        LOG.info("OPC UA server stopped");
    }

    /** Logs a refused client certificate once (INFO, thumbprint and the command to trust it) and keeps it. */
    private final class Refusals implements ServerCertificateValidator {
        private final ServerCertificateValidator delegate;

        Refusals(ServerCertificateValidator delegate) {
            this.delegate = delegate;
        }

        @Override
        public void validateCertificateChain(List<X509Certificate> chain) throws UaException {
            try {
                delegate.validateCertificateChain(chain);
            } catch (UaException e) {
                refused(chain, e);
                throw e;
            }
        }

        @Override
        public void validateCertificateChain(List<X509Certificate> chain, String applicationUri)
                throws UaException {
            try {
                delegate.validateCertificateChain(chain, applicationUri);
            } catch (UaException e) {
                refused(chain, e);
                throw e;
            }
        }

        private void refused(List<X509Certificate> chain, UaException e) {
            if (chain == null || chain.isEmpty()) {
                return;
            }
            X509Certificate cert = chain.get(0);
            String thumbprint = Pki.thumbprint(cert);
            boolean untrusted = e.getStatusCode().getValue() == StatusCodes.Bad_SecurityChecksFailed
                    || e.getStatusCode().getValue() == StatusCodes.Bad_CertificateUntrusted;
            if (untrusted) {
                pki.addRejected(cert);
            }
            if (refusalsLogged.add(thumbprint)) {
                String status = StatusCodes.lookup(e.getStatusCode().getValue()).map(s -> s[0])
                        .orElse(e.getStatusCode().toString());
                OpcUaCertificate c = Pki.describe(cert, OpcUaCertificate.State.REJECTED);
                if (untrusted) {
                    LOG.info("OPC UA client certificate {} ({}) refused ({}): to trust it, gatehouse:opcua-trust "
                            + "--trust {}", thumbprint, name(c), status, thumbprint);
                } else {
                    LOG.info("OPC UA client certificate {} ({}) refused: {} {}", thumbprint, name(c), status,
                            e.getMessage());
                }
            }
        }
    }
}
