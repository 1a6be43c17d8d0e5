package org.rehabtelemetry.agent.journal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rehabtelemetry.runtime.files.FileLayer;

/**
 * What one commit forces, collected under the journal's lock and forced outside it, so appends
 * never wait for an fsync. A segment evicted meanwhile has its channel closed; it needs no force.
 * Not thread-safe; one per commit.
 */
final class ForceBatch {
  final List<Segment> segments = new ArrayList<>();
  final List<FileLayer.Channel> channels = new ArrayList<>();
  final List<Path> directories = new ArrayList<>();
  final List<Lane> lanes = new ArrayList<>();

  /** Forces the segments, then the directories. Blocks for the fsyncs. */
  void force(FileLayer files) throws IOException {
    for (FileLayer.Channel channel : channels) {
      try {
        channel.force();
      } catch (ClosedChannelException evicted) {
        // Deleted by an eviction after it was collected: nothing of it is claimed durable.
      }
    }
    for (Path directory : directories) {
      files.fsyncDirectory(directory);
    }
  }

  /** Under the lock, after a failed force: the next commit forces everything again. */
  void restore() {
    segments.forEach(Segment::markUnsynced);
    lanes.forEach(Lane::markDirectoryChanged);
  }
}
