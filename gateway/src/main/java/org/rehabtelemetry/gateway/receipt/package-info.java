/**
 * Storage receipts: after a device's messages are durably stored (or kept as dead letters) the
 * gateway tells the device so on its {@code cmd} topic, and only then may the device free them from
 * its journal (docs/protocol.md, "Receipts").
 */
package org.rehabtelemetry.gateway.receipt;
