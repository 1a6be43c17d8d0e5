/**
 * Courses: a child's sessions grouped into the 10–20-day courses of treatment, by the therapist's
 * open and close marks or, without them, by a gap of days between sessions.
 */
package org.rehabtelemetry.records.course;
