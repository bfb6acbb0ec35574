package io.khorosjdbc.driver.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small file that several threads and several processes on one machine read and rewrite at once
 * (the saved export jobs, the learned job durations). Without care, two processes that read the
 * file, change it and write it back at the same moment lose one of the changes; a reader that meets
 * half a file sees garbage.
 *
 * <p>So every rewrite holds an exclusive lock on a sibling {@code .lock} file for its whole
 * read-change-write, and publishes the new content by writing a temporary file and moving it into
 * place: a reader never sees half a file and needs no lock. A process holds file locks for all its
 * threads, and a second lock on the same file from the same JVM throws {@code
 * OverlappingFileLockException} instead of waiting, so the threads of this JVM first queue on a
 * lock shared by every instance that names the same file.
 *
 * <p>The content is created owner-only where the file system has POSIX permissions: the saved jobs
 * hold URLs that carry an access token.
 *
 * <p>The file I/O runs with the calling thread's interrupt flag cleared, and restored afterwards.
 * An interrupted thread would otherwise find every file channel closed under it, and a query that
 * is cancelled (by interrupting its thread) is exactly when its running job must be remembered.
 */
final class SharedFile {
  private static final Logger LOG = LoggerFactory.getLogger(SharedFile.class);
  private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
  private static final int ATTEMPTS_WHEN_INTERRUPTED = 3;

  /** Reads the file's current content; empty when there is no file. */
  @FunctionalInterface
  interface Source {
    Optional<byte[]> content() throws IOException;
  }

  /** Computes the new content from the current one. */
  @FunctionalInterface
  interface Change {
    byte[] apply(Source current) throws IOException;
  }

  @FunctionalInterface
  private interface Io<T> {
    T run() throws IOException;
  }

  private final Path file;
  private volatile boolean swept;

  SharedFile(Path file) {
    this.file = requireNonNull(file, "file").toAbsolutePath().normalize();
    requireNonNull(this.file.getParent(), "the file's directory");
  }

  Path path() {
    return file;
  }

  /** The current content without taking the lock: a rewrite replaces the file in one move. */
  Optional<byte[]> read() throws IOException {
    return uninterrupted(this::readNow);
  }

  /**
   * Replaces the content with {@code change} applied to the current content, while holding this
   * JVM's lock and the file lock, so that no other thread or process changes the file in between.
   *
   * @return the content written
   * @throws IOException if the file could not be locked or written (the file is then unchanged)
   */
  byte[] update(Change change) throws IOException {
    requireNonNull(change, "change");
    return uninterrupted(() -> updateNow(change));
  }

  /**
   * What to log about a failure to read or parse the file. A parser's message may quote the
   * content, which can hold an access token, so only the kind of error and its place are given.
   */
  static String describe(IOException e) {
    if (e instanceof JsonProcessingException json) {
      JsonLocation where = json.getLocation();
      return e.getClass().getSimpleName()
          + (where == null
              ? ""
              : " at line " + where.getLineNr() + ", column " + where.getColumnNr());
    }
    return e.toString();
  }

  private Optional<byte[]> readNow() throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private byte[] updateNow(Change change) throws IOException {
    Path directory = file.getParent();
    Files.createDirectories(directory);
    // One key per real file, so that two paths to one directory still share the JVM lock.
    Path lockFile = directory.toRealPath().resolve(file.getFileName() + ".lock");
    ReentrantLock inThisJvm = IN_THIS_JVM.computeIfAbsent(lockFile, key -> new ReentrantLock());
    inThisJvm.lock();
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      sweepLeftovers(directory);
      byte[] next = change.apply(this::readNow);
      write(directory, next);
      return next;
    } finally {
      inThisJvm.unlock();
    }
  }

  private void write(Path directory, byte[] content) throws IOException {
    Path temp = Files.createTempFile(directory, tempPrefix(), ".tmp", ownerOnly(directory));
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        // On disk before the move, so a crash leaves the old file or the new one, not an empty one.
        out.force(true);
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Removes temporary files left by a process killed while writing. Every temporary file is made
   * under the file lock, so while this process holds it any other one is a leftover.
   */
  private void sweepLeftovers(Path directory) {
    if (swept) {
      return;
    }
    swept = true;
    String prefix = tempPrefix();
    try (DirectoryStream<Path> leftovers =
        Files.newDirectoryStream(
            directory,
            path -> {
              String name = path.getFileName().toString();
              return name.startsWith(prefix) && name.endsWith(".tmp");
            })) {
      leftovers.forEach(SharedFile::deleteQuietly);
    } catch (IOException | DirectoryIteratorException e) {
      LOG.debug("could not list {} for leftover temporary files: {}", directory, e.toString());
    }
  }

  private String tempPrefix() {
    return file.getFileName() + ".";
  }

  private static FileAttribute<?>[] ownerOnly(Path directory) {
    return directory.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.debug("could not remove temporary file {}: {}", path, e.toString());
    }
  }

  private static <T> T uninterrupted(Io<T> io) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return io.run();
        } catch (ClosedByInterruptException | FileLockInterruptionException e) {
          // Interrupted during the I/O: the work is redone from the start, the flag kept for later.
          interrupted |= Thread.interrupted();
          if (attempt == ATTEMPTS_WHEN_INTERRUPTED) {
            throw e;
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
