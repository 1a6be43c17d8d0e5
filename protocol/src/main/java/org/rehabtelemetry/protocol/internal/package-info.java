/** JSON reading and writing behind {@link org.rehabtelemetry.protocol.MessageCodec}. Not API. */
package org.rehabtelemetry.protocol.internal;
