package org.rehabtelemetry.gateway.registry;

import java.time.Instant;

/**
 * One device as the operator sees it.
 *
 * @param site its site
 * @param deviceId its id
 * @param kind verticalizer, movement-trainer or hydrotherapy (null until its first status)
 * @param online whether its agent is connected (birth) or not (Last Will, shutdown)
 * @param lastSeen when the gateway last stored a message from it
 * @param agentVersion the agent's version
 * @param currentSessionId the running session, or null
 */
public record DeviceInfo(
    String site,
    String deviceId,
    String kind,
    boolean online,
    Instant lastSeen,
    String agentVersion,
    String currentSessionId) {}
