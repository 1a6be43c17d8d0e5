/**
 * Storage: the {@link org.rehabtelemetry.gateway.storage.TimeSeriesSink} and {@link
 * org.rehabtelemetry.gateway.storage.SeqQuery} ports, line protocol, the point schema ({@code
 * docs/storage.md}) and the pure retry classification. Each backend lives in its own folder.
 */
package org.rehabtelemetry.gateway.storage;
