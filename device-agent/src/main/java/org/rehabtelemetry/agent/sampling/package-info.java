/**
 * Readings to sample batches: per-channel downsampling to the publish rate and columnar batching.
 */
package org.rehabtelemetry.agent.sampling;
