/**
 * The store-and-forward journal behind the {@link org.rehabtelemetry.agent.journal.Journal} port:
 * {@link org.rehabtelemetry.agent.journal.DiskJournal} (segment files, group commit, bounds,
 * recovery; one class per role) and {@link org.rehabtelemetry.agent.journal.MemoryJournal}, both
 * held to one contract suite. File access goes through {@link
 * org.rehabtelemetry.runtime.files.FileLayer}, so the power-cut test can drop every write that was
 * not fsynced.
 */
package org.rehabtelemetry.agent.journal;
