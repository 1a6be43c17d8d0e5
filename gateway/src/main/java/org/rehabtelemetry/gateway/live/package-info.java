/** The dashboard's live stream: messages as server-sent events as soon as they arrive. */
package org.rehabtelemetry.gateway.live;
