package io.khorosjdbc.driver.api;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file through which every process on the machine that names it spends one {@link
 * RequestBudget}: DBeaver, a shell and a local Spark job may all use the same tenant, and the
 * server counts their requests together.
 *
 * <p>Each update locks the file with {@link FileChannel#lock()}, which other processes respect, and
 * also takes a lock per file in this JVM, because a JVM refuses a second lock on a file it already
 * holds ({@link OverlappingFileLockException}) rather than waiting for it. Under both it reads the
 * {@link BudgetLog}, lets the caller change it and writes it back. A file that cannot be used never
 * fails a query: a damaged one is taken as empty and rewritten, and one that cannot be opened
 * leaves the budget to this process alone until it can; each says so once at WARN. New files and
 * directories are readable by their owner only where the file system has POSIX permissions: the
 * file tells when the user's queries ran.
 */
final class BudgetFile {

  private static final Logger LOG = LoggerFactory.getLogger(RequestBudget.class);
  private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  /**
   * Far above any real log (at most 10,000 sends of about 20 bytes): anything larger is not ours.
   */
  private static final int MAX_BYTES = 1 << 20;

  private static final Set<OpenOption> OPEN = Set.of(READ, WRITE, CREATE);

  private final Path path;
  private final ReentrantLock jvmLock;

  /** Whether the last update could not use the file (so that is reported once, not per request). */
  private boolean unusable;

  BudgetFile(Path path) {
    this.path = path.toAbsolutePath().normalize();
    this.jvmLock = JVM_LOCKS.computeIfAbsent(key(this.path), k -> new ReentrantLock());
  }

  Path path() {
    return path;
  }

  /**
   * The file's identity for the JVM lock: two spellings of one directory must share a lock. Falls
   * back to the path as given when the directory cannot be made now; the first update reports it.
   */
  private static Path key(Path path) {
    try {
      createDirectories(path.getParent());
      return path.getParent().toRealPath().resolve(path.getFileName());
    } catch (IOException | RuntimeException e) {
      return path;
    }
  }

  /**
   * Applies {@code step} to the shared log, writing it back when the step changed it, and leaves
   * {@code fallback} a copy of what the file now holds. When the file cannot be used, or the thread
   * is interrupted (the interrupt stays set), applies the step to {@code fallback} instead. The
   * step must only change the log: it may run twice.
   */
  <T> T update(BudgetLog fallback, Function<BudgetLog, T> step) {
    jvmLock.lock();
    try (FileChannel channel = open();
        FileLock ignored = channel.lock()) {
      BudgetLog log = read(channel);
      T result = step.apply(log);
      if (log.dirty()) {
        write(channel, log);
      }
      fallback.copyFrom(log);
      if (unusable) {
        unusable = false;
        LOG.info("request budget file {} can be used again", path);
      }
      return result;
    } catch (ClosedByInterruptException | FileLockInterruptionException e) {
      Thread.currentThread().interrupt();
    } catch (IOException
        | OverlappingFileLockException
        | SecurityException
        | UnsupportedOperationException e) {
      if (!unusable) {
        unusable = true;
        LOG.warn(
            "request budget file {} cannot be used ({}); until it can, this process keeps its "
                + "budget alone and does not see other processes' requests",
            path,
            e.toString());
      }
    } finally {
      jvmLock.unlock();
    }
    return step.apply(fallback);
  }

  private FileChannel open() throws IOException {
    createDirectories(path.getParent());
    return posix(path)
        ? FileChannel.open(path, OPEN, ownerOnly("rw-------"))
        : FileChannel.open(path, OPEN);
  }

  private static void createDirectories(Path directory) throws IOException {
    if (directory == null || Files.isDirectory(directory)) {
      return;
    }
    if (posix(directory)) {
      Files.createDirectories(directory, ownerOnly("rwx------"));
    } else {
      Files.createDirectories(directory);
    }
  }

  private static FileAttribute<?> ownerOnly(String permissions) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private BudgetLog read(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size > MAX_BYTES) {
      return damaged("larger than " + MAX_BYTES + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
      // read on until full or at the end
    }
    try {
      return BudgetLog.parse(new String(buffer.array(), 0, buffer.position(), UTF_8));
    } catch (IllegalArgumentException e) {
      return damaged(e.getMessage());
    }
  }

  private BudgetLog damaged(String why) {
    LOG.warn(
        "request budget file {} is damaged ({}); treating it as empty and rewriting it", path, why);
    BudgetLog log = new BudgetLog();
    log.markDirty();
    return log;
  }

  private static void write(FileChannel channel, BudgetLog log) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(log.format().getBytes(US_ASCII));
    while (bytes.hasRemaining()) {
      channel.write(bytes, bytes.position());
    }
    channel.truncate(bytes.limit());
  }
}
