// An independent OPC UA client (npm node-opcua 2.186.x) for OpcUaIT: one action per run, one JSON object on stdout.
//   node client.js <endpointUrl> <action> [key=value...]
// options: user=NAME password=PW (else anonymous), security=None|Sign|SignAndEncrypt (Basic256Sha256), pki=DIR (the
// client's own PKI and certificate, created on first use), and per action:
//   browse  path=Sites/demo-school/Zones          -> {"ok":true,"names":[...]}
//   read    nodes=Zones/z1/Kind,Zones/z1/Armed    -> {"ok":true,"values":{"Zones/z1/Kind":"PERIMETER",...}}
//   call    object=Zones/z1 method=Disarm args=s:reason  -> {"ok":true,"status":"Good"} (or the status name)
//   write   node=Zones/z1/Armed value=b:true      -> {"ok":true,"status":"BadNotWritable"}
// A failure to connect prints {"ok":false,"error":"..."} and exits 0, so that the test reads the reason.
"use strict";
const opcua = require("node-opcua");
const { OPCUAClient, MessageSecurityMode, SecurityPolicy, AttributeIds, OPCUACertificateManager, DataType,
    UserTokenType, BrowseDirection } = opcua;

const [url, action, ...rest] = process.argv.slice(2);
const o = Object.fromEntries(rest.map(a => { const i = a.indexOf("="); return [a.slice(0, i), a.slice(i + 1)]; }));

function variant(text) {
    const [t, ...v] = text.split(":");
    const value = v.join(":");
    switch (t) {
        case "s": return { dataType: DataType.String, value };
        case "b": return { dataType: DataType.Boolean, value: value === "true" };
        case "i": return { dataType: DataType.Int32, value: Number(value) };
        default: throw new Error("variant type s|b|i, not " + t);
    }
}

async function main() {
    const security = o.security || "None";
    const certificateManager = new OPCUACertificateManager({
        rootFolder: o.pki || "/tmp/gatehouse-node-opcua-pki", automaticallyAcceptUnknownCertificate: true });
    const client = OPCUAClient.create({
        applicationName: "GatehouseITClient",
        clientCertificateManager: certificateManager,
        endpointMustExist: false,
        securityMode: MessageSecurityMode[security],
        securityPolicy: security === "None" ? SecurityPolicy.None : SecurityPolicy.Basic256Sha256,
        connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
        requestedSessionTimeout: 30000,
    });
    const out = { ok: false };
    try {
        await client.connect(url);
        const identity = o.user ? { type: UserTokenType.UserName, userName: o.user, password: o.password }
            : { type: UserTokenType.Anonymous };
        const session = await client.createSession(identity);
        const ns = (await session.readNamespaceArray()).indexOf("urn:gatehouse:opcua");
        const id = p => `ns=${ns};s=${p}`;
        out.namespace = ns;
        if (action === "browse") {
            const r = await session.browse({ nodeId: id(o.path), browseDirection: BrowseDirection.Forward,
                includeSubtypes: true, resultMask: 63 });
            out.status = r.statusCode.name;
            out.names = r.references.map(x => x.browseName.name);
        } else if (action === "read") {
            out.values = {};
            for (const p of o.nodes.split(",")) {
                const v = await session.read({ nodeId: id(p), attributeId: AttributeIds.Value });
                out.values[p] = v.statusCode.name === "Good" ? (v.value.value instanceof Date
                    ? v.value.value.toISOString() : v.value.value) : v.statusCode.name;
            }
        } else if (action === "call") {
            const args = o.args ? o.args.split(",").map(variant) : [];
            const r = await session.call({ objectId: id(o.object), methodId: id(o.object + "/" + o.method),
                inputArguments: args });
            out.status = r.statusCode.name;
        } else if (action === "write") {
            const s = await session.write({ nodeId: id(o.node), attributeId: AttributeIds.Value,
                value: { value: variant(o.value) } });
            out.status = s.name;
        } else {
            throw new Error("unknown action " + action);
        }
        out.ok = true;
        await session.close();
    } catch (e) {
        out.error = String(e && e.message || e).split("\n")[0];
    } finally {
        try { await client.disconnect(); } catch (e) { /* gone */ }
    }
    process.stdout.write(JSON.stringify(out) + "\n");
}

main().then(() => process.exit(0), e => { process.stdout.write(JSON.stringify({ ok: false, error: String(e) }) + "\n");
    process.exit(0); });
