/**
 * Gatehouse alarms as OPC UA Alarms &amp; Conditions (Part 9), built on Milo 0.6.16, which generates the node classes
 * ({@code AlarmConditionTypeNode}) but has no condition logic. Entry point: {@link
 * org.gatehouse.opcua.internal.alarms.AlarmConditions}, created by the server component once its namespace is up.
 *
 * <h2>The address space</h2>
 * One {@code AlarmConditionType} instance per open Gatehouse alarm (RAISED or ACKNOWLEDGED), a component of the
 * {@code Alarms} folder, node id {@code ns=<i>;s=Alarms/<alarmId>}; its members have readable ids
 * ({@code Alarms/7/AckedState/Id}, {@code Alarms/7/Acknowledge}). A resolved or cleared alarm posts its final event
 * (Retain false, ActiveState false) and its node is deleted. The Server object (i=2253) gets EventNotifier
 * SubscribeToEvents and is the notifier: clients subscribe to its events (node-opcua {@code constructEventFilter}).
 *
 * <h2>Fields</h2>
 * <table>
 * <caption>Alarm to condition</caption>
 * <tr><th>field</th><th>value</th></tr>
 * <tr><td>EventId</td><td>16 random bytes, fresh for every event</td></tr>
 * <tr><td>EventType</td><td>AlarmConditionType (i=2915)</td></tr>
 * <tr><td>SourceNode / SourceName</td><td>{@code Devices/<device>} / device id; else {@code Zones/<zone>} / zone
 * id; else the condition itself / the alarm's source key</td></tr>
 * <tr><td>Message</td><td>the alarm's message; locale {@code zh-CN} if it holds Chinese characters, else
 * {@code en} (an alarm carries one message)</td></tr>
 * <tr><td>Severity</td><td>INFO 100, WARNING 300, MAJOR 600, CRITICAL 900 (LastSeverity: the previous one)</td></tr>
 * <tr><td>Time</td><td>when the change happened: raised (first), repeated (last event), acknowledged, closed;
 * ReceiveTime: when the server posted it</td></tr>
 * <tr><td>ConditionName</td><td>the alarm type, e.g. {@code fence.intrusion}</td></tr>
 * <tr><td>ConditionClassId</td><td>BaseConditionClassType</td></tr>
 * <tr><td>BranchId</td><td>null (no branches)</td></tr>
 * <tr><td>Retain</td><td>true while the alarm is open</td></tr>
 * <tr><td>EnabledState</td><td>Enabled (true)</td></tr>
 * <tr><td>ActiveState</td><td>true while open; false in the final event of a resolved or cleared alarm</td></tr>
 * <tr><td>AckedState</td><td>true once acknowledged (console, REST or OPC UA)</td></tr>
 * <tr><td>Comment / ClientUserId</td><td>the alarm's last note / who closed it, else who acknowledged it</td></tr>
 * </table>
 * ConfirmedState and shelving are not modelled. A REMINDED transition changes nothing a client sees and posts no
 * event; RAISED, REPEATED, ACKNOWLEDGED, ESCALATED, RESOLVED and CLEARED each post one.
 *
 * <h2>Methods</h2>
 * {@code Acknowledge(EventId, Comment)}: the instance's method, or i=9111 with the instance as ObjectId (how
 * node-opcua's {@code session.acknowledgeCondition} finds it). Checks, in order: the caller's Gatehouse roles hold
 * {@code security} or {@code admin} (else Bad_UserAccessDenied), the condition exists (Bad_NodeIdUnknown), the EventId
 * is the condition's latest (Bad_EventIdUnknown), the alarm is not yet acknowledged
 * (Bad_ConditionBranchAlreadyAcked); then {@code AlarmService#acknowledge(id, "opcua:<user>", comment)}, the same
 * audit trail as the console; a comment the service refuses (longer than 2000 characters) gives Bad_InvalidArgument.
 * The transition comes back from the AlarmService, updates the node and posts its event.
 * <p>
 * {@code ConditionRefresh(SubscriptionId)} (i=3875, ObjectId ConditionType i=2782) and {@code ConditionRefresh2
 * (SubscriptionId, MonitoredItemId)} (i=12912) replace Milo's handlers: RefreshStart, every retained condition with its
 * latest EventId (so it can be acknowledged), RefreshEnd, delivered to the event items of that subscription (or that one
 * item) only, not broadcast. A subscription of another session or an unknown one gives Bad_SubscriptionIdInvalid; an
 * unknown item Bad_MonitoredItemIdInvalid. Milo 0.6 checks argument types exactly and its own handler refused every
 * SubscriptionId sent as UInt32 (declared IntegerId); these accept UInt32.
 */
package org.gatehouse.opcua.internal.alarms;
