package org.gatehouse.device.opcua.internal;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.api.UaSession;
import org.eclipse.milo.opcua.sdk.client.api.config.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.api.config.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.stack.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.client.security.ClientCertificateValidator;
import org.eclipse.milo.opcua.stack.client.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoringParameters;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.device.MappingResult;
import org.gatehouse.api.device.MappingStats;
import org.gatehouse.api.device.PayloadMapper;
import org.gatehouse.support.osgi.Shutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to an OPC UA server. Every rule's node is a monitored item of one subscription; each value change is
 * held against the rules of its node, on one thread per connection: a condition becoming true is its event, becoming
 * false again the same type with {@code state=restore}; {@code changed} gives an event for each new value. Event ids
 * are derived from the node, the rule and the value's source timestamp, so a value the server sends again is stored
 * once. A lost or refused connection is OFFLINE with the reason (one log line per change of state) and retried after
 * 1 s, doubling up to {@code backoff.max.ms}; success resets the back-off and subscribes afresh. Commands are writes.
 */
final class OpcUaDriver implements DeviceDriver, PayloadMapper {

    static final String TYPE = "gateway";
    static final String VENDOR = "opcua";

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaDriver.class);
    private static final long FIRST_BACKOFF_MS = 1000;
    private static final long RETRY_MS = 5000;

    private final OpcUaSettings settings;
    private final Clock clock;

    private volatile DeviceSink sink;
    private volatile ScheduledExecutorService executor;
    private volatile boolean closed;
    private volatile OpcUaClient client; // the connected client, null while OFFLINE

    // counters, read from any thread
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong mapped = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant lastReceived;
    private volatile String lastUnmatched;

    // touched on the executor's thread only
    private long generation; // of the current client; callbacks of older ones are dropped
    private OpcUaClient connecting;
    private DefaultTrustListManager trustList;
    private int failures;
    private Boolean online; // null before the first attempt
    private final Map<String, Boolean> states = new HashMap<>(); // rule key -> condition holds, as stored
    private final Map<NodeId, Object> lastValues = new HashMap<>(); // node -> last value seen, for 'changed'
    private final Map<String, SecurityEvent> pending = new LinkedHashMap<>(); // rule key -> event not yet stored
    private final Map<String, Boolean> pendingState = new HashMap<>(); // rule key -> state once pending is stored
    private final Map<String, String> warned = new HashMap<>(); // rule/node key -> last warning, to say it once
    private final Set<String> missing = new LinkedHashSet<>(); // rules whose node the server does not know
    private boolean retryScheduled;

    OpcUaDriver(OpcUaSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public DeviceInfo info() {
        return new DeviceInfo(settings.deviceId(), TYPE, VENDOR, "OPC UA server " + settings.endpoint(), null,
                new LinkedHashSet<>(settings.capabilities()));
    }

    @Override
    public synchronized void attach(DeviceSink newSink) {
        if (executor != null) {
            return;
        }
        sink = Objects.requireNonNull(newSink, "sink");
        closed = false;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gatehouse-opcua-" + settings.deviceId());
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        executor = ex;
        ex.execute(this::connect);
    }

    @Override
    public synchronized void detach() {
        closed = true;
        ScheduledExecutorService ex = executor;
        executor = null;
        if (ex == null) {
            return;
        }
        Shutdown.executor(ex, true, settings.timeoutMillis() + 1000);
        OpcUaClient c = client;
        client = null;
        close(c);
        close(connecting);
        connecting = null;
        if (trustList != null) {
            try {
                trustList.close();
            } catch (Exception e) {
                // nothing to do
            }
            trustList = null;
        }
    }

    /** Stops talking to the server (the component's release). */
    void close() {
        detach();
    }

    // ---------------------------------------------------------------- connection

    /** One connection attempt: discovery, session, subscription; on failure OFFLINE and the next attempt scheduled. */
    private void connect() {
        if (closed) {
            return;
        }
        long gen = ++generation;
        OpcUaClient c = null;
        try {
            c = create(gen);
            connecting = c;
            c.connect().get(settings.timeoutMillis() * 2, TimeUnit.MILLISECONDS);
            int watched = subscribe(c, gen);
            connecting = null;
            client = c;
            failures = 0;
            String reason = "connected to " + settings.endpoint() + " (" + settings.policy()
                    + (settings.policy().equals(OpcUaSettings.POLICY_NONE) ? "" : " " + settings.mode())
                    + "), " + watched + " node(s) subscribed"
                    + (missing.isEmpty() ? "" : "; unknown nodes in " + String.join(", ", missing));
            if (!Boolean.TRUE.equals(online)) {
                LOG.info("OPC UA device {}: {}: ONLINE", settings.deviceId(), reason);
            }
            online = true;
            report(DeviceStatus.ONLINE, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connecting = null;
            close(c);
        } catch (Exception e) {
            connecting = null;
            close(c);
            if (closed) {
                return;
            }
            offline(reason(e));
        }
    }

    private OpcUaClient create(long gen) throws Exception {
        SecurityPolicy policy = settings.policy().equals(OpcUaSettings.POLICY_NONE) ? SecurityPolicy.None
                : SecurityPolicy.Basic256Sha256;
        MessageSecurityMode mode = switch (settings.mode()) {
            case "Sign" -> MessageSecurityMode.Sign;
            case "SignAndEncrypt" -> MessageSecurityMode.SignAndEncrypt;
            default -> MessageSecurityMode.None;
        };
        ClientIdentity identity = policy == SecurityPolicy.None ? null
                : ClientIdentity.loadOrCreate(settings.certificateDir());
        if (identity != null && !settings.trustAnyServer() && trustList == null) {
            java.nio.file.Path pki = settings.certificateDir().resolve("pki");
            Files.createDirectories(pki);
            trustList = new DefaultTrustListManager(pki.toFile());
        }
        java.net.URI uri = java.net.URI.create(settings.endpoint());
        // discovery on a None channel, then the endpoint of the configured policy and mode
        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(settings.endpoint(),
                b -> b.setCertificateValidator(new AcceptAny()).setConnectTimeout(uint(settings.timeoutMillis()))
                        .setRequestTimeout(uint(settings.timeoutMillis())))
                .get(settings.timeoutMillis() * 2, TimeUnit.MILLISECONDS);
        EndpointDescription endpoint = endpoints.stream()
                .filter(e -> policy.getUri().equals(e.getSecurityPolicyUri()) && e.getSecurityMode() == mode)
                .findFirst()
                // the server may announce another host name than the one configured
                .map(e -> EndpointUtil.updateUrl(e, uri.getHost(), uri.getPort() < 0 ? 4840 : uri.getPort()))
                .orElseThrow(() -> new NoEndpoint(endpoints));
        // with policy None, or server.trust=any, the server's certificate is not checked; Milo's own
        // InsecureValidator would log a warning at every connection
        ClientCertificateValidator validator = trustList != null && identity != null
                ? new DefaultClientCertificateValidator(trustList) : new AcceptAny();
        OpcUaClientConfigBuilder b = OpcUaClientConfig.builder().setEndpoint(endpoint)
                .setApplicationName(LocalizedText.english("Gatehouse OPC UA client"))
                .setApplicationUri(identity == null ? "urn:gatehouse:opcua-client" : identity.applicationUri())
                .setProductUri("urn:gatehouse:opcua-client")
                .setRequestTimeout(uint(settings.timeoutMillis()))
                .setConnectTimeout(uint(settings.timeoutMillis()))
                .setKeepAliveInterval(uint(settings.keepAliveMillis()))
                .setKeepAliveTimeout(uint(Math.max(settings.keepAliveMillis(), 1000)))
                .setIdentityProvider(settings.username() == null ? new AnonymousProvider()
                        : new UsernameProvider(settings.username(), settings.password(), validator))
                .setCertificateValidator(validator);
        if (identity != null) {
            b.setKeyPair(identity.keyPair()).setCertificate(identity.certificate());
        }
        OpcUaClient c = OpcUaClient.create(b.build());
        c.addSessionActivityListener(new SessionActivityListener() {
            @Override
            public void onSessionInactive(UaSession session) {
                onExecutor(() -> lost(gen));
            }
        });
        return c;
    }

    /** @return how many nodes are subscribed */
    private int subscribe(OpcUaClient c, long gen) throws Exception {
        UaSubscription subscription = c.getSubscriptionManager()
                .createSubscription((double) settings.publishingMillis())
                .get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
        List<NodeId> nodes = new ArrayList<>(new LinkedHashSet<>(settings.rules().stream().map(Rule::nodeId)
                .toList()));
        List<MonitoredItemCreateRequest> requests = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            requests.add(new MonitoredItemCreateRequest(
                    new ReadValueId(nodes.get(i), AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE),
                    MonitoringMode.Reporting,
                    new MonitoringParameters(uint(i + 1), (double) settings.samplingMillis(), null, uint(100), true)));
        }
        List<UaMonitoredItem> items = subscription.createMonitoredItems(TimestampsToReturn.Both, requests,
                (item, index) -> {
                    NodeId node = nodes.get(index);
                    item.setValueConsumer(v -> onExecutor(() -> onValue(gen, node, v)));
                }).get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
        int good = 0;
        missing.clear();
        for (int i = 0; i < items.size(); i++) {
            StatusCode status = items.get(i).getStatusCode();
            NodeId node = nodes.get(i);
            if (status.isGood()) {
                good++;
                for (Rule r : settings.rulesOf(node)) {
                    if (warned.remove("node:" + r.key()) != null) {
                        LOG.info("OPC UA device {}: {} ({}) is subscribed again", settings.deviceId(), r.key(),
                                node.toParseableString());
                    }
                }
                continue;
            }
            String why = statusName(status);
            for (Rule r : settings.rulesOf(node)) {
                missing.add(r.key());
                if (!why.equals(warned.put("node:" + r.key(), why))) {
                    LOG.warn("OPC UA device {}: {} watches {}, which the server refuses ({}); the other rules keep"
                            + " working", settings.deviceId(), r.key(), node.toParseableString(), why);
                }
            }
        }
        return good;
    }

    /** The session of a client went away (the server stopped, the network broke, keep-alives unanswered). */
    private void lost(long gen) {
        if (gen != generation || closed || client == null) {
            return;
        }
        OpcUaClient c = client;
        client = null;
        close(c);
        failures = 0;
        offline("connection to " + settings.endpoint() + " lost (no answer to the session's keep-alive or the server"
                + " closed it)");
    }

    private void offline(String reason) {
        failures++;
        long delay = Math.min(settings.backoffMaxMillis(), FIRST_BACKOFF_MS << Math.min(failures - 1, 20));
        if (!Boolean.FALSE.equals(online)) { // one line per change of state, not per attempt
            LOG.warn("OPC UA device {}: {}; OFFLINE, reconnecting with back-off up to {} s", settings.deviceId(),
                    reason, settings.backoffMaxMillis() / 1000);
        }
        online = false;
        report(DeviceStatus.OFFLINE, reason);
        schedule(this::connect, delay);
    }

    private void close(OpcUaClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnect().get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // gone already
        }
    }

    /** @return what went wrong, for operators: the server away, a certificate or a user refused */
    private String reason(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        UaException ua = find(t, UaException.class);
        if (ua != null) {
            long code = ua.getStatusCode().getValue();
            String name = statusName(ua.getStatusCode());
            if (code == StatusCodes.Bad_UserAccessDenied || code == StatusCodes.Bad_IdentityTokenInvalid
                    || code == StatusCodes.Bad_IdentityTokenRejected) {
                return "bad user: the server refused user "
                        + (settings.username() == null ? "anonymous" : "'" + settings.username() + "'") + " ("
                        + name + ")";
            }
            if (code == StatusCodes.Bad_SecurityChecksFailed || code == StatusCodes.Bad_CertificateUntrusted
                    || code == StatusCodes.Bad_CertificateInvalid || code == StatusCodes.Bad_CertificateUriInvalid
                    || code == StatusCodes.Bad_CertificateHostNameInvalid
                    || code == StatusCodes.Bad_CertificateTimeInvalid
                    || code == StatusCodes.Bad_CertificateRevoked || code == StatusCodes.Bad_CertificateUseNotAllowed
                    || code == StatusCodes.Bad_CertificateIssuerRevocationUnknown
                    || code == StatusCodes.Bad_CertificateRevocationUnknown) {
                if (ua.getMessage() != null && ua.getMessage().toLowerCase(Locale.ROOT).contains("trust")
                        && trustList != null && code == StatusCodes.Bad_SecurityChecksFailed) {
                    return "bad certificate: the server's certificate is not trusted (" + name + "); move it from "
                            + settings.certificateDir().resolve("pki/rejected") + " to "
                            + settings.certificateDir().resolve("pki/trusted/certs");
                }
                return "bad certificate: " + name + (ua.getMessage() == null ? "" : " (" + brief(ua.getMessage())
                        + ")") + "; the server must trust " + settings.certificateDir()
                        .resolve(ClientIdentity.CERTIFICATE) + ", and " + settings.certificateDir()
                        .resolve("pki/trusted/certs") + " the server's certificate";
            }
            return "server " + settings.endpoint() + " unreachable: " + name
                    + (ua.getMessage() == null ? "" : " (" + brief(ua.getMessage()) + ")");
        }
        if (t instanceof TimeoutException) {
            return "server " + settings.endpoint() + " does not answer (timed out)";
        }
        if (t instanceof NoEndpoint) {
            return t.getMessage();
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "server " + settings.endpoint() + " unreachable: " + brief(m);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (type.isInstance(x)) {
                return type.cast(x);
            }
        }
        return null;
    }

    private static String brief(String m) {
        String one = m.replaceAll("\\s+", " ").trim();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    static String statusName(StatusCode status) {
        return StatusCodes.lookup(status.getValue()).map(n -> n[0])
                .orElse(String.format(Locale.ROOT, "0x%08X", status.getValue()));
    }

    private void report(DeviceStatus status, String reason) {
        try {
            sink.status(status, reason);
        } catch (RuntimeException e) {
            LOG.warn("OPC UA device {}: status {} not taken by the core: {}", settings.deviceId(), status,
                    e.getMessage());
        }
    }

    private void onExecutor(Runnable task) {
        ScheduledExecutorService ex = executor;
        if (ex == null || closed) {
            return;
        }
        try {
            ex.execute(task);
        } catch (RejectedExecutionException e) {
            // detached meanwhile
        }
    }

    private void schedule(Runnable task, long delay) {
        ScheduledExecutorService ex = executor;
        if (ex == null || closed) {
            return;
        }
        try {
            ex.schedule(task, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // detached meanwhile
        }
    }

    /** The server offers no endpoint with the configured policy and mode. */
    private final class NoEndpoint extends RuntimeException {
        NoEndpoint(List<EndpointDescription> offered) {
            super("the server offers no endpoint " + settings.policy() + "/" + settings.mode() + " (it offers "
                    + String.join(", ", offered.stream().map(e -> SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                            .map(SecurityPolicy::name).orElse("?") + "/" + e.getSecurityMode()).distinct().toList())
                    + "); set security.policy and security.mode accordingly", null, false, false);
        }
    }

    /** Accepts any server certificate, silently (policy None, or {@code server.trust=any}). */
    private static final class AcceptAny implements ClientCertificateValidator {
        @Override
        public void validateCertificateChain(List<X509Certificate> chain) {
        }

        @Override
        public void validateCertificateChain(List<X509Certificate> chain, String uri, String... hostNames) {
        }
    }

    // ---------------------------------------------------------------- values to events

    private void onValue(long gen, NodeId node, DataValue value) {
        if (gen != generation || closed) {
            return;
        }
        received.incrementAndGet();
        lastReceived = clock.instant();
        String shownNode = node.toParseableString();
        if (value.getStatusCode() != null && value.getStatusCode().isBad()) {
            String why = statusName(value.getStatusCode());
            failed.incrementAndGet();
            lastUnmatched = cut(shownNode + ": no value (" + why + ")");
            if (!why.equals(warned.put("value:" + shownNode, why))) {
                LOG.warn("OPC UA device {}: node {} has no value ({}); its rules wait for one", settings.deviceId(),
                        shownNode, why);
            }
            return;
        }
        warned.remove("value:" + shownNode);
        Object v = value.getValue() == null ? null : value.getValue().getValue();
        Instant time = time(value);
        long ticks = value.getSourceTime() != null ? value.getSourceTime().getUtcTime()
                : value.getServerTime() != null ? value.getServerTime().getUtcTime() : time.toEpochMilli();
        boolean first = !lastValues.containsKey(node);
        Object before = lastValues.put(node, v);
        int events = 0;
        String failure = null;
        for (Rule r : settings.rulesOf(node)) {
            SecurityEvent pendingEvent = pending.get(r.key());
            if (pendingEvent != null && !deliver(r, pendingEvent, pendingState.get(r.key()))) {
                continue;
            }
            boolean holds;
            try {
                holds = r.holds(v);
            } catch (IllegalArgumentException e) {
                failure = r.key() + ": " + e.getMessage();
                if (!e.getMessage().equals(warned.put("eval:" + r.key(), e.getMessage()))) {
                    LOG.warn("OPC UA device {}: {} ({}) cannot compare: {}", settings.deviceId(), r.key(),
                            r.condition(), e.getMessage());
                }
                continue;
            }
            warned.remove("eval:" + r.key());
            SecurityEvent event = null;
            boolean state = holds;
            if (r.op() == Rule.Op.CHANGED) {
                if (!first && !Objects.equals(before, v)) {
                    event = event(r, v, time, ticks, false);
                }
            } else {
                Boolean known = states.get(r.key());
                if (known == null ? holds : known != holds) {
                    event = event(r, v, time, ticks, !holds);
                } else if (known == null) {
                    states.put(r.key(), false); // the baseline: nothing to report
                }
            }
            if (event != null) {
                events++;
                deliver(r, event, state);
            }
        }
        if (events > 0) {
            mapped.incrementAndGet();
        } else if (failure != null) {
            failed.incrementAndGet();
            lastUnmatched = cut(shownNode + "=" + Rule.shown(v) + ": " + failure);
        } else {
            unmatched.incrementAndGet();
            lastUnmatched = cut(shownNode + "=" + Rule.shown(v) + ": no rule's condition changed");
        }
    }

    /** Hands an event to the core; a refused one is kept and offered again (same id) every 5 s. */
    private boolean deliver(Rule r, SecurityEvent event, Boolean state) {
        try {
            if (r.deviceId() == null) {
                sink.event(event);
            } else {
                sink.event(event, r.deviceId());
            }
        } catch (RuntimeException e) {
            pending.put(r.key(), event);
            pendingState.put(r.key(), state);
            String why = e.getMessage();
            if (!Objects.equals(warned.put("sink:" + r.key(), why), why)) {
                LOG.warn("OPC UA device {}: event {} of {} not stored ({}); offered again every {} s",
                        settings.deviceId(), event.type(), r.key(), why, RETRY_MS / 1000);
            }
            if (!retryScheduled) {
                retryScheduled = true;
                schedule(this::retry, RETRY_MS);
            }
            return false;
        }
        warned.remove("sink:" + r.key());
        pending.remove(r.key());
        pendingState.remove(r.key());
        if (r.op() != Rule.Op.CHANGED && state != null) {
            states.put(r.key(), state);
        }
        return true;
    }

    private void retry() {
        retryScheduled = false;
        for (Rule r : settings.rules()) {
            SecurityEvent e = pending.get(r.key());
            if (e != null) {
                deliver(r, e, pendingState.get(r.key()));
            }
        }
    }

    private SecurityEvent event(Rule r, Object value, Instant time, long ticks, boolean restore) {
        Map<String, String> attributes = new LinkedHashMap<>(r.attributes());
        attributes.put("node", r.nodeId().toParseableString());
        attributes.put("value", cut(value == null ? "" : Rule.text(value)));
        attributes.put("rule", r.key());
        if (restore) {
            attributes.put(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE);
        }
        String id = ticks == Long.MIN_VALUE ? null : eventId(r, ticks, restore);
        return new SecurityEvent(id, time, null, r.deviceId() == null ? settings.deviceId() : r.deviceId(),
                r.zoneId(), r.type(), restore ? Severity.INFO : r.severity(), attributes, null, null);
    }

    /** @return {@code opcua:<uuid>} from the device, node, rule, source timestamp and whether it is a restore */
    private String eventId(Rule r, long ticks, boolean restore) {
        String seed = settings.deviceId() + "|" + r.nodeId().toParseableString() + "|" + r.key() + "|" + ticks + "|"
                + (restore ? "0" : "1");
        return "opcua:" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    private Instant time(DataValue value) {
        DateTime t = value.getSourceTime() != null ? value.getSourceTime() : value.getServerTime();
        if (t == null || t.isNull()) {
            return clock.instant();
        }
        return t.getJavaInstant();
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    // ---------------------------------------------------------------- PayloadMapper

    /** Maps {@code <nodeId>=<value>} as a received value would be, against the rules' current states. */
    @Override
    public MappingResult test(String payload) {
        if (payload == null || payload.isBlank()) {
            return MappingResult.unmatched("empty payload: expected <nodeId>=<value>, e.g. ns=2;s=Fence.Zone3.Alarm"
                    + "=true");
        }
        String p = payload.trim();
        NodeId node = null;
        String valueText = null;
        int longest = 0;
        for (Rule r : settings.rules()) {
            // the node as the server writes it, or as the rule was written
            for (String prefix : List.of(r.nodeId().toParseableString(), r.condition().split("\\s+")[0])) {
                if (p.startsWith(prefix + "=") && prefix.length() > longest) {
                    longest = prefix.length();
                    node = r.nodeId();
                    valueText = p.substring(prefix.length() + 1);
                }
            }
        }
        if (node == null) {
            int eq = p.lastIndexOf('=');
            NodeId parsed = eq <= 0 ? null : NodeId.parseSafe(p.substring(0, eq).trim()).orElse(null);
            if (parsed == null) {
                return MappingResult.unmatched("'" + cut(p) + "' is not <nodeId>=<value>, e.g. "
                        + "ns=2;s=Fence.Zone3.Alarm=true");
            }
            return MappingResult.unmatched("no rule watches node " + parsed.toParseableString());
        }
        Object value = Rule.operand(valueText.trim());
        Instant now = clock.instant();
        List<SecurityEvent> events = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Map<String, Boolean> current = currentStates();
        for (Rule r : settings.rulesOf(node)) {
            boolean holds;
            try {
                holds = r.holds(value);
            } catch (IllegalArgumentException e) {
                reasons.add(r.key() + ": " + e.getMessage());
                continue;
            }
            if (holds) {
                matched.add(r.key() + ": " + r.text());
                events.add(withoutId(event(r, value, now, Long.MIN_VALUE, false)));
            } else if (Boolean.TRUE.equals(current.get(r.key()))) {
                matched.add(r.key() + ": " + r.text());
                events.add(withoutId(event(r, value, now, Long.MIN_VALUE, true)));
            } else {
                reasons.add(r.key() + " (" + r.condition() + ") does not hold for " + Rule.shown(value));
            }
        }
        if (events.isEmpty()) {
            return MappingResult.unmatched(String.join("; ", reasons));
        }
        return new MappingResult(true, String.join("; ", matched), events, null);
    }

    private static SecurityEvent withoutId(SecurityEvent e) {
        return e.complete(null, e.time(), e.siteId(), e.zoneId(), e.severity());
    }

    /** @return the rules' states, read on the connection's thread when it runs */
    private Map<String, Boolean> currentStates() {
        ScheduledExecutorService ex = executor;
        if (ex == null) {
            return new HashMap<>(states);
        }
        try {
            return ex.submit(() -> new HashMap<>(states)).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            return Map.of();
        }
    }

    @Override
    public MappingStats stats() {
        return new MappingStats(received.get(), mapped.get(), unmatched.get(), failed.get(), lastReceived,
                lastUnmatched);
    }

    // ---------------------------------------------------------------- commands

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        String name = command.name() == null ? "" : command.name().trim().toLowerCase(Locale.ROOT);
        Write write = settings.commands().get(name);
        if (write == null) {
            return CompletableFuture.completedFuture(CommandResult.failed("unsupported command " + command.name()
                    + " (supported: " + (settings.commands().isEmpty() ? "none; configure command.<name>"
                    : String.join(", ", settings.commands().keySet())) + ")"));
        }
        OpcUaClient c = client;
        if (c == null) {
            return CompletableFuture.completedFuture(CommandResult.failed("device " + settings.deviceId()
                    + " is OFFLINE (" + settings.endpoint() + ")"));
        }
        String shownNode = write.nodeId().toParseableString();
        return c.writeValue(write.nodeId(), new DataValue(write.value(), null, null))
                .orTimeout(settings.timeoutMillis(), TimeUnit.MILLISECONDS)
                .handle((status, e) -> {
                    if (e != null) {
                        return CommandResult.failed("no answer to " + name + " (" + shownNode + "): " + reason(e));
                    }
                    if (status.isGood()) {
                        LOG.info("OPC UA device {}: {} written ({} = {} {})", settings.deviceId(), name, shownNode,
                                write.type(), write.value().getValue());
                        return new CommandResult(true, null, Map.of("node", shownNode, "value",
                                String.valueOf(write.value().getValue())));
                    }
                    String why = statusName(status);
                    LOG.warn("OPC UA device {}: {} refused by the server ({} = {} {}): {}", settings.deviceId(), name,
                            shownNode, write.type(), write.value().getValue(), why);
                    return CommandResult.failed("server refused " + name + " (" + shownNode + " = " + write.type()
                            + " " + write.value().getValue() + "): " + why);
                });
    }
}
