/** A course's clinical metrics trended session by session and compared with earlier courses. */
package org.rehabtelemetry.records.progress;
