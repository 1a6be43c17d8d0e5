/** The languages reports speak, their texts and their number formats. */
package org.rehabtelemetry.records.i18n;
