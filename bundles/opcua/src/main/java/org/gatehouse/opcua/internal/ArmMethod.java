package org.gatehouse.opcua.internal;

import java.util.function.Consumer;

import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.api.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.perimeter.ArmingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Arm()} and {@code Disarm(reason)} on a perimeter zone: the {@link ArmingService} does it and audits it with
 * the actor {@code opcua:<user>}. Needs the role {@code security} (or admin): otherwise Bad_UserAccessDenied.
 */
final class ArmMethod extends AbstractMethodInvocationHandler {
    static final String ROLE = "security";
    private static final Logger LOG = LoggerFactory.getLogger(ArmMethod.class);
    private static final Argument REASON = new Argument("reason", Identifiers.String, ValueRanks.Scalar, null,
            LocalizedText.english("Why the zone is disarmed (required, 1 to 500 characters)"));

    private final String zoneId;
    private final boolean arm;
    private final Backend backend;
    private final Consumer<String> changed;

    ArmMethod(UaMethodNode node, String zoneId, boolean arm, Backend backend, Consumer<String> changed) {
        super(node);
        this.zoneId = zoneId;
        this.arm = arm;
        this.backend = backend;
        this.changed = changed;
    }

    @Override
    public Argument[] getInputArguments() {
        return arm ? new Argument[0] : new Argument[]{REASON};
    }

    @Override
    public Argument[] getOutputArguments() {
        return new Argument[0];
    }

    @Override
    protected Variant[] invoke(InvocationContext context, Variant[] inputs) throws UaException {
        UaUser user = GatehouseIdentityValidator.userOf(context.getSession().orElse(null));
        String verb = arm ? "arm" : "disarm";
        if (!user.may(ROLE)) {
            LOG.info("OPC UA {} of zone {} refused: user {} lacks the role {}", verb, zoneId, user.user(), ROLE);
            throw new UaException(StatusCodes.Bad_UserAccessDenied, "the role security is needed to " + verb);
        }
        ArmingService arming = backend.arming;
        if (arming == null) {
            throw new UaException(StatusCodes.Bad_ResourceUnavailable, "the arming service is not available");
        }
        String reason = arm ? null : (String) inputs[0].getValue();
        try {
            arming.arm(zoneId, arm, null, reason, user.actor());
        } catch (GatehouseException e) {
            long code = switch (e.kind()) {
                case NOT_FOUND -> StatusCodes.Bad_NodeIdUnknown;
                case INVALID -> StatusCodes.Bad_InvalidArgument;
                default -> StatusCodes.Bad_InvalidState;
            };
            LOG.info("OPC UA {} of zone {} by {} refused: {} {}", verb, zoneId, user.user(), e.code(),
                    e.getMessage());
            throw new UaException(code, e.code() + ": " + e.getMessage());
        }
        LOG.info("Zone {} {}ed over OPC UA by {}", zoneId, verb, user.user());
        changed.accept(zoneId);
        return new Variant[0];
    }
}
