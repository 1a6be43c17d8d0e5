/**
 * In-memory ports for unit tests, agent tests and the simulator: the hardware test fixtures,
 * published as the {@code hardware} test-jar (classifier {@code tests}) and never part of the
 * agent's package. Each passes the same contract tests as its real adapter.
 */
package org.rehabtelemetry.hardware.fake;
