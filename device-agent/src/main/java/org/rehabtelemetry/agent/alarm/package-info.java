/**
 * Local safety alarms, evaluated on the device itself so they work offline: profile limits,
 * clinical rules, e-stop, sensor and journal faults; each with an IEC 60601-1-8 priority.
 */
package org.rehabtelemetry.agent.alarm;
