/**
 * HL7 FHIR R4 export of sessions and courses, written as JSON with Jackson (no FHIR library at run
 * time; the tests validate the output with HAPI FHIR's validator).
 */
package org.rehabtelemetry.records.fhir;
