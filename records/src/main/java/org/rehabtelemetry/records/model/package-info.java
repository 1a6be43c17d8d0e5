/**
 * Sessions as read back from the store for people: what ran, with which settings, what was
 * measured, which alarms, the outcome and how complete the record is. Immutable values.
 */
package org.rehabtelemetry.records.model;
