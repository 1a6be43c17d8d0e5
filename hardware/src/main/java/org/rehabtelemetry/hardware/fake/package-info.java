/**
 * In-memory ports for unit tests, agent tests and the simulator. Each passes the same contract
 * tests as its real adapter.
 */
package org.rehabtelemetry.hardware.fake;
