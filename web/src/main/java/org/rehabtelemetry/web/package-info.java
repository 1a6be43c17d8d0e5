/**
 * The one web layer of the project, on Javalin 7: {@link org.rehabtelemetry.web.WebServer} bounds
 * and guards every request, {@link org.rehabtelemetry.web.Streams} runs server-sent event streams
 * off the request workers, {@link org.rehabtelemetry.web.Operations} serves {@code /metrics} and
 * {@code /health}. The gateway's dashboard and the agent's touch UI declare their routes on it.
 */
package org.rehabtelemetry.web;
