// An independent OPC UA Alarms & Conditions client (npm node-opcua 2.186.x) for the Gatehouse tests.
//
//   node alarms-client.mjs ENDPOINT USER PASSWORD EXPECTED [TIMEOUT_MS]
//
// Connects (security None; USER "-" or "" for anonymous), subscribes to the events of the Server object (i=2253) with
// constructEventFilter, calls ConditionRefresh so an alarm raised earlier is seen too, waits for a retained,
// unacknowledged condition whose SourceName equals EXPECTED or whose Message contains it, acknowledges it with
// session.acknowledgeCondition and a comment, waits for the event that shows it acknowledged, and prints ONE JSON line:
//   {"received":true,"acknowledged":true,"eventId":"<hex>","severity":900,"message":"...","sourceName":"...",
//    "conditionId":"ns=2;s=Alarms/7","ackStatus":"Good","ackedEvent":true}
// Exit code 0 when the condition was received (whatever the acknowledgement gave), 2 when not within TIMEOUT_MS.
// node-opcua is imported normally, or from $NODE_OPCUA_HOME/node_modules when the script runs from elsewhere.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [endpoint, user, password, expected, timeoutArg] = process.argv.slice(2);
if (!endpoint || expected === undefined) {
    console.error("usage: node alarms-client.mjs ENDPOINT USER PASSWORD EXPECTED [TIMEOUT_MS]");
    process.exit(64);
}
const timeoutMs = Number(timeoutArg || 30000);
const FIELDS = ["EventId", "EventType", "SourceName", "Time", "Message", "Severity", "ConditionName", "Retain",
    "AckedState.Id", "ActiveState.Id", "Comment", "ClientUserId", "ConditionId"];

async function loadOpcua() {
    try {
        return await import("node-opcua");
    } catch (e) {
        const home = process.env.NODE_OPCUA_HOME;
        if (!home) {
            throw e;
        }
        const dir = path.join(home, "node_modules", "node-opcua");
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        return await import(pathToFileURL(path.join(dir, pkg.main || "index.js")).href);
    }
}

const result = { received: false, acknowledged: false, eventId: null, severity: null, message: null,
    sourceName: null, conditionId: null, ackStatus: null, ackedEvent: false };
let done = false;
function finish(code, error) {
    if (done) {
        return;
    }
    done = true;
    if (error) {
        result.error = String(error && error.message ? error.message : error);
    }
    process.stdout.write(JSON.stringify(result) + "\n");
    // node-opcua keeps timers running: leave once the line is out
    setTimeout(() => process.exit(code), 50);
}
const timer = setTimeout(() => finish(result.received ? 0 : 2, result.received ? null : "timeout"), timeoutMs);

const opcua = await loadOpcua();
const { OPCUAClient, MessageSecurityMode, SecurityPolicy, AttributeIds, TimestampsToReturn, UserTokenType,
    constructEventFilter, ClientSubscription, ClientMonitoredItem, DataType, OPCUACertificateManager } = opcua;

function toObject(fields) {
    const o = {};
    FIELDS.forEach((name, i) => { o[name] = fields[i] ? fields[i].value : null; });
    return o;
}

function text(v) {
    return v == null ? null : (typeof v === "string" ? v : v.text ?? null);
}

let session;
let client;
try {
    const pki = process.env.NODE_OPCUA_PKI || path.join(os.tmpdir(), "gatehouse-node-opcua-pki");
    const clientCertificateManager = new OPCUACertificateManager({ rootFolder: pki,
        automaticallyAcceptUnknownCertificate: true });
    client = OPCUAClient.create({
        applicationName: "gatehouse-alarms-client",
        securityMode: MessageSecurityMode.None,
        securityPolicy: SecurityPolicy.None,
        endpointMustExist: false,
        connectionStrategy: { maxRetry: 3, initialDelay: 500, maxDelay: 2000 },
        clientCertificateManager
    });
    await client.connect(endpoint);
    const identity = !user || user === "-" || user === "anonymous"
        ? { type: UserTokenType.Anonymous }
        : { type: UserTokenType.UserName, userName: user, password: password || "" };
    session = await client.createSession(identity);

    const subscription = ClientSubscription.create(session, {
        requestedPublishingInterval: 100, requestedLifetimeCount: 600, requestedMaxKeepAliveCount: 20,
        maxNotificationsPerPublish: 1000, publishingEnabled: true, priority: 10
    });
    await new Promise((resolve, reject) => {
        subscription.once("started", resolve);
        subscription.once("internal_error", reject);
    });

    let target = null;
    const item = ClientMonitoredItem.create(subscription,
        { nodeId: "i=2253", attributeId: AttributeIds.EventNotifier },
        { samplingInterval: 0, discardOldest: true, queueSize: 1000, filter: constructEventFilter(FIELDS) },
        TimestampsToReturn.Both);

    item.on("changed", async (fields) => {
        const e = toObject(fields);
        const conditionId = e.ConditionId ? e.ConditionId.toString() : null;
        if (target && conditionId === target && e["AckedState.Id"] === true) {
            // may arrive before the Call response: the server posts it while it acknowledges
            result.ackedEvent = true;
            if (result.acknowledged) {
                clearTimeout(timer);
                finish(0);
            }
            return;
        }
        if (target || !conditionId || e.Retain !== true || e["AckedState.Id"] === true) {
            return;
        }
        const message = text(e.Message);
        if (e.SourceName !== expected && !(message && message.includes(expected))) {
            return;
        }
        target = conditionId;
        result.received = true;
        result.eventId = Buffer.from(e.EventId).toString("hex");
        result.severity = e.Severity;
        result.message = message;
        result.sourceName = e.SourceName;
        result.conditionId = conditionId;
        try {
            const status = await session.acknowledgeCondition(e.ConditionId, e.EventId,
                "acknowledged by node-opcua");
            result.ackStatus = status.name;
            result.acknowledged = status.isGood();
            if (!result.acknowledged || result.ackedEvent) {
                clearTimeout(timer);
                finish(0);
            } // else wait for the event that shows it acknowledged
        } catch (err) {
            clearTimeout(timer);
            finish(0, err);
        }
    });
    await new Promise((resolve) => item.once("initialized", resolve));

    // an alarm raised before we subscribed: ConditionRefresh replays the retained conditions to this subscription
    const refresh = await session.call({
        objectId: "i=2782", methodId: "i=3875",
        inputArguments: [{ dataType: DataType.UInt32, value: subscription.subscriptionId }]
    });
    if (!refresh.statusCode.isGood()) {
        console.error("ConditionRefresh: " + refresh.statusCode.toString());
    }
} catch (err) {
    clearTimeout(timer);
    finish(3, err);
}
