/** What every driver reports: fault counters by kind and a sensor status the agent can alarm on. */
package org.rehabtelemetry.hardware.fault;
