/** The operator's alarm list, merged from the devices' alarm messages in any order. */
package org.rehabtelemetry.gateway.alarms;
