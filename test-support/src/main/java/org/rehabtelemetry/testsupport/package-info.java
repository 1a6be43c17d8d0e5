/**
 * JUnit 5 extensions that start real servers for {@code *IT} tests: a private Mosquitto ({@link
 * org.rehabtelemetry.testsupport.MosquittoExtension}), a private influxd ({@link
 * org.rehabtelemetry.testsupport.InfluxdExtension}) and socat pseudo-terminal pairs ({@link
 * org.rehabtelemetry.testsupport.SocatPtyExtension}).
 *
 * <p>Each server runs as a child process on a free loopback port with its own temporary directory,
 * is ready when the extension hands it to the test, and is stopped and cleaned up afterwards. A
 * missing binary fails the test with a message that names {@code scripts/install-deps}; nothing is
 * ever skipped silently.
 */
package org.rehabtelemetry.testsupport;
