/** The profiles simulated agents run: each built-in profile with the simulator's ports. */
package org.rehabtelemetry.simulator.profile;
