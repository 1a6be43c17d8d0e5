/** The touch UI and the control API, on the project's web layer. */
package org.rehabtelemetry.agent.ui;
