/**
 * The reports as PDF: OpenPDF lays out the pages with an embedded Unicode font (Kazakh letters need
 * it), JFreeChart draws the charts as vector graphics into them.
 */
package org.rehabtelemetry.records.pdf;
