/**
 * Who may use the dashboard: accounts with roles, password hashes, login sessions and the guard
 * that slows guessing down without locking real operators out.
 */
package org.rehabtelemetry.gateway.auth;
