/**
 * The ports drivers depend on. Adapters in {@code jssc} and {@code pi4j}, fakes in {@code fake}.
 */
package org.rehabtelemetry.hardware.port;
