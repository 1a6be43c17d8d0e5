package org.rehabtelemetry.runtime.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's {@code sd_notify} protocol: one datagram per notification to the Unix socket named by
 * {@code NOTIFY_SOCKET} (a path, or {@code @name} in the abstract namespace). Java 17 cannot open a
 * datagram Unix socket, so this adapter calls libc through JNA: {@code socket}, {@code sendto},
 * {@code close}, one socket per message as libsystemd does. The only class here that touches JNA.
 * Thread-safe.
 */
public final class SdNotify implements ServiceManager {
  private static final Logger LOG = LoggerFactory.getLogger(SdNotify.class);
  private static final int AF_UNIX = 1;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int MSG_NOSIGNAL = 0x4000;
  private static final int SUN_PATH = 108;

  /** The few libc calls the protocol needs. */
  private interface LibC extends Library {
    int socket(int domain, int type, int protocol) throws LastErrorException;

    NativeLong sendto(
        int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
        throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private final byte[] address;
  private final int addressLength;
  private volatile LibC libc;

  private SdNotify(String socket) {
    byte[] path = socket.getBytes(StandardCharsets.UTF_8);
    boolean abstractName = socket.startsWith("@");
    if (path.length >= SUN_PATH) {
      throw new IllegalArgumentException("NOTIFY_SOCKET is too long: " + socket);
    }
    ByteBuffer sockaddr = ByteBuffer.allocate(2 + SUN_PATH).order(ByteOrder.nativeOrder());
    sockaddr.putShort((short) AF_UNIX);
    sockaddr.put(path);
    if (abstractName) {
      sockaddr.put(2, (byte) 0); // "@name" is "\0name" in the abstract namespace
    }
    this.address = sockaddr.array();
    this.addressLength = 2 + path.length + (abstractName ? 0 : 1);
  }

  /**
   * The manager named by the environment: an {@code SdNotify} on {@code NOTIFY_SOCKET}, or {@link
   * ServiceManager#NONE} when it is not set.
   */
  public static ServiceManager fromEnvironment(Map<String, String> environment) {
    String socket = environment.get("NOTIFY_SOCKET");
    if (socket == null || socket.isEmpty()) {
      return ServiceManager.NONE;
    }
    return new SdNotify(socket);
  }

  /** A manager on an explicit socket (tests). */
  public static SdNotify on(String socket) {
    return new SdNotify(socket);
  }

  @Override
  public boolean present() {
    return true;
  }

  @Override
  public void notify(String state) {
    byte[] message = state.getBytes(StandardCharsets.UTF_8);
    int fd = -1;
    try {
      LibC c = libc();
      fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      c.sendto(fd, message, new NativeLong(message.length), MSG_NOSIGNAL, address, addressLength);
    } catch (LastErrorException | UnsatisfiedLinkError e) {
      LOG.warn("cannot notify systemd ({}): {}", state.replace('\n', ' '), e.getMessage());
    } finally {
      if (fd >= 0) {
        try {
          libc().close(fd);
        } catch (LastErrorException e) {
          // Closing a datagram socket cannot lose anything.
        }
      }
    }
  }

  private LibC libc() {
    LibC c = libc;
    if (c == null) {
      c = Native.load("c", LibC.class);
      libc = c;
    }
    return c;
  }
}
