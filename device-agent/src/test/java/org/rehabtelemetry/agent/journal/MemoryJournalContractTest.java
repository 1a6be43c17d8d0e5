package org.rehabtelemetry.agent.journal;

class MemoryJournalContractTest extends JournalContract {
  @Override
  protected Journal journal(long maxBytes) {
    return new MemoryJournal(maxBytes, listener);
  }
}
