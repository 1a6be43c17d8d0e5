/**
 * Who may speak on the broker: the enrolment registry of devices and gateways ({@link Enrolment}),
 * the Mosquitto password file and ACL derived from it ({@link MosquittoFiles}, {@link
 * MosquittoPasswordHash}), and the gateway's check that a message comes from an enrolled, unrevoked
 * device ({@link EnrolledDevices}). The provisioning command ({@code gateway provision}) writes
 * these files; the broker and the gateway read them.
 */
package org.rehabtelemetry.gateway.enrolment;
