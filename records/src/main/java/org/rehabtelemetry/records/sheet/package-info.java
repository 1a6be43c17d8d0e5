/**
 * What a report says, in words and formatted numbers, apart from how it is laid out: the PDF and
 * the dashboard's HTML view show the same sheet.
 */
package org.rehabtelemetry.records.sheet;
