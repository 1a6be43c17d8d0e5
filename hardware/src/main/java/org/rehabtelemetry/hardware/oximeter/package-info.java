/** The pulse oximeter's Nonin-style ASCII line protocol over serial. */
package org.rehabtelemetry.hardware.oximeter;
