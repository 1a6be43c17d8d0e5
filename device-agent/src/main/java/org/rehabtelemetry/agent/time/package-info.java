/** Time on the device: monotonic sample stamps anchored to wall time, clock sync and jumps. */
package org.rehabtelemetry.agent.time;
