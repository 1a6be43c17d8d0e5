package org.rehabtelemetry.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/protocol.md honest: every example in it must decode. */
class ProtocolDocExamplesTest {
  private static final Path DOC = Path.of("..", "docs", "protocol.md");
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PUB = Pattern.compile("mosquitto_pub .*?-t '([^']+)' -m '([^']+)'");

  private final MessageCodec codec = new MessageCodec();

  @Test
  void everyJsonExample_decodes_andTheyCoverEveryMessageType() throws IOException {
    Matcher blocks = JSON_BLOCK.matcher(Files.readString(DOC));
    Set<MessageType> covered = EnumSet.noneOf(MessageType.class);
    int count = 0;
    while (blocks.find()) {
      String json = blocks.group(1);
      Message message = codec.decode(json.getBytes(UTF_8));
      covered.add(message.type());
      count++;
    }
    assertEquals(EnumSet.allOf(MessageType.class), covered, "one example per type at least");
    assertTrue(count >= 8, "found " + count + " examples");
  }

  @Test
  void everyMosquittoPubCommand_decodesWithItsTopic_andFormsACompleteSession() throws IOException {
    Matcher commands = PUB.matcher(Files.readString(DOC));
    List<Message> messages = new ArrayList<>();
    while (commands.find()) {
      messages.add(codec.decode(commands.group(1), commands.group(2).getBytes(UTF_8)));
    }
    assertEquals(7, messages.size(), "the hand-played session has seven commands");
    List<Long> seqs = new ArrayList<>();
    for (Message message : messages) {
      message.sessionRef().ifPresent(session -> seqs.add(session.seq()));
    }
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), seqs, "the session is numbered 0..4 without gaps");
    assertEquals(MessageType.SUMMARY, messages.get(5).type(), "the summary is the session's last");
  }
}
