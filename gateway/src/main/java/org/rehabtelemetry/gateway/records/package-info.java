/**
 * The clinic's records at the gateway: courses, progress and the PDF reports, read from the store
 * through {@link org.rehabtelemetry.records.archive.SessionArchive}.
 */
package org.rehabtelemetry.gateway.records;
