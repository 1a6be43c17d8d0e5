/**
 * What the clinic gets back from the telemetry: courses ({@link
 * org.rehabtelemetry.records.course}), the session report, course progress and the parent summary
 * as PDF ({@link org.rehabtelemetry.records.pdf}), in Russian, Kazakh and English ({@link
 * org.rehabtelemetry.records.i18n}). Reads nothing itself: the gateway hands it {@link
 * org.rehabtelemetry.records.model.SessionRecord}s read from its store.
 */
package org.rehabtelemetry.records;
