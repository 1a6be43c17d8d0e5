/**
 * A child's course of treatment, simulated: sessions on past days with a real trend, as protocol
 * messages, so the clinic's reports have content in the demo and in tests.
 */
package org.rehabtelemetry.simulator.course;
