/** A named scheduler that polls GPIO inputs and bus sensors at their own periods. */
package org.rehabtelemetry.hardware.poll;
