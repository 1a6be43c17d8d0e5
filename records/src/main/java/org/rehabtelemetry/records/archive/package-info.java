/** The port through which records are read from, and course marks written to, the store. */
package org.rehabtelemetry.records.archive;
