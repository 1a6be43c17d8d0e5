/** The embedded store: QuestDB in the gateway's JVM, written through the v2 API. */
package org.rehabtelemetry.gateway.storage.questdb;
