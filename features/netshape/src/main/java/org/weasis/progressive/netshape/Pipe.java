package org.weasis.progressive.netshape;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One direction of one connection, built like a real pipe so that delay and bandwidth add up rather than
 * multiply: bytes first cross the shared bottleneck at its rate, then ride a delay line, many chunks at once.
 *
 * <p>{@link #carryIn} reads a chunk, books it on the bucket, which says it will have crossed at time t, and
 * puts it on the line due at t + delay; {@link #carryOut} writes each chunk when it is due. The end of the stream and a
 * failed read travel the line too, so the far side sees them only after the data sent before them.
 */
final class Pipe {
  /** Reads are at most one burst, so one chunk never needs more credit than a rested link holds. */
  static final int CHUNK_BYTES = LinkShaper.BURST_BYTES;
  /**
   * How far ahead of the link a reader may book its next chunk. Wake-ups later than the burst's worth of
   * time would otherwise leave the link idle (a loaded machine wakes threads milliseconds late), and the
   * link would run measurably below its rate; each connection's booking ahead is what others queue behind.
   */
  static final long LOOKAHEAD_NANOS = 10_000_000;

  private final Socket from;
  private final Socket to;
  private final LinkDirection direction;
  private final ShapedConnection connection;
  private final BlockingQueue<Chunk> line = new LinkedBlockingQueue<>();
  /** Bytes the line may still take; bounds what one connection holds in flight. */
  private final Semaphore room;

  Pipe(Socket from, Socket to, LinkDirection direction, ShapedConnection connection) {
    this.from = from;
    this.to = to;
    this.direction = direction;
    this.connection = connection;
    this.room = new Semaphore(direction.lineBytes());
  }

  /** Reads until the end of the stream or an error, passing each chunk through the bucket onto the line. */
  void carryIn() {
    byte[] buffer = new byte[CHUNK_BYTES];
    try {
      InputStream in = from.getInputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        long crossed = direction.bucket().reserve(n, System.nanoTime());
        room.acquire(n);
        line.put(Chunk.data(Arrays.copyOf(buffer, n), crossed + direction.delayNanos()));
        // Reading the next chunk a little before this one has crossed keeps the link booked back to back
        // when this thread wakes late; waiting at all is what lets other connections take their turns.
        sleepUntil(crossed - LOOKAHEAD_NANOS);
      }
      // Due before the last chunk if that one was booked ahead; the line is FIFO, so it still goes after it.
      line.put(Chunk.end(System.nanoTime() + direction.delayNanos()));
    } catch (IOException e) {
      sendReset();
    } catch (InterruptedException e) {
      // The connection was aborted: nothing left to carry.
    }
  }

  /** Writes each chunk when it is due; then half-closes the far side, or resets the connection on error. */
  void carryOut() {
    try {
      OutputStream out = to.getOutputStream();
      while (true) {
        Chunk chunk = line.take();
        sleepUntil(chunk.dueNanos());
        switch (chunk.kind()) {
          case DATA -> deliver(out, chunk.bytes());
          case END -> {
            to.shutdownOutput();
            connection.directionEnded();
            return;
          }
          case RESET -> {
            connection.abort();
            return;
          }
        }
      }
    } catch (IOException e) {
      connection.abort();
    } catch (InterruptedException e) {
      // The connection was aborted: nothing left to deliver.
    }
  }

  private void deliver(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    direction.delivered().add(bytes.length);
    room.release(bytes.length);
  }

  /** A failed read ends this direction after the data already on the line, as a real reset would. */
  private void sendReset() {
    if (connection.isClosed()) {
      return;
    }
    try {
      line.put(Chunk.reset(System.nanoTime() + direction.delayNanos()));
    } catch (InterruptedException e) {
      // Aborted meanwhile: the reset has happened already.
    }
  }

  /** Sleeps until {@link System#nanoTime()} reaches {@code deadline}; sleeps may end early, hence the loop. */
  static void sleepUntil(long deadline) throws InterruptedException {
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private enum Kind { DATA, END, RESET }

  /** What travels the delay line: bytes, or the end of the stream, or a reset, each with its arrival time. */
  private record Chunk(Kind kind, byte[] bytes, long dueNanos) {
    static Chunk data(byte[] bytes, long dueNanos) {
      return new Chunk(Kind.DATA, bytes, dueNanos);
    }

    static Chunk end(long dueNanos) {
      return new Chunk(Kind.END, null, dueNanos);
    }

    static Chunk reset(long dueNanos) {
      return new Chunk(Kind.RESET, null, dueNanos);
    }
  }
}
